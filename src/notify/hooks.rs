//! Running a hook: a program the operator configured for an event kind, given the event as JSON
//! on its standard input. No shell; an empty environment but `PATH` and `LANG`; its own process
//! group, killed whole when its time runs out; at most a few KiB of its output kept (the rest
//! read and dropped, so that it never blocks on a full pipe), and only to be logged, escaped.
//! A hook runs once per event: it is not retried (it may have acted before failing).

use super::config::Hook;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};

/// The most bytes of a hook's standard error kept for the log.
pub const KEPT_OUTPUT: usize = 2048;
/// After a kill, how long to wait for the process to be reaped.
const REAP: Duration = Duration::from_secs(5);

/// How a hook ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HookOutcome {
    /// Exit status 0.
    Succeeded,
    /// It could not be started, or it exited otherwise; `detail` says how (escaped).
    Failed { detail: String },
    /// Its time ran out; it was killed.
    TimedOut,
}

impl HookOutcome {
    /// The record's outcome and reason.
    pub fn record(&self) -> (&'static str, &'static str) {
        match self {
            HookOutcome::Succeeded => ("sent", ""),
            HookOutcome::Failed { .. } => ("failed", "hook_failed"),
            HookOutcome::TimedOut => ("failed", "hook_timeout"),
        }
    }
}

/// Reads all of `from`, keeping the first `keep` bytes.
async fn drain(mut from: impl AsyncRead + Unpin, keep: usize) -> Vec<u8> {
    let mut kept = Vec::new();
    let mut buffer = [0u8; 4096];
    while let Ok(n) = from.read(&mut buffer).await {
        if n == 0 {
            break;
        }
        let room = keep.saturating_sub(kept.len());
        kept.extend_from_slice(&buffer[..n.min(room)]);
    }
    kept
}

/// Runs `hook` with `input` on its standard input.
pub async fn run(hook: &Hook, input: &[u8]) -> HookOutcome {
    let (program, args) = hook
        .command
        .split_first()
        .expect("the configuration refuses an empty command");
    let mut command = tokio::process::Command::new(program);
    command
        .args(args)
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .kill_on_drop(true);
    for name in ["PATH", "LANG"] {
        if let Some(value) = std::env::var_os(name) {
            command.env(name, value);
        }
    }
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            return HookOutcome::Failed {
                detail: format!("not started: {e}"),
            }
        }
    };
    let pid = child.id();
    let (stdin, stdout, stderr) = (child.stdin.take(), child.stdout.take(), child.stderr.take());
    let work = async {
        let feed = async {
            if let Some(mut stdin) = stdin {
                // A hook that does not read its input is not a failure.
                let _ = stdin.write_all(input).await;
                let _ = stdin.shutdown().await;
            }
        };
        let out = async {
            match stdout {
                Some(s) => drain(s, 0).await,
                None => Vec::new(),
            }
        };
        let err = async {
            match stderr {
                Some(s) => drain(s, KEPT_OUTPUT).await,
                None => Vec::new(),
            }
        };
        let ((), _, err, status) = tokio::join!(feed, out, err, child.wait());
        (status, err)
    };
    match tokio::time::timeout(hook.timeout, work).await {
        Ok((Ok(status), _)) if status.success() => HookOutcome::Succeeded,
        Ok((Ok(status), err)) => HookOutcome::Failed {
            detail: format!(
                "{status}; stderr: {}",
                String::from_utf8_lossy(&err).escape_debug()
            ),
        },
        Ok((Err(e), _)) => HookOutcome::Failed {
            detail: e.to_string(),
        },
        Err(_) => {
            // The whole group: a hook's own children go with it.
            if let Some(pid) = pid.and_then(|p| i32::try_from(p).ok()) {
                let _ = nix::sys::signal::killpg(
                    nix::unistd::Pid::from_raw(pid),
                    nix::sys::signal::Signal::SIGKILL,
                );
            }
            let _ = child.start_kill();
            let _ = tokio::time::timeout(REAP, child.wait()).await;
            HookOutcome::TimedOut
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hook(script: &str, timeout: Duration) -> Hook {
        Hook {
            command: vec!["/bin/sh".into(), "-c".into(), script.into()],
            timeout,
        }
    }

    #[tokio::test]
    async fn a_hook_reads_the_event_and_sees_only_path_and_lang() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let script = format!(
            "cat > {0}; env | cut -d= -f1 | sort | tr '\\n' ' ' >> {0}",
            out.display()
        );
        let outcome = run(&hook(&script, Duration::from_secs(10)), b"{\"seq\":1}").await;
        assert_eq!(outcome, HookOutcome::Succeeded);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with("{\"seq\":1}"), "{text}");
        let names: Vec<&str> = text["{\"seq\":1}".len()..].split_whitespace().collect();
        // sh adds PWD (and SHLVL, _) itself; nothing of ours leaks in.
        for name in &names {
            assert!(
                ["PATH", "LANG", "PWD", "SHLVL", "_", "OLDPWD"].contains(name),
                "{name} in {names:?}"
            );
        }
    }

    #[tokio::test]
    async fn a_failing_hook_says_how_with_bounded_output() {
        let outcome = run(
            &hook(
                "head -c 100000 /dev/zero | tr '\\0' x >&2; exit 3",
                Duration::from_secs(10),
            ),
            b"",
        )
        .await;
        match outcome {
            HookOutcome::Failed { detail } => {
                assert!(detail.contains("exit status: 3"), "{detail}");
                assert!(detail.len() < KEPT_OUTPUT + 100, "{}", detail.len());
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            outcome_of_missing().await.record(),
            ("failed", "hook_failed")
        );
    }

    async fn outcome_of_missing() -> HookOutcome {
        run(
            &Hook {
                command: vec!["/nonexistent/hook".into()],
                timeout: Duration::from_secs(1),
            },
            b"",
        )
        .await
    }

    #[tokio::test]
    async fn a_hook_past_its_time_is_killed_with_its_children() {
        let dir = tempfile::tempdir().unwrap();
        let marker = dir.path().join("late");
        let script = format!("(sleep 2; touch {}) & sleep 30", marker.display());
        let started = std::time::Instant::now();
        let outcome = run(&hook(&script, Duration::from_millis(300)), b"").await;
        assert_eq!(outcome, HookOutcome::TimedOut);
        assert_eq!(outcome.record(), ("failed", "hook_timeout"));
        assert!(started.elapsed() < Duration::from_secs(5));
        tokio::time::sleep(Duration::from_millis(2500)).await;
        assert!(!marker.exists(), "the hook's child outlived the kill");
    }
}
