//! The page updates by itself: the console follows the vault's `Events.Follow` stream (pushed
//! from the daemon's commit path, no polling) and passes each new event's kind to the page
//! through Server-Sent Events; the page's script then reloads its live part. A broken stream
//! is followed again from the last event seen; a vault that does not offer the stream is said
//! once on the terminal, and the page still works (reloaded by hand).

use super::state::{Console, Signal};
use super::words as w;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};
use vaultd::wire::pb;
use vaultd::wire::pb::events_client::EventsClient;

/// Longest pause between two attempts to follow the stream again.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Follows the vault's events for as long as the console runs.
pub async fn follow(console: Arc<Console>) {
    // Events committed before the console started are history: counted past, not signalled.
    let started = crate::decisions::now();
    let mut after_seq = 0;
    let mut backoff = Duration::from_secs(1);
    loop {
        let mut client = EventsClient::new(console.channel.clone());
        match client.follow(pb::FollowEventsRequest { after_seq }).await {
            Ok(stream) => {
                backoff = Duration::from_secs(1);
                let mut stream = stream.into_inner();
                while let Ok(Some(event)) = stream.message().await {
                    after_seq = after_seq.max(event.seq);
                    // A kind is a short code; anything else would not fit an SSE line.
                    let plain = event.kind.len() <= 64
                        && event
                            .kind
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
                    if event.at >= started && plain {
                        let _ = console.signals.send(Signal::Changed(event.kind));
                    }
                }
            }
            Err(status)
                if matches!(
                    status.code(),
                    tonic::Code::Unimplemented | tonic::Code::PermissionDenied
                ) =>
            {
                let detail = crate::error::CliError::Status(status).describe(console.lang);
                eprintln!(
                    "{}",
                    w::NO_EVENTS.fill(console.lang, &[("detail", &detail)])
                );
                return;
            }
            Err(_) => {}
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

/// `GET /events`: the page's stream. `changed` with the event's kind; `closed` once, when the
/// console stops (the page then closes its end; the process is about to exit).
pub async fn stream(
    State(console): State<Arc<Console>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let signals = BroadcastStream::new(console.signals.subscribe())
        // A page that fell behind only needs to know that something changed.
        .map(|signal| signal.unwrap_or_else(|_| Signal::Changed("lagged".into())))
        .map(|signal| {
            Ok(match signal {
                Signal::Changed(kind) => Event::default().event("changed").data(kind),
                // Browsers drop an event whose data is empty.
                Signal::Closed => Event::default().event("closed").data("closed"),
            })
        });
    Sse::new(signals).keep_alive(KeepAlive::default())
}
