//! Instants shown as Norwegian wall-clock time (CET/CEST, EU summer-time rules), the
//! same on the server and in the browser.
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};

/// The instant in Norway, as "dd.mm.yyyy hh:mm".
pub fn oslo(at: DateTime<Utc>) -> String {
    let offset = if summer_time(at) { 2 } else { 1 };
    (at + Duration::hours(offset))
        .format("%d.%m.%Y %H:%M")
        .to_string()
}

/// The instant's date in Norway.
pub fn oslo_date(at: DateTime<Utc>) -> NaiveDate {
    let offset = if summer_time(at) { 2 } else { 1 };
    (at + Duration::hours(offset)).date_naive()
}

/// Today's date in Norway (what a date a user types is compared with).
pub fn oslo_today() -> NaiveDate {
    oslo_date(Utc::now())
}

/// EU summer time: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
/// Sunday of October.
fn summer_time(at: DateTime<Utc>) -> bool {
    let year = at.year();
    at >= switch(year, 3) && at < switch(year, 10)
}

fn switch(year: i32, month: u32) -> DateTime<Utc> {
    let last = NaiveDate::from_ymd_opt(year, month, 31).expect("March and October have 31 days");
    let back = last.weekday().num_days_from_sunday();
    let sunday = last - Duration::days(i64::from(back));
    debug_assert_eq!(sunday.weekday(), Weekday::Sun);
    Utc.from_utc_datetime(&sunday.and_hms_opt(1, 0, 0).expect("a valid time"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winter_and_summer_offsets() {
        let winter = Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap();
        assert_eq!(oslo(winter), "15.01.2026 13:00");
        let summer = Utc.with_ymd_and_hms(2026, 7, 1, 12, 0, 0).unwrap();
        assert_eq!(oslo(summer), "01.07.2026 14:00");
        // 2026: summer time starts 29 March and ends 25 October, at 01:00 UTC.
        assert_eq!(
            oslo(Utc.with_ymd_and_hms(2026, 3, 29, 0, 59, 0).unwrap()),
            "29.03.2026 01:59"
        );
        assert_eq!(
            oslo(Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap()),
            "29.03.2026 03:00"
        );
        assert_eq!(
            oslo(Utc.with_ymd_and_hms(2026, 10, 25, 1, 0, 0).unwrap()),
            "25.10.2026 02:00"
        );
    }
}
