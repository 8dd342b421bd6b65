//! Times and durations as people and the wire write them: RFC 3339 in UTC, and durations such
//! as `8h` or `30d`. Shared by grants, audit entries, the daemon and the CLI.

/// Parses a duration such as `30d`, `8h`, `15m`, `90s` or `2w` into seconds.
pub fn parse_duration(text: &str) -> Option<i64> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    let n: i64 = number.parse().ok()?;
    let unit_secs = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => return None,
    };
    n.checked_mul(unit_secs).filter(|s| *s > 0)
}

/// Parses an RFC 3339 time into Unix seconds.
pub fn parse_time(text: &str) -> Option<i64> {
    time::OffsetDateTime::parse(text.trim(), &time::format_description::well_known::Rfc3339)
        .ok()
        .map(|t| t.unix_timestamp())
}

/// Unix seconds as RFC 3339 UTC (the number itself if out of range).
pub fn format_time(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| unix.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_times() {
        assert_eq!(parse_duration("30d"), Some(30 * 86_400));
        assert_eq!(parse_duration("8h"), Some(28_800));
        assert_eq!(parse_duration("90s"), Some(90));
        assert_eq!(parse_duration("2w"), Some(14 * 86_400));
        for bad in ["", "d", "10", "10y", "-5s", "0s"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
        assert_eq!(parse_time("1970-01-01T00:01:00Z"), Some(60));
        assert_eq!(parse_time("yesterday"), None);
        assert_eq!(format_time(60), "1970-01-01T00:01:00Z");
    }
}
