//! What the console holds while it runs: her identity (the signing key inside it, in zeroizing
//! memory, dropped with this state when the console stops), the channel to the vault, the
//! gates, the idle clock, and the signals its pages follow.

use super::guard::Guard;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio::sync::broadcast;
use tonic::transport::Channel;
use vaultd::i18n::Lang;
use vaultd::identity::Identity;

/// What the page is told through its event stream.
#[derive(Debug, Clone)]
pub enum Signal {
    /// Something changed in the vault (the event's kind): reload the lists.
    Changed(String),
    /// The console is closing: say so, stop listening.
    Closed,
}

pub struct Console {
    pub lang: Lang,
    pub guard: Guard,
    /// Her identity: the signing key is opened from it for each signature only.
    pub identity: Identity,
    pub channel: Channel,
    /// The vault's address, shown in the page's header.
    pub server: String,
    pub idle: Idle,
    pub signals: broadcast::Sender<Signal>,
    /// What the last action did, said once on the next page.
    pub notice: Mutex<Option<String>>,
}

impl Console {
    pub fn say_next(&self, notice: String) {
        *self.notice.lock().expect("notice lock") = Some(notice);
    }

    pub fn take_notice(&self) -> Option<String> {
        self.notice.lock().expect("notice lock").take()
    }
}

/// The idle clock: the console closes when she has done nothing for `limit`.
pub struct Idle {
    pub limit: Duration,
    last: Mutex<Instant>,
}

impl Idle {
    pub fn new(limit: Duration) -> Self {
        Self {
            limit,
            last: Mutex::new(Instant::now()),
        }
    }

    pub fn touch(&self) {
        *self.last.lock().expect("idle lock") = Instant::now();
    }

    /// How long until the console closes, or None once it is due.
    pub fn remaining(&self) -> Option<Duration> {
        let since = self.last.lock().expect("idle lock").elapsed();
        self.limit.checked_sub(since).filter(|d| !d.is_zero())
    }

    pub fn minutes(&self) -> u64 {
        self.limit.as_secs().div_ceil(60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_idle_clock_runs_out_and_a_touch_winds_it_again() {
        let idle = Idle::new(Duration::from_millis(80));
        assert!(idle.remaining().is_some());
        std::thread::sleep(Duration::from_millis(100));
        assert!(idle.remaining().is_none());
        idle.touch();
        assert!(idle.remaining().is_some());
        assert_eq!(Idle::new(Duration::from_secs(900)).minutes(), 15);
    }
}
