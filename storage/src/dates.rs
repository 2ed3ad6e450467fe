//! Dates as the platform's users read them: in metropolitan France's legal time.
//!
//! Timestamps are stored in UTC; a piece added at 23:30 in Paris on the 4th is stored at 22:30
//! UTC (or 21:30 in summer) and must read "04/…", never the next day.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};

/// The same instant in metropolitan France's legal time (UTC+1; UTC+2 from the last Sunday of
/// March to the last Sunday of October, switching at 01:00 UTC, EU rule since 1996).
pub fn paris(d: DateTime<Utc>) -> NaiveDateTime {
    let last_sunday_1h_utc = |month: u32| {
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(d.year(), month + 1, 1)
        };
        let mut day = next.and_then(|n| n.pred_opt()).expect("valid date");
        while day.weekday() != Weekday::Sun {
            day = day.pred_opt().expect("valid date");
        }
        Utc.from_utc_datetime(&day.and_hms_opt(1, 0, 0).expect("valid time"))
    };
    let summer = d >= last_sunday_1h_utc(3) && d < last_sunday_1h_utc(10);
    (d + Duration::hours(if summer { 2 } else { 1 })).naive_utc()
}

/// The day of an instant in France, as JJ/MM/AAAA.
pub fn day_fr(d: DateTime<Utc>) -> String {
    paris(d).format("%d/%m/%Y").to_string()
}

/// An instant in France, as "JJ/MM/AAAA à HH:MM".
pub fn datetime_fr(d: DateTime<Utc>) -> String {
    paris(d).format("%d/%m/%Y à %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn times_are_shown_in_french_legal_time() {
        assert_eq!(datetime_fr(at(2026, 1, 15, 10, 0)), "15/01/2026 à 11:00");
        assert_eq!(datetime_fr(at(2026, 7, 15, 10, 0)), "15/07/2026 à 12:00");
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(datetime_fr(at(2026, 3, 29, 0, 59)), "29/03/2026 à 01:59");
        assert_eq!(datetime_fr(at(2026, 3, 29, 1, 0)), "29/03/2026 à 03:00");
        assert_eq!(datetime_fr(at(2026, 10, 25, 0, 59)), "25/10/2026 à 02:59");
        assert_eq!(datetime_fr(at(2026, 10, 25, 1, 0)), "25/10/2026 à 02:00");
    }

    #[test]
    fn a_piece_added_late_in_the_evening_keeps_its_day() {
        // 23:30 in Paris on 4 December (winter) and on 4 July (summer).
        assert_eq!(day_fr(at(2026, 12, 4, 22, 30)), "04/12/2026");
        assert_eq!(day_fr(at(2026, 7, 4, 21, 30)), "04/07/2026");
        // 00:30 in Paris on New Year's Day is still 31 December in UTC.
        assert_eq!(day_fr(at(2026, 12, 31, 23, 30)), "01/01/2027");
    }
}
