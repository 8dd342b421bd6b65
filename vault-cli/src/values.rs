//! What the command line's values must look like, as clap value parsers: a value that does not
//! parse is a usage error (exit status 2, worded in the reader's language by clap's own path,
//! which names the option), caught before anything is asked of the vault.

use crate::messages as m;
use vaultd::i18n::Lang;
use vaultd::times::TimeArg;

/// A duration such as `30d`, `8h`, `15m`, `90s` or `2w`, in seconds; a century at most, so
/// that adding it to a time cannot overflow (the vault allows far less anyway).
pub fn duration(text: &str) -> Result<i64, String> {
    vaultd::times::parse_duration(text)
        .filter(|secs| *secs <= MAX_DURATION_SECS)
        .ok_or_else(|| expected(m::EXPECTED_DURATION))
}

const MAX_DURATION_SECS: i64 = 100 * 366 * 86_400;

/// An RFC 3339 time, or a bare date read as that day's start in the reader's zone.
pub fn time_or_date(text: &str) -> Result<TimeArg, String> {
    TimeArg::parse(text).ok_or_else(|| expected(m::EXPECTED_TIME_OR_DATE))
}

/// An IANA time zone name the bundled database knows.
pub fn time_zone(text: &str) -> Result<String, String> {
    match vaultd::times::Zone::named(text) {
        Some(_) => Ok(text.to_owned()),
        None => Err(expected(m::EXPECTED_TIME_ZONE)),
    }
}

/// The platforms the vault knows, listed by clap when another is given.
pub fn platform() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(vaultd::ids::Platform::ALL.map(|p| p.as_str()))
}

/// Parsers run before the context exists: the language is read as `main` reads it.
fn expected(msg: vaultd::i18n::Msg) -> String {
    msg.text(Lang::from_env()).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_dates_and_zones_are_checked_as_the_command_line_gives_them() {
        assert_eq!(duration("8h"), Ok(28_800));
        assert!(duration("8").is_err());
        assert!(duration("400y").is_err());
        assert!(duration("9223372036854775807s").is_err());
        assert_eq!(
            time_or_date("2026-12-04"),
            Ok(TimeArg::Date {
                year: 2026,
                month: 12,
                day: 4
            })
        );
        assert!(matches!(
            time_or_date("2026-12-04T09:00:00-05:00"),
            Ok(TimeArg::At(_))
        ));
        assert!(time_or_date("2026-12-4").is_err());
        assert_eq!(
            time_zone("America/Montreal").as_deref(),
            Ok("America/Montreal")
        );
        assert!(time_zone("Montreal").is_err());
    }
}
