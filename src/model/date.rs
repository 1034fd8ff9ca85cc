//! Calendar dates as TOML local dates (`date = 2023-09-15`).

use std::fmt;

use serde::{Deserialize, Deserializer};

/// A calendar date with no time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(jiff::civil::Date);

impl Date {
    /// The date, or `None` when it does not exist (2023-02-30).
    pub fn new(year: i16, month: i8, day: i8) -> Option<Date> {
        jiff::civil::Date::new(year, month, day).ok().map(Date)
    }

    pub fn year(self) -> i16 {
        self.0.year()
    }

    pub fn month(self) -> i8 {
        self.0.month()
    }

    pub fn day(self) -> i8 {
        self.0.day()
    }

    /// `days` later (or earlier when negative); `None` past the calendar's range.
    pub fn add_days(self, days: i32) -> Option<Date> {
        self.0.checked_add(jiff::Span::new().days(days)).ok().map(Date)
    }

    /// As printed in the masthead: `2023年9月15日` (full year, no leading zeros).
    pub fn chinese(self) -> String {
        format!("{}年{}月{}日", self.year(), self.month(), self.day())
    }

    /// As the pool list shows it: `9月15日`.
    pub fn chinese_short(self) -> String {
        format!("{}月{}日", self.month(), self.day())
    }

    /// Today in the system's time zone (UTC when it cannot be determined).
    pub fn today() -> Date {
        Date(jiff::Zoned::now().date())
    }
}

/// ISO form, as TOML writes it: `2023-09-15`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

/// Why a typed date is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not in a form jianbao reads (`2026-11-27`, `2026年11月27日`).
    Form(String),
    /// In the form, but not on the calendar (`2026-11-31`).
    NotInCalendar(String),
}

impl DateError {
    pub fn say(&self, lang: crate::lang::Lang) -> String {
        match (self, lang) {
            (DateError::Form(s), crate::lang::Lang::Zh) => {
                format!("“{s}”不是日期，应写作 2026-11-27 或 2026年11月27日")
            }
            (DateError::Form(s), crate::lang::Lang::En) => {
                format!("expected a date like 2026-11-27 or 2026年11月27日, found `{s}`")
            }
            (DateError::NotInCalendar(s), crate::lang::Lang::Zh) => format!("{s} 不是日历上的日期"),
            (DateError::NotInCalendar(s), crate::lang::Lang::En) => {
                format!("{s} is not a date in the calendar")
            }
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(crate::lang::Lang::En))
    }
}

/// `2023-09-15`, or as the masthead prints it, `2023年9月15日`.
impl std::str::FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        let bad = || DateError::Form(text.to_string());
        let parts: Vec<&str> = match text.strip_suffix('日') {
            Some(rest) => rest.split(['年', '月']).map(str::trim).collect(),
            None => text.split('-').collect(),
        };
        let [y, m, d] = parts.as_slice() else { return Err(bad()) };
        let number = |p: &str| p.parse::<i32>().ok();
        let (y, m, d) = (number(y).ok_or_else(bad)?, number(m).ok_or_else(bad)?, number(d).ok_or_else(bad)?);
        match (i16::try_from(y), i8::try_from(m), i8::try_from(d)) {
            (Ok(y), Ok(m), Ok(d)) => {
                Date::new(y, m, d).ok_or_else(|| DateError::NotInCalendar(text.to_string()))
            }
            _ => Err(bad()),
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let value = toml::value::Datetime::deserialize(deserializer)?;
        match (value.date, value.time, value.offset) {
            (Some(d), None, None) => {
                let (y, m, day) = (i16::try_from(d.year), i8::try_from(d.month), i8::try_from(d.day));
                match (y, m, day) {
                    (Ok(y), Ok(m), Ok(day)) => Date::new(y, m, day)
                        .ok_or_else(|| D::Error::custom(format!("{value} is not a date in the calendar"))),
                    _ => Err(D::Error::custom(format!("{value} is out of range"))),
                }
            }
            _ => Err(D::Error::custom(format!(
                "expected a date like 2023-09-15 without a time, found {value}"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_form_has_no_leading_zeros() {
        assert_eq!(Date::new(2023, 9, 5).unwrap().chinese(), "2023年9月5日");
    }

    #[test]
    fn adding_a_week_crosses_months_and_years() {
        let d = Date::new(2026, 12, 28).unwrap();
        assert_eq!(d.add_days(7).unwrap().to_string(), "2027-01-04");
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(Date::new(2023, 2, 29).is_none());
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2023-13-01".parse::<Date>().is_err());
        assert!("yesterday".parse::<Date>().is_err());
    }

    #[test]
    fn the_masthead_form_is_read_too_and_errors_say_why() {
        assert_eq!("2026年11月27日".parse::<Date>().unwrap(), Date::new(2026, 11, 27).unwrap());
        assert_eq!("2026年1月5日".parse::<Date>().unwrap().to_string(), "2026-01-05");
        assert_eq!("2026-11-31".parse::<Date>(), Err(DateError::NotInCalendar("2026-11-31".into())));
        let e = "下周五".parse::<Date>().unwrap_err();
        assert!(e.say(crate::lang::Lang::Zh).contains("不是日期"));
        assert!(!e.say(crate::lang::Lang::Zh).contains("expected"));
    }
}
