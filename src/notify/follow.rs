//! The notifier's loop: follow the vault's events after the cursor (`Events.Follow` over mTLS),
//! and for each one in order send its mail (or skip it: no address), run its hook, put each
//! outcome on the vault's record (`Events.Record`), and only then move the cursor past it.
//!
//! Faults. The SMTP server down or refusing: the mail is tried again, waits doubling up to a
//! minute, without moving on, however long it takes (a permanent refusal too: an event is
//! never dropped; the operator sees `notification.failed` on the record and in the log, at
//! attempts 1, 2, 4, 8, ..., fixes the address or the server, and the next try sends it with the
//! same Message-ID). The stream ending or the vault unreachable (a restart): reconnect with the
//! same waits and resume after the cursor. The notifier killed: each step done is written to
//! the state file before the next begins, so a restart sends no mail twice, save one accepted
//! by the server in the instant before its state was written (at least once, never lost).

use super::backoff::{delay, worth_telling};
use super::config::{Config, ConfigError, Hook, MAX_DIGEST_EVERY};
use super::event::{to_json, Kind};
use super::hooks::HookOutcome;
use super::message_id::{message_id, vault_tag};
use super::smtp::{Mailer, Outgoing, SendError};
use super::state::{Done, Progress, State, StateError, StateFile};
use crate::identity::{Identity, IdentityError};
use crate::wire::pb::events_client::EventsClient;
use crate::wire::pb::{FollowEventsRequest, NotificationRecord, VaultEvent};
use std::time::Duration;
use tonic::transport::Channel;

/// How long a best-effort record (of a failed attempt) may take.
const RECORD_TIMEOUT: Duration = Duration::from_secs(10);
/// The highest attempt number the vault records (its bound on `attempt`: a retry a minute
/// for about ten weeks); later attempts are recorded as this one.
const MAX_RECORDED_ATTEMPT: u32 = 100_000;

/// Why the notifier does not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// The configuration (or its credentials file) is refused.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The identity file cannot be used.
    #[error(transparent)]
    Identity(#[from] IdentityError),
    /// The identity file holds no enrolment yet.
    #[error("{0}: this identity is not enrolled yet (vault-cli identity install)")]
    NotEnrolled(String),
    /// The state directory or file cannot be used.
    #[error(transparent)]
    State(#[from] StateError),
    /// The SMTP transport cannot be set up.
    #[error(transparent)]
    Smtp(#[from] SendError),
}

/// Which channel an outcome is for.
#[derive(Clone, Copy)]
enum Via {
    Mail,
    Hook,
}

impl Via {
    fn name(self) -> &'static str {
        match self {
            Via::Mail => "mail",
            Via::Hook => "hook",
        }
    }
}

/// Everything the loop holds.
pub struct Notifier {
    config: Config,
    identity: Identity,
    mailer: Mailer,
    state_file: StateFile,
    state: State,
    /// This vault's and notifier's part of every Message-ID.
    tag: String,
}

impl Notifier {
    /// Checks everything the loop needs before it begins: the identity (plain, mode 0600,
    /// enrolled), the SMTP credentials file, the state directory and file.
    pub fn start(config: Config) -> Result<Notifier, StartError> {
        let identity = Identity::load(&config.identity, || None)?;
        let Some(ca) = identity.ca_pem.clone().filter(|_| identity.is_enrolled()) else {
            return Err(StartError::NotEnrolled(
                config.identity.display().to_string(),
            ));
        };
        let credentials = config.read_credentials()?;
        let mailer = Mailer::new(&config.smtp, credentials)?;
        let (state_file, state) = StateFile::open(&config.state_dir)?;
        let tag = vault_tag(&ca, &identity.name);
        Ok(Notifier {
            config,
            identity,
            mailer,
            state_file,
            state,
            tag,
        })
    }

    /// The notifier's principal name (its identity's).
    pub fn principal(&self) -> &str {
        &self.identity.name
    }

    /// The last event handled whole.
    pub fn cursor(&self) -> u64 {
        self.state.cursor
    }

    /// Follows the vault for ever; returns only when the state can no longer be written (the
    /// notifier must not go on without it).
    pub async fn run(mut self) -> Result<(), StateError> {
        let mut failures = 0u32;
        loop {
            let (handled, ended) = self.follow_once().await;
            if handled > 0 {
                failures = 0;
            }
            failures = failures.saturating_add(1);
            match ended {
                Err(Stop::State(e)) => return Err(e),
                Ok(()) => tracing::info!(
                    cursor = self.state.cursor,
                    "the vault ended the event stream; following again"
                ),
                Err(Stop::Vault(why)) if worth_telling(failures) => tracing::warn!(
                    attempt = failures,
                    cursor = self.state.cursor,
                    "cannot follow the vault's events ({why}); trying again"
                ),
                Err(Stop::Vault(_)) => {}
            }
            tokio::time::sleep(delay(failures)).await;
        }
    }

    /// One stream, from connecting to its end: how many events it handled, and how it ended.
    async fn follow_once(&mut self) -> (u64, Result<(), Stop>) {
        let mut handled = 0;
        let channel = match crate::wire::client::connect(&self.identity, None).await {
            Ok(channel) => channel,
            Err(e) => return (0, Err(Stop::Vault(e.to_string()))),
        };
        let mut client = EventsClient::new(channel);
        let request = FollowEventsRequest {
            after_seq: self.state.cursor,
        };
        let mut stream = match client.follow(request).await {
            Ok(response) => response.into_inner(),
            Err(status) => return (0, Err(Stop::Vault(describe(&status)))),
        };
        tracing::info!(after = self.state.cursor, "following the vault's events");
        loop {
            // Waiting on the next event, or on the next digest due, whichever comes first
            // (`message` keeps its place in the stream when the timer wins).
            let wait = self.until_next_digest();
            let next = tokio::select! {
                message = stream.message() => Some(message),
                () = tokio::time::sleep(wait.unwrap_or_default()), if wait.is_some() => None,
            };
            let Some(message) = next else {
                if let Err(e) = self.send_due_digests(&mut client).await {
                    return (handled, Err(Stop::State(e)));
                }
                continue;
            };
            match message {
                Ok(Some(event)) => {
                    if let Err(e) = self.handle(&mut client, event).await {
                        return (handled, Err(Stop::State(e)));
                    }
                    handled += 1;
                    // A backlog's digests go as soon as due, between its events.
                    if let Err(e) = self.send_due_digests(&mut client).await {
                        return (handled, Err(Stop::State(e)));
                    }
                }
                Ok(None) => return (handled, Ok(())),
                Err(status) => return (handled, Err(Stop::Vault(describe(&status)))),
            }
        }
    }

    /// One event, from where the state says it stands to the cursor past it.
    async fn handle(
        &mut self,
        client: &mut EventsClient<Channel>,
        event: VaultEvent,
    ) -> Result<(), StateError> {
        if event.seq <= self.state.cursor {
            return Ok(());
        }
        let Some(kind) = Kind::parse(&event.kind) else {
            tracing::debug!(seq = event.seq, kind = %event.kind.escape_debug(), "not an event the notifier acts on");
            return self.advance(event.seq);
        };
        let mut progress = match self.state.current.take() {
            Some(p) if p.seq == event.seq => p,
            Some(p) => {
                tracing::warn!(
                    kept = p.seq,
                    got = event.seq,
                    "the state held another event in hand; starting this one afresh"
                );
                Progress::new(event.seq)
            }
            None => Progress::new(event.seq),
        };
        if kind == Kind::DelegationDecision {
            // Told in its delegation's digest, saved with the cursor that passes it; its
            // outcome goes on the record when the digest is sent.
            if self.state.digests.full_for(&event) {
                self.send_all_digests(client).await?;
            }
            if self.state.digests.sending(&event.delegation_id) {
                self.send_digest(client, &event.delegation_id).await?;
            }
            if !self.state.digests.add(&event) {
                tracing::debug!(
                    seq = event.seq,
                    "delegation.decision gathered already, or naming no delegation"
                );
            }
        } else if progress.mail.is_none() {
            progress.mail = Some(self.mail(client, kind, &event).await);
            self.keep(&progress)?;
        }
        if progress.hook.is_none() {
            if let Some(hook) = self.config.hooks.get(&kind).cloned() {
                progress.hook = Some(self.hook(&hook, kind, &event).await);
                self.keep(&progress)?;
            }
        }
        for channel in [Via::Mail, Via::Hook] {
            let slot = match channel {
                Via::Mail => &mut progress.mail,
                Via::Hook => &mut progress.hook,
            };
            if let Some(done) = slot.as_mut().filter(|d| !d.recorded) {
                record_until_done(client, event.seq, channel, done).await;
                done.recorded = true;
                self.keep(&progress)?;
            }
        }
        self.advance(event.seq)
    }

    fn keep(&mut self, progress: &Progress) -> Result<(), StateError> {
        self.state.current = Some(progress.clone());
        self.state_file.save(&self.state)
    }

    fn advance(&mut self, seq: u64) -> Result<(), StateError> {
        self.state.cursor = seq;
        self.state.current = None;
        self.state_file.save(&self.state)
    }

    /// How long until the next digest is due (None: none open).
    fn until_next_digest(&self) -> Option<Duration> {
        let due = self.state.digests.next_due(self.digest_every())?;
        Some(Duration::from_secs(
            due.saturating_sub(unix_now()).max(0) as u64
        ))
    }

    fn digest_every(&self) -> i64 {
        self.config.digest_every.as_secs() as i64
    }

    /// Sends every digest due now.
    async fn send_due_digests(
        &mut self,
        client: &mut EventsClient<Channel>,
    ) -> Result<(), StateError> {
        for delegation in self.state.digests.due(unix_now(), self.digest_every()) {
            self.send_digest(client, &delegation).await?;
        }
        Ok(())
    }

    /// Sends every open digest (no room for another delegation's: never in practice).
    async fn send_all_digests(
        &mut self,
        client: &mut EventsClient<Channel>,
    ) -> Result<(), StateError> {
        let open: Vec<String> = self.state.digests.open.keys().cloned().collect();
        for delegation in open {
            self.send_digest(client, &delegation).await?;
        }
        Ok(())
    }

    /// One digest: its mail (or skipped: no address), saved; then its outcome on the record for
    /// each decision, each saved; then closed. A restart resumes at the step it stopped at, so
    /// the mail is sent again only if the server took it in the instant before it was saved.
    async fn send_digest(
        &mut self,
        client: &mut EventsClient<Channel>,
        delegation: &str,
    ) -> Result<(), StateError> {
        let Some(digest) = self.state.digests.open.get(delegation).cloned() else {
            return Ok(());
        };
        let Some(first) = digest.decisions.first().map(|d| d.seq) else {
            self.state.digests.open.remove(delegation);
            return self.state_file.save(&self.state);
        };
        let done = match digest.mail.clone() {
            Some(done) => done,
            None => {
                let audience = super::recipients::principal(&digest.to, &self.config.to);
                let letter = super::digest::compose(
                    delegation,
                    &digest,
                    self.config.detail,
                    self.digest_every(),
                );
                // The first decision's number: the same id on every retry of this digest.
                let id = message_id(first, &self.tag, self.mailer.domain());
                let done = self
                    .deliver(client, first, "delegation.digest", audience, &letter, id)
                    .await;
                if let Some(open) = self.state.digests.open.get_mut(delegation) {
                    open.mail = Some(done.clone());
                }
                self.state_file.save(&self.state)?;
                done
            }
        };
        for decision in &digest.decisions {
            if digest.recorded.contains(&decision.seq) {
                continue;
            }
            record_until_done(client, decision.seq, Via::Mail, &done).await;
            if let Some(open) = self.state.digests.open.get_mut(delegation) {
                open.recorded.push(decision.seq);
            }
            self.state_file.save(&self.state)?;
        }
        self.state
            .digests
            .sent(delegation, unix_now(), MAX_DIGEST_EVERY.as_secs() as i64);
        self.state_file.save(&self.state)
    }

    /// Sends the event's mail, trying until the server takes it; or skips it (no address).
    async fn mail(
        &self,
        client: &mut EventsClient<Channel>,
        kind: Kind,
        event: &VaultEvent,
    ) -> Done {
        let audience = super::recipients::audience(kind, event, &self.config.to);
        let letter = super::mail::compose(
            kind,
            event,
            self.config.detail,
            self.config.console_hint.as_deref(),
        );
        let id = message_id(event.seq, &self.tag, self.mailer.domain());
        self.deliver(client, event.seq, kind.as_str(), audience, &letter, id)
            .await
    }

    /// Sends one letter to `audience`, trying until the server takes it (each failed attempt
    /// on record against event `seq` when worth telling); or skips it (no address).
    async fn deliver(
        &self,
        client: &mut EventsClient<Channel>,
        seq: u64,
        kind: &str,
        audience: super::recipients::Audience,
        letter: &super::mail::Letter,
        id: String,
    ) -> Done {
        if audience.addresses.is_empty() {
            tracing::info!(seq, kind, to = ?audience.names, "no address configured: mail skipped");
            return Done {
                outcome: "skipped".into(),
                reason: "no_address".into(),
                recipients: audience.names,
                message_id: String::new(),
                attempt: 1,
                recorded: false,
            };
        }
        let outgoing = Outgoing {
            to: &audience.addresses,
            subject: &letter.subject,
            body: &letter.body,
            message_id: &id,
        };
        let mut attempt = 0u32;
        loop {
            attempt = attempt.saturating_add(1);
            match self.mailer.send(&outgoing).await {
                Ok(()) => {
                    tracing::info!(seq, kind, to = ?audience.names, message_id = %id, attempt, "mail sent");
                    return Done {
                        outcome: "sent".into(),
                        reason: String::new(),
                        recipients: audience.names,
                        message_id: id,
                        attempt,
                        recorded: false,
                    };
                }
                Err(e) => {
                    if worth_telling(attempt) {
                        let permanent = matches!(
                            e,
                            SendError::Refused {
                                permanent: true,
                                ..
                            }
                        );
                        tracing::warn!(
                            seq,
                            kind,
                            attempt,
                            permanent,
                            "mail not sent, tried again in {}s: {e}",
                            delay(attempt).as_secs()
                        );
                        let failed = NotificationRecord {
                            event_seq: seq,
                            outcome: "failed".into(),
                            channel: "mail".into(),
                            recipients: audience.names.clone(),
                            reason: e.reason().into(),
                            message_id: id.clone(),
                            attempt: attempt.min(MAX_RECORDED_ATTEMPT),
                        };
                        // On the record when the vault can take it; the retry does not wait on it.
                        match tokio::time::timeout(RECORD_TIMEOUT, client.record(failed)).await {
                            Ok(Ok(_)) => {}
                            Ok(Err(status)) => tracing::warn!(
                                seq,
                                "could not record the failed attempt: {}",
                                describe(&status)
                            ),
                            Err(_) => tracing::warn!(
                                seq,
                                "could not record the failed attempt: no answer"
                            ),
                        }
                    }
                    tokio::time::sleep(delay(attempt)).await;
                }
            }
        }
    }

    /// Runs the event's hook once.
    async fn hook(&self, hook: &Hook, kind: Kind, event: &VaultEvent) -> Done {
        let input = to_json(kind, event, self.config.detail).to_string();
        let outcome = super::hooks::run(hook, input.as_bytes()).await;
        match &outcome {
            HookOutcome::Succeeded => {
                tracing::info!(seq = event.seq, kind = kind.as_str(), "hook ran")
            }
            HookOutcome::Failed { detail } => tracing::warn!(
                seq = event.seq,
                kind = kind.as_str(),
                "hook failed: {detail}"
            ),
            HookOutcome::TimedOut => {
                tracing::warn!(seq = event.seq, kind = kind.as_str(), timeout = ?hook.timeout, "hook killed: its time ran out")
            }
        }
        let (outcome, reason) = outcome.record();
        Done {
            outcome: outcome.into(),
            reason: reason.into(),
            recipients: Vec::new(),
            message_id: String::new(),
            attempt: 1,
            recorded: false,
        }
    }
}

/// Unix seconds now, as the digests' windows count them.
fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Why a stream stopped.
enum Stop {
    /// The vault: unreachable, refusing, or the stream broke.
    Vault(String),
    /// The state file could not be written: fatal.
    State(StateError),
}

/// A status as the log says it: its code and message (the vault's messages hold no secret).
fn describe(status: &tonic::Status) -> String {
    format!("{:?}: {}", status.code(), status.message().escape_debug())
}

/// Puts one outcome on the vault's record, trying until the vault takes it: the cursor does
/// not pass an event whose telling is not on the record.
async fn record_until_done(
    client: &mut EventsClient<Channel>,
    seq: u64,
    channel: Via,
    done: &Done,
) {
    let record = NotificationRecord {
        event_seq: seq,
        outcome: done.outcome.clone(),
        channel: channel.name().into(),
        recipients: done.recipients.clone(),
        reason: done.reason.clone(),
        message_id: done.message_id.clone(),
        attempt: done.attempt.min(MAX_RECORDED_ATTEMPT),
    };
    let mut attempt = 0u32;
    loop {
        attempt = attempt.saturating_add(1);
        let why = match tokio::time::timeout(RECORD_TIMEOUT, client.record(record.clone())).await {
            Ok(Ok(_)) => return,
            Ok(Err(status)) => describe(&status),
            Err(_) => "no answer".into(),
        };
        if worth_telling(attempt) {
            tracing::warn!(
                seq,
                channel = channel.name(),
                attempt,
                "could not put the outcome on the vault's record ({why}); trying again"
            );
        }
        tokio::time::sleep(delay(attempt)).await;
    }
}
