//! `credential get --clip`: the password on the system clipboard for a while, then gone, as
//! `pass -c` does. The clipboard is opened before the vault is asked anything, so that a
//! machine with no display spends no use of a grant and releases nothing (the release is on
//! the record and counted; a password that cannot be put anywhere should never leave the vault).
//!
//! The process stays until the time is up (or Ctrl-C, which clears at once) rather than leaving
//! a child behind: on X11 the clipboard's content lives in the process that set it, so some
//! process has to stay anyway, and this way the person sees that it is still there. At the end
//! the clipboard is cleared only if it still holds that password: whatever the person copied
//! since is theirs and stays.

use std::future::Future;
use std::time::Duration;
use zeroize::Zeroizing;

/// `pass -c` keeps a password 45 s.
pub const DEFAULT_SECS: u64 = 45;
/// Below this a person cannot switch windows and paste; above it the password lingers.
pub const SECS: std::ops::RangeInclusive<u64> = 5..=600;

/// Why the clipboard cannot hold the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// No graphical session to hold a clipboard (neither DISPLAY nor WAYLAND_DISPLAY).
    NoDisplay,
    /// The clipboard would not open or take the text; what the system said.
    Failed(String),
}

/// What happened when the time was up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The password was wiped from the clipboard.
    Cleared,
    /// The clipboard held something else by then: left as it is.
    Replaced,
}

/// The few clipboard operations the hold needs: the system's (arboard), or a test's.
pub trait Board {
    /// The text on the clipboard now; None when it holds none (or cannot be read).
    fn text(&mut self) -> Option<Zeroizing<String>>;
    fn set(&mut self, text: &str) -> Result<(), Unavailable>;
    fn clear(&mut self) -> Result<(), Unavailable>;
}

/// The system clipboard.
pub struct SystemBoard(arboard::Clipboard);

/// How many times the clipboard is opened before it is said unusable.
const OPEN_TRIES: u32 = 5;

impl SystemBoard {
    /// Opens the clipboard, or says why it cannot (before the vault is asked anything).
    pub fn open() -> Result<SystemBoard, Unavailable> {
        if !display_present(|name| std::env::var_os(name)) {
            return Err(Unavailable::NoDisplay);
        }
        // A busy X server can refuse a connection for a moment (seen under Xvfb on a loaded
        // machine): a few tries, a fifth of a second apart, before saying it cannot be used.
        let mut tries = 1;
        loop {
            match arboard::Clipboard::new() {
                Ok(board) => return Ok(SystemBoard(board)),
                Err(_) if tries < OPEN_TRIES => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
                Err(e) => return Err(Unavailable::Failed(e.to_string())),
            }
        }
    }
}

impl Board for SystemBoard {
    fn text(&mut self) -> Option<Zeroizing<String>> {
        self.0.get_text().ok().map(Zeroizing::new)
    }

    fn set(&mut self, text: &str) -> Result<(), Unavailable> {
        self.0
            .set_text(text)
            .map_err(|e| Unavailable::Failed(e.to_string()))
    }

    fn clear(&mut self) -> Result<(), Unavailable> {
        self.0
            .clear()
            .map_err(|e| Unavailable::Failed(e.to_string()))
    }
}

/// Whether a graphical session could hold a clipboard. Only the X11/Wayland desktops need one
/// named in the environment; Windows and macOS always have their clipboard.
fn display_present(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    if cfg!(any(windows, target_os = "macos")) {
        return true;
    }
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|name| var(name).is_some_and(|v| !v.is_empty()))
}

/// Puts `secret` on `board`, waits for `until` (the time, or Ctrl-C), then clears the board if
/// it still holds `secret`.
pub async fn hold<B: Board>(
    board: &mut B,
    secret: &str,
    until: impl Future<Output = ()>,
) -> Result<Ending, Unavailable> {
    board.set(secret)?;
    until.await;
    let now = board.text();
    if still_ours(now.as_deref().map(String::as_str), secret) {
        board.clear()?;
        Ok(Ending::Cleared)
    } else {
        Ok(Ending::Replaced)
    }
}

/// The wait: `secs`, or Ctrl-C, whichever comes first.
pub async fn time_up(secs: u64) {
    tokio::select! {
        _ = tokio::time::sleep(Duration::from_secs(secs)) => {}
        _ = tokio::signal::ctrl_c() => {}
    }
}

/// Whether the clipboard still holds what we put there, compared without an early exit (how
/// much of the password another text shares should not show in the time taken).
fn still_ours(now: Option<&str>, ours: &str) -> bool {
    now.is_some_and(|now| {
        now.len() == ours.len()
            && now
                .bytes()
                .zip(ours.bytes())
                .fold(0u8, |differ, (a, b)| differ | (a ^ b))
                == 0
    })
}

/// `--clip-seconds`: a whole number of seconds within `SECS`.
pub fn parse_secs(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(secs) if SECS.contains(&secs) => Ok(secs),
        _ => Err(format!("{}..={}", SECS.start(), SECS.end())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    /// A clipboard in memory; `others` lets a test copy something else during the hold.
    #[derive(Default, Clone)]
    struct MemoryBoard {
        content: Rc<RefCell<Option<String>>>,
        clears: Rc<RefCell<u32>>,
    }

    impl Board for MemoryBoard {
        fn text(&mut self) -> Option<Zeroizing<String>> {
            self.content.borrow().clone().map(Zeroizing::new)
        }
        fn set(&mut self, text: &str) -> Result<(), Unavailable> {
            *self.content.borrow_mut() = Some(text.to_owned());
            Ok(())
        }
        fn clear(&mut self) -> Result<(), Unavailable> {
            *self.clears.borrow_mut() += 1;
            *self.content.borrow_mut() = None;
            Ok(())
        }
    }

    fn run<F: Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap()
            .block_on(future)
    }

    #[test]
    fn the_password_is_there_during_the_wait_and_gone_after() {
        let mut board = MemoryBoard::default();
        let seen = board.clone();
        let ending = run(hold(&mut board, "s3cret", async {
            assert_eq!(seen.content.borrow().as_deref(), Some("s3cret"));
        }));
        assert_eq!(ending, Ok(Ending::Cleared));
        assert_eq!(*board.content.borrow(), None);
        assert_eq!(*board.clears.borrow(), 1);
    }

    #[test]
    fn what_the_person_copied_meanwhile_is_left_alone() {
        let mut board = MemoryBoard::default();
        let other = board.clone();
        let ending = run(hold(&mut board, "s3cret", async {
            *other.content.borrow_mut() = Some("s3cret and more".to_owned());
        }));
        assert_eq!(ending, Ok(Ending::Replaced));
        assert_eq!(board.content.borrow().as_deref(), Some("s3cret and more"));
        assert_eq!(*board.clears.borrow(), 0, "never cleared");
    }

    #[test]
    fn the_wait_lasts_the_seconds_asked_and_no_more() {
        // Tokio's paused clock: the sleep's length is measured, not waited for.
        run(async {
            let start = tokio::time::Instant::now();
            let mut board = MemoryBoard::default();
            let ending = hold(
                &mut board,
                "s3cret",
                tokio::time::sleep(Duration::from_secs(45)),
            )
            .await
            .unwrap();
            assert_eq!(ending, Ending::Cleared);
            assert_eq!(start.elapsed().as_secs(), 45);
        });
    }

    #[test]
    fn clip_seconds_are_bounded() {
        assert_eq!(parse_secs("45"), Ok(45));
        assert_eq!(parse_secs("5"), Ok(5));
        assert_eq!(parse_secs("600"), Ok(600));
        for bad in ["4", "0", "601", "-5", "45s", "", "99999999999999999999"] {
            assert_eq!(parse_secs(bad), Err("5..=600".to_owned()), "{bad}");
        }
        assert!(SECS.contains(&DEFAULT_SECS));
    }

    #[test]
    fn a_clipboard_needs_a_display_on_x11_and_wayland_desktops() {
        use std::ffi::OsString;
        let env = |set: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                set.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| OsString::from(v))
            }
        };
        let desktop = !cfg!(any(windows, target_os = "macos"));
        assert_eq!(display_present(env(&[])), !desktop);
        assert_eq!(display_present(env(&[("DISPLAY", "")])), !desktop);
        assert!(display_present(env(&[("DISPLAY", ":0")])));
        assert!(display_present(env(&[("WAYLAND_DISPLAY", "wayland-0")])));
    }

    #[test]
    fn only_the_same_text_counts_as_ours() {
        assert!(still_ours(Some("abc"), "abc"));
        assert!(!still_ours(Some("abd"), "abc"));
        assert!(!still_ours(Some("ab"), "abc"));
        assert!(!still_ours(None, "abc"));
    }
}
