//! Business hours, for the report's "releases outside business hours": days of the week and a
//! time range in a named time zone (default Mon–Fri 07:00–19:00, America/Montreal). The time
//! zone database is compiled in (jiff's bundled tzdb), so the answer does not depend on the
//! reviewer's machine.

use jiff::tz::TimeZone;

#[derive(Debug, Clone)]
pub struct BusinessHours {
    /// Monday first.
    days: [bool; 7],
    /// Minutes after midnight: start included, end excluded.
    start: u16,
    end: u16,
    zone_name: String,
    zone: TimeZone,
}

/// What a reader of many times keeps between calls: the span of time around the last instant
/// asked where the zone's offset is constant (between two transitions: half a year in
/// Montreal), and the last local date written. Times asked in about time order (the log's
/// entries, a table's rows) seldom need the tz database; each thread keeps its own.
#[derive(Debug, Clone, Default)]
pub struct ZoneCursor {
    /// (start, end, offset): Unix seconds `start..end` are at `offset` seconds from UTC.
    span: Option<(i64, i64, i64)>,
    /// (local day since the epoch, its date `YYYY-MM-DD`).
    day: Option<(i64, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HoursError {
    #[error("business hours: expected DAYS HH:MM-HH:MM, such as mon-fri 07:00-19:00")]
    Format,
    #[error("unknown time zone: {0}")]
    Zone(String),
}

pub const DEFAULT_HOURS: &str = "mon-fri 07:00-19:00";
pub const DEFAULT_ZONE: &str = crate::times::COMMISSION_ZONE;

const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl Default for BusinessHours {
    fn default() -> Self {
        Self::parse(DEFAULT_HOURS, DEFAULT_ZONE).expect("the default business hours parse")
    }
}

impl BusinessHours {
    /// `hours` as `DAYS HH:MM-HH:MM`, DAYS a day (`mon`), a range (`mon-fri`) or a list of
    /// either (`mon-thu,sat`); `zone` an IANA name.
    pub fn parse(hours: &str, zone: &str) -> Result<Self, HoursError> {
        let (days_text, range) = hours.trim().split_once(' ').ok_or(HoursError::Format)?;
        let mut days = [false; 7];
        for part in days_text.to_ascii_lowercase().split(',') {
            let (first, last) = part.split_once('-').unwrap_or((part, part));
            let index = |d: &str| DAY_NAMES.iter().position(|n| *n == d.trim());
            let (first, last) = (
                index(first).ok_or(HoursError::Format)?,
                index(last).ok_or(HoursError::Format)?,
            );
            if first > last {
                return Err(HoursError::Format);
            }
            days[first..=last].iter_mut().for_each(|d| *d = true);
        }
        let (start, end) = range.trim().split_once('-').ok_or(HoursError::Format)?;
        let (start, end) = (minutes(start)?, minutes(end)?);
        if start >= end {
            return Err(HoursError::Format);
        }
        let zone_tz =
            TimeZone::get(zone.trim()).map_err(|_| HoursError::Zone(zone.trim().to_owned()))?;
        Ok(Self {
            days,
            start,
            end,
            zone_name: zone.trim().to_owned(),
            zone: zone_tz,
        })
    }

    /// The zone's UTC offset at Unix second `unix`, in seconds, from the cursor's span when
    /// it covers `unix`, else from the tz database (and the cursor moves there).
    fn offset(&self, cursor: &mut ZoneCursor, unix: i64) -> Option<i64> {
        if let Some((start, end, offset)) = cursor.span {
            if (start..end).contains(&unix) {
                return Some(offset);
            }
        }
        let at = |t: i64| {
            jiff::Timestamp::from_second(t)
                .ok()
                .map(|ts| i64::from(self.zone.to_offset(ts).seconds()))
        };
        let ts = jiff::Timestamp::from_second(unix).ok()?;
        let offset = at(unix)?;
        // The transitions on either side (none: the offset holds to the end of time, as in
        // UTC); the span is checked, whatever the iterators' bounds.
        let second = |t: jiff::tz::TimeZoneTransition| t.timestamp().as_second();
        let start =
            (self.zone.preceding(ts).next()).map_or(jiff::Timestamp::MIN.as_second(), second);
        let end = (self.zone.following(ts).next()).map_or(jiff::Timestamp::MAX.as_second(), second);
        let holds = |(start, end): (i64, i64)| {
            start <= unix && unix < end && at(start) == Some(offset) && at(end - 1) == Some(offset)
        };
        // At a transition itself, the span starts there.
        let (start, end) = [(start, end), (unix, end)]
            .into_iter()
            .find(|span| holds(*span))
            .unwrap_or((unix, unix + 1));
        cursor.span = Some((start, end, offset));
        Some(offset)
    }

    /// Unix second `unix` in local time: days since 1970-01-01 and the second of the day.
    fn local(&self, cursor: &mut ZoneCursor, unix: i64) -> Option<(i64, i64)> {
        let local = unix.checked_add(self.offset(cursor, unix)?)?;
        Some((local.div_euclid(86_400), local.rem_euclid(86_400)))
    }

    /// Whether Unix second `unix` falls inside business hours.
    pub fn contains(&self, unix: i64) -> bool {
        self.contains_with(&mut ZoneCursor::default(), unix)
    }

    /// `contains`, for a caller asking about many times.
    pub fn contains_with(&self, cursor: &mut ZoneCursor, unix: i64) -> bool {
        let Some((days, second)) = self.local(cursor, unix) else {
            return false;
        };
        // 1970-01-01 was a Thursday (index 3, Monday first).
        let day = (days + 3).rem_euclid(7) as usize;
        let minute = (second / 60) as u16;
        self.days[day] && (self.start..self.end).contains(&minute)
    }

    /// Unix second `unix` as local time, `2026-11-28 21:31:10`.
    pub fn local_time(&self, unix: i64) -> String {
        self.local_time_with(&mut ZoneCursor::default(), unix)
    }

    /// `local_time`, for a caller asking about many times.
    pub fn local_time_with(&self, cursor: &mut ZoneCursor, unix: i64) -> String {
        let mut text = String::with_capacity(19);
        self.push_local_time(cursor, unix, &mut text);
        text
    }

    /// Appends `local_time(unix)` to `out`, by hand and with the cursor's last date when it
    /// is the same day: a report formats a million of these.
    pub fn push_local_time(&self, cursor: &mut ZoneCursor, unix: i64, out: &mut String) {
        let Some((days, second)) = self.local(cursor, unix) else {
            out.push_str(&unix.to_string());
            return;
        };
        let two = |v: i64| [b'0' + (v / 10) as u8, b'0' + (v % 10) as u8];
        match &cursor.day {
            Some((day, text)) if *day == days => out.push_str(text),
            _ => {
                let (y, m, d) = crate::times::civil_from_days(days);
                let text = format!("{y:04}-{m:02}-{d:02}");
                out.push_str(&text);
                cursor.day = Some((days, text));
            }
        }
        let [h1, h2] = two(second / 3600);
        let [m1, m2] = two(second / 60 % 60);
        let [s1, s2] = two(second % 60);
        let time = [b' ', h1, h2, b':', m1, m2, b':', s1, s2];
        out.push_str(std::str::from_utf8(&time).unwrap_or_default());
    }

    /// As given, for the report's header: `mon-fri 07:00-19:00 America/Montreal`.
    pub fn describe(&self) -> String {
        let mut days = Vec::new();
        let mut i = 0;
        while i < 7 {
            if !self.days[i] {
                i += 1;
                continue;
            }
            let first = i;
            while i + 1 < 7 && self.days[i + 1] {
                i += 1;
            }
            days.push(if first == i {
                DAY_NAMES[i].to_owned()
            } else {
                format!("{}-{}", DAY_NAMES[first], DAY_NAMES[i])
            });
            i += 1;
        }
        format!(
            "{} {:02}:{:02}-{:02}:{:02} {}",
            days.join(","),
            self.start / 60,
            self.start % 60,
            self.end / 60,
            self.end % 60,
            self.zone_name
        )
    }

    pub fn zone_name(&self) -> &str {
        &self.zone_name
    }
}

fn minutes(text: &str) -> Result<u16, HoursError> {
    let (h, m) = text.trim().split_once(':').ok_or(HoursError::Format)?;
    let (h, m): (u16, u16) = (
        h.parse().map_err(|_| HoursError::Format)?,
        m.parse().map_err(|_| HoursError::Format)?,
    );
    // 24:00 closes a day that runs to midnight.
    if m >= 60 || h > 24 || (h == 24 && m > 0) {
        return Err(HoursError::Format);
    }
    Ok(h * 60 + m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> i64 {
        crate::times::parse_time(text).unwrap()
    }

    #[test]
    fn montreal_office_hours_follow_daylight_saving_time() {
        let hours = BusinessHours::default();
        assert_eq!(hours.describe(), "mon-fri 07:00-19:00 America/Montreal");
        // Thursday 26 Nov 2026, EST (UTC-5): 12:00Z is 07:00 local, 23:59Z is 18:59.
        assert!(hours.contains(at("2026-11-26T12:00:00Z")));
        assert!(!hours.contains(at("2026-11-26T11:59:59Z")));
        assert!(hours.contains(at("2026-11-26T23:59:59Z")));
        assert!(!hours.contains(at("2026-11-27T00:00:00Z")));
        // Thursday 2 July 2026, EDT (UTC-4): 11:00Z is 07:00 local.
        assert!(hours.contains(at("2026-07-02T11:00:00Z")));
        assert!(!hours.contains(at("2026-07-02T10:59:00Z")));
        // Saturday noon.
        assert!(!hours.contains(at("2026-11-28T17:00:00Z")));
        assert_eq!(
            hours.local_time(at("2026-11-28T17:00:00Z")),
            "2026-11-28 12:00:00"
        );
    }

    #[test]
    fn local_times_agree_with_jiff_across_transitions_and_centuries() {
        let hours = BusinessHours::default();
        let zone = TimeZone::get("America/Montreal").unwrap();
        // Around the 2026 spring and fall transitions, then sparse over 1900–2100.
        let spring = at("2026-03-08T06:00:00Z");
        let fall = at("2026-11-01T05:00:00Z");
        let around = |t: i64| (t - 7200..t + 7200).step_by(601);
        let sparse = (at("1900-01-01T00:00:00Z")..at("2100-01-01T00:00:00Z")).step_by(7_654_321);
        for t in around(spring).chain(around(fall)).chain(sparse) {
            let expected = zone
                .to_datetime(jiff::Timestamp::from_second(t).unwrap())
                .strftime("%Y-%m-%d %H:%M:%S")
                .to_string();
            assert_eq!(hours.local_time(t), expected, "{t}");
        }
    }

    #[test]
    fn one_cursor_asked_in_any_order_agrees_with_jiff() {
        let hours = BusinessHours::parse("mon-fri 07:00-19:00", "America/Montreal").unwrap();
        let zone = TimeZone::get("America/Montreal").unwrap();
        let mut cursor = ZoneCursor::default();
        // Every 37 minutes over two years (four transitions), forward, then back and forth,
        // and instants exactly at a transition and a second either side.
        let forward = (at("2025-12-01T00:00:00Z")..at("2027-12-01T00:00:00Z")).step_by(2220);
        let mut back: Vec<i64> = (at("2026-01-01T00:00:00Z")..at("2027-01-01T00:00:00Z"))
            .step_by(86_413)
            .collect();
        back.reverse();
        let spring = at("2026-03-08T07:00:00Z");
        let fall = at("2026-11-01T06:00:00Z");
        let edges = [
            spring - 1,
            spring,
            spring + 1,
            fall - 1,
            fall,
            fall + 1,
            spring,
        ];
        for t in forward.chain(back).chain(edges) {
            let local = zone.to_datetime(jiff::Timestamp::from_second(t).unwrap());
            let mut text = String::new();
            hours.push_local_time(&mut cursor, t, &mut text);
            assert_eq!(text, local.strftime("%Y-%m-%d %H:%M:%S").to_string(), "{t}");
            let weekday = local.weekday().to_monday_zero_offset();
            let minute = i32::from(local.hour()) * 60 + i32::from(local.minute());
            let open = weekday < 5 && (7 * 60..19 * 60).contains(&minute);
            assert_eq!(hours.contains_with(&mut cursor, t), open, "{t}");
        }
        // The cursor holds the whole span between two transitions (months), and in a zone
        // without transitions, all of time: the tz database is seldom asked.
        let (start, end, _) = cursor.span.unwrap();
        assert!(end - start > 100 * 86_400, "{start}..{end}");
        let utc = BusinessHours::parse(DEFAULT_HOURS, "UTC").unwrap();
        let mut cursor = ZoneCursor::default();
        assert!(utc.contains_with(&mut cursor, at("2026-11-30T12:00:00Z")));
        let (start, end, offset) = cursor.span.unwrap();
        assert_eq!(offset, 0);
        assert!(start < at("1900-01-01T00:00:00Z") && end > at("2100-01-01T00:00:00Z"));
    }

    #[test]
    fn hours_parse_day_lists_and_refuse_nonsense() {
        let h = BusinessHours::parse("Mon-Thu,sat 08:30-24:00", "Europe/Paris").unwrap();
        assert_eq!(h.describe(), "mon-thu,sat 08:30-24:00 Europe/Paris");
        // Saturday 28 Nov 2026 23:00 in Paris (22:00Z).
        assert!(h.contains(at("2026-11-28T22:00:00Z")));
        assert!(!h.contains(at("2026-11-27T22:00:00Z")));
        for bad in [
            "",
            "mon-fri",
            "fri-mon 07:00-19:00",
            "mon-fri 19:00-07:00",
            "mon-fri 7-19",
            "lun-ven 07:00-19:00",
            "mon-fri 07:60-19:00",
        ] {
            assert_eq!(
                BusinessHours::parse(bad, DEFAULT_ZONE).unwrap_err(),
                HoursError::Format,
                "{bad}"
            );
        }
        assert!(matches!(
            BusinessHours::parse(DEFAULT_HOURS, "Mars/Olympus"),
            Err(HoursError::Zone(_))
        ));
    }
}
