//! Times and durations as people and the wire write them: RFC 3339 in UTC, and durations such
//! as `8h` or `30d`. Shared by grants, audit entries, the daemon and the CLI. Also the audit
//! entries' own time form read fast, and civil-date arithmetic (days since 1970 to a date and
//! back), for the review report, which converts a million times.

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

/// Seconds as the same short form `parse_duration` reads, in the largest unit that divides them
/// exactly (`7200` → `2h`, `5400` → `90m`, `2592000` → `30d`): what a person typed with `--for`.
pub fn format_duration(secs: i64) -> String {
    for (unit, unit_secs) in [("w", 7 * 86_400), ("d", 86_400), ("h", 3600), ("m", 60)] {
        if secs > 0 && secs % unit_secs == 0 {
            return format!("{}{unit}", secs / unit_secs);
        }
    }
    format!("{secs}s")
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

/// An entry's time as Unix milliseconds (whole seconds for a time in another form).
pub fn unix_millis(time: &str) -> Option<i64> {
    let seconds = unix(time)?;
    let b = time.as_bytes();
    let millis = match b.get(19..24) {
        Some([b'.', a, b, c, b'Z']) if [a, b, c].iter().all(|d| d.is_ascii_digit()) => {
            i64::from((a - b'0') as u16 * 100 + (b - b'0') as u16 * 10 + (c - b'0') as u16)
        }
        _ => 0,
    };
    Some(seconds * 1000 + millis)
}

/// An entry's time as Unix seconds. Entries write `YYYY-MM-DDTHH:MM:SS.mmmZ`: read that form
/// directly (a report converts every release's time), anything else through the RFC 3339 parser.
pub fn unix(time: &str) -> Option<i64> {
    let b = time.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        b.get(range)?.iter().try_fold(0i64, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0'))
        })
    };
    // `…:SS.mmmZ` (entries) or `…:SSZ` (the windows in grant details).
    let ends_well = match b.len() {
        24 => b[19] == b'.' && b[23] == b'Z',
        20 => b[19] == b'Z',
        _ => false,
    };
    let fixed = ends_well
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':';
    if !fixed {
        return parse_time(time);
    }
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hh, mm, ss) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 || ss > 60 {
        return parse_time(time);
    }
    Some(days_from_civil(y, m, d) * 86_400 + hh * 3600 + mm * 60 + ss)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The Commission's time zone: its business hours, and the times mails and the authority's
/// console show, are read in it.
pub const COMMISSION_ZONE: &str = "America/Montreal";

/// A time to the minute in the Commission's zone, as mails and the console show it:
/// `2026-12-06 09:05 (America/Montreal)`; UTC, said so, should the zone be unknown.
pub fn commission_time(unix: i64) -> String {
    static ZONE: std::sync::OnceLock<Option<jiff::tz::TimeZone>> = std::sync::OnceLock::new();
    let zone = ZONE.get_or_init(|| jiff::tz::TimeZone::get(COMMISSION_ZONE).ok());
    match (zone, jiff::Timestamp::from_second(unix)) {
        (Some(zone), Ok(at)) => format!(
            "{} ({COMMISSION_ZONE})",
            at.to_zoned(zone.clone()).strftime("%Y-%m-%d %H:%M")
        ),
        _ => {
            let text = format_time(unix);
            format!("{} UTC", text.get(..16).unwrap_or(&text).replace('T', " "))
        }
    }
}

/// The zone the CLI shows times in: the system's, or one named with `--time-zone` (IANA).
#[derive(Clone, Debug)]
pub struct Zone(jiff::tz::TimeZone);

impl Zone {
    /// The zone an IANA name (`America/Montreal`, `UTC`) names, from the bundled database.
    pub fn named(name: &str) -> Option<Zone> {
        jiff::tz::TimeZone::get(name).ok().map(Zone)
    }

    /// The system's zone (`TZ`, then `/etc/localtime`, or Windows' setting); UTC when none
    /// can be read, which the times shown then say.
    pub fn system() -> Zone {
        Zone(jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC))
    }

    /// A time to the minute in this zone, as a table shows it: `2026-12-06 09:05`. Out of
    /// range, the RFC 3339 form.
    pub fn minute(&self, unix: i64) -> String {
        self.show(unix, "%Y-%m-%d %H:%M")
    }

    /// A time to the second in this zone, as the audit log's table shows it.
    pub fn second(&self, unix: i64) -> String {
        self.show(unix, "%Y-%m-%d %H:%M:%S")
    }

    fn show(&self, unix: i64, format: &str) -> String {
        match jiff::Timestamp::from_second(unix) {
            Ok(at) => at.to_zoned(self.0.clone()).strftime(format).to_string(),
            Err(_) => format_time(unix),
        }
    }

    /// The first instant of a civil date in this zone (local midnight, or the first minute
    /// after it on a day whose midnight a DST change skips).
    pub fn start_of_day(&self, year: i16, month: i8, day: i8) -> Option<i64> {
        let date = jiff::civil::Date::new(year, month, day).ok()?;
        date.to_zoned(self.0.clone())
            .ok()
            .map(|z| z.timestamp().as_second())
    }
}

/// A time given on the command line: an RFC 3339 instant, or a bare date (`2026-12-04`), read
/// as that day's start in the zone the reader's times are shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeArg {
    At(i64),
    Date { year: i16, month: i8, day: i8 },
}

impl TimeArg {
    /// An RFC 3339 time or a `YYYY-MM-DD` date; `None` for anything else.
    pub fn parse(text: &str) -> Option<TimeArg> {
        if let Some(at) = parse_time(text) {
            return Some(TimeArg::At(at));
        }
        let text = text.trim();
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let date = jiff::civil::Date::new(
            text[0..4].parse().ok()?,
            text[5..7].parse().ok()?,
            text[8..10].parse().ok()?,
        )
        .ok()?;
        Some(TimeArg::Date {
            year: date.year(),
            month: date.month(),
            day: date.day(),
        })
    }

    /// Unix seconds, a date read in `zone`.
    pub fn resolve(self, zone: &Zone) -> Option<i64> {
        match self {
            TimeArg::At(at) => Some(at),
            TimeArg::Date { year, month, day } => zone.start_of_day(year, month, day),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duration_is_written_as_a_person_types_it_and_reads_back() {
        for (secs, text) in [
            (7200, "2h"),
            (5400, "90m"),
            (2_592_000, "30d"),
            (1_209_600, "2w"),
            (61, "61s"),
        ] {
            assert_eq!(format_duration(secs), text);
            assert_eq!(parse_duration(text), Some(secs));
        }
    }

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

    #[test]
    fn entry_times_read_fast_and_agree_with_the_rfc3339_parser() {
        for t in [
            "1970-01-01T00:00:00.000Z",
            "2026-11-28T23:59:59.999Z",
            "2000-02-29T12:00:00.000Z",
            "2100-03-01T00:00:00.000Z",
        ] {
            assert_eq!(unix(t), parse_time(t), "{t}");
        }
        assert_eq!(
            unix("2026-11-28T12:00:00Z"),
            parse_time("2026-11-28T12:00:00Z")
        );
        assert_eq!(unix("2026-13-28T12:00:00.000Z"), None);
        assert_eq!(unix("not a time"), None);
    }

    #[test]
    fn civil_dates_and_day_counts_are_inverse() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(days_from_civil(2000, 2, 29)), (2000, 2, 29));
        for days in (-800_000..800_000).step_by(97) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
    }
    #[test]
    fn a_zone_shows_local_time_and_a_bare_date_is_its_midnight() {
        let montreal = Zone::named("America/Montreal").unwrap();
        // 2026-12-04T14:00:00Z is 09:00 in Montreal (EST, -05:00).
        let at = parse_time("2026-12-04T14:00:00Z").unwrap();
        assert_eq!(montreal.minute(at), "2026-12-04 09:00");
        assert_eq!(montreal.second(at + 7), "2026-12-04 09:00:07");
        assert_eq!(Zone::named("UTC").unwrap().minute(at), "2026-12-04 14:00");
        assert!(Zone::named("Mars/Olympus_Mons").is_none());

        let date = TimeArg::parse("2026-12-04").unwrap();
        assert_eq!(
            date.resolve(&montreal),
            parse_time("2026-12-04T05:00:00Z"),
            "midnight in Montreal"
        );
        assert_eq!(
            TimeArg::parse("2026-12-04T09:00:00-05:00")
                .unwrap()
                .resolve(&montreal),
            Some(at)
        );
        for bad in [
            "2026-13-04",
            "2026-02-30",
            "04/12/2026",
            "2026-12-4",
            "yesterday",
        ] {
            assert_eq!(TimeArg::parse(bad), None, "{bad}");
        }
    }
}
