//! How long to wait before trying again (SMTP down, the vault restarting), and which attempts
//! are worth telling about: the waits double from one second up to a minute, and attempts 1,
//! 2, 4, 8, ... are logged and put on the record, so that an hour of failures is a dozen lines
//! rather than sixty.

use std::time::Duration;

/// The longest wait between two attempts.
pub const CAP: Duration = Duration::from_secs(60);
const FIRST: Duration = Duration::from_secs(1);

/// The wait after the `attempt`-th failure (1 for the first): 1 s, 2 s, 4 s, ... 60 s.
pub fn delay(attempt: u32) -> Duration {
    let doublings = attempt.saturating_sub(1).min(16);
    FIRST.saturating_mul(1 << doublings).min(CAP)
}

/// Whether the `attempt`-th failure is logged and recorded: the powers of two.
pub fn worth_telling(attempt: u32) -> bool {
    attempt.is_power_of_two()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_a_minute_and_stay_there() {
        let secs: Vec<u64> = (1..=9).map(|a| delay(a).as_secs()).collect();
        assert_eq!(secs, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(delay(0), FIRST);
        assert_eq!(delay(u32::MAX), CAP);
    }

    #[test]
    fn only_powers_of_two_are_told() {
        let told: Vec<u32> = (1..=100).filter(|a| worth_telling(*a)).collect();
        assert_eq!(told, [1, 2, 4, 8, 16, 32, 64]);
        assert!(!worth_telling(0));
    }
}
