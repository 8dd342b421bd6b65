//! Business hours, for the report's "releases outside business hours": days of the week and a
//! time range in a named time zone (default Mon–Fri 07:00–19:00, America/Montreal). The time
//! zone database is compiled in (jiff's bundled tzdb), so the answer does not depend on the
//! reviewer's machine.

use jiff::civil::Weekday;
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
        })
    }

    /// Whether Unix second `unix` falls inside business hours.
    pub fn contains(&self, unix: i64) -> bool {
        let Ok(at) = jiff::Timestamp::from_second(unix) else {
            return false;
        };
        let local = self.zone.to_datetime(at);
        let day = match local.weekday() {
            Weekday::Monday => 0,
            Weekday::Tuesday => 1,
            Weekday::Wednesday => 2,
            Weekday::Thursday => 3,
            Weekday::Friday => 4,
            Weekday::Saturday => 5,
            Weekday::Sunday => 6,
        };
        let minute = local.hour() as u16 * 60 + local.minute() as u16;
        self.days[day] && (self.start..self.end).contains(&minute)
    }

    /// Unix second `unix` as local time, `2026-11-28 21:31:10`.
    pub fn local_time(&self, unix: i64) -> String {
        match jiff::Timestamp::from_second(unix) {
            Ok(at) => self
                .zone
                .to_datetime(at)
                .strftime("%Y-%m-%d %H:%M:%S")
                .to_string(),
            Err(_) => unix.to_string(),
        }
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
