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
    /// The zone's offset over recent UTC hours, each packed as (hour << 32 | offset) in the
    /// slot `hour % HOUR_SLOTS`: a report converts every release's time, and entries come in
    /// time order. Atomic, so the report's tables are rendered on every core.
    cached_hours: std::sync::Arc<[std::sync::atomic::AtomicU64; HOUR_SLOTS]>,
}

const HOUR_SLOTS: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HoursError {
    #[error("business hours: expected DAYS HH:MM-HH:MM, such as mon-fri 07:00-19:00")]
    Format,
    #[error("unknown time zone: {0}")]
    Zone(String),
}

pub const DEFAULT_HOURS: &str = "mon-fri 07:00-19:00";
pub const DEFAULT_ZONE: &str = "America/Montreal";

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
            cached_hours: std::sync::Arc::new(std::array::from_fn(|_| Default::default())),
        })
    }

    /// The zone's UTC offset at Unix second `unix`, in seconds. Cached per UTC hour when the
    /// offset is the same at both ends of it (no transition inside).
    fn offset(&self, unix: i64) -> Option<i64> {
        use std::sync::atomic::Ordering::Relaxed;
        let hour = unix.div_euclid(3600);
        // Hour 0 (1970-01-01T00) is never cached: 0 means empty.
        let slot = &self.cached_hours[hour.rem_euclid(HOUR_SLOTS as i64) as usize];
        let packed = slot.load(Relaxed);
        if packed != 0 && (packed >> 32) as i64 == hour {
            return Some(i64::from(packed as u32 as i32));
        }
        let at = |t: i64| {
            jiff::Timestamp::from_second(t)
                .ok()
                .map(|ts| i64::from(self.zone.to_offset(ts).seconds()))
        };
        let offset = at(unix)?;
        let fits = (1..=i64::from(u32::MAX)).contains(&hour);
        if fits && at(hour * 3600) == Some(offset) && at(hour * 3600 + 3599) == Some(offset) {
            let packed = ((hour as u64) << 32) | u64::from(offset as i32 as u32);
            slot.store(packed, Relaxed);
        }
        Some(offset)
    }

    /// Unix second `unix` in local time: days since 1970-01-01 and the second of the day.
    fn local(&self, unix: i64) -> Option<(i64, i64)> {
        let local = unix.checked_add(self.offset(unix)?)?;
        Some((local.div_euclid(86_400), local.rem_euclid(86_400)))
    }

    /// Whether Unix second `unix` falls inside business hours.
    pub fn contains(&self, unix: i64) -> bool {
        let Some((days, second)) = self.local(unix) else {
            return false;
        };
        // 1970-01-01 was a Thursday (index 3, Monday first).
        let day = (days + 3).rem_euclid(7) as usize;
        let minute = (second / 60) as u16;
        self.days[day] && (self.start..self.end).contains(&minute)
    }

    /// Unix second `unix` as local time, `2026-11-28 21:31:10`.
    pub fn local_time(&self, unix: i64) -> String {
        let mut text = String::with_capacity(19);
        self.push_local_time(unix, &mut text);
        text
    }

    /// Appends `local_time(unix)` to `out` (by hand: a report formats a million of these).
    pub fn push_local_time(&self, unix: i64, out: &mut String) {
        let Some((days, second)) = self.local(unix) else {
            out.push_str(&unix.to_string());
            return;
        };
        let (y, m, d) = civil_from_days(days);
        if !(0..=9999).contains(&y) {
            out.push_str(&format!("{y}-{m:02}-{d:02}"));
            return;
        }
        let mut text = *b"0000-00-00 00:00:00";
        let mut put = |at: usize, value: i64, digits: usize| {
            let mut v = value;
            for i in (0..digits).rev() {
                text[at + i] = b'0' + (v % 10) as u8;
                v /= 10;
            }
        };
        put(0, y, 4);
        put(5, m, 2);
        put(8, d, 2);
        put(11, second / 3600, 2);
        put(14, second / 60 % 60, 2);
        put(17, second % 60, 2);
        out.push_str(std::str::from_utf8(&text).unwrap_or_default());
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

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
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
