//! Dates and times as the company lives them: in Paris, written the French way.
//!
//! Instants are stored in UTC; they are shown, and typed in forms, in Europe/Paris time.

use chrono::{DateTime, Datelike, Days, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use chrono_tz::Tz;

use crate::i18n::fr as t;

/// What an HTML `<input type="datetime-local">` holds, in the forms browsers send.
const INPUT_FORMATS: [&str; 3] = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S%.f"];
const INPUT_FORMAT: &str = "%Y-%m-%dT%H:%M";
/// A form's time with its offset from UTC (`to_exact_input`).
const EXACT_FORMAT: &str = "%Y-%m-%dT%H:%M%:z";

pub fn in_paris(instant: DateTime<Utc>) -> DateTime<Tz> {
    instant.with_timezone(&Paris)
}

/// "12 mars 2026", "1 janvier 2026": the day in Paris.
pub fn format_date(instant: DateTime<Utc>) -> String {
    // Through `Datelike` on the zoned time: `date_naive` panics at chrono's extreme instants.
    let local = in_paris(instant);
    let month = t::MONTHS[local.month0() as usize];
    format!("{} {month} {}", local.day(), local.year())
}

/// "12 mars 2026".
pub fn format_day(day: NaiveDate) -> String {
    let month = t::MONTHS[day.month0() as usize];
    format!("{} {month} {}", day.day(), day.year())
}

/// Today in Paris, at `now`.
pub fn paris_today(now: DateTime<Utc>) -> NaiveDate {
    in_paris(now).date_naive()
}

/// "14:00": the time of day in Paris.
pub fn format_time(instant: DateTime<Utc>) -> String {
    in_paris(instant).format("%H:%M").to_string()
}

/// "12 mars 2026 à 14:00", in Paris.
pub fn format_datetime(instant: DateTime<Utc>) -> String {
    t::date_at_time(&format_date(instant), &format_time(instant))
}

/// A day typed in a date filter (`AAAA-MM-JJ`).
pub fn parse_day(raw: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .filter(|d| (1900..=2200).contains(&d.year()))
        .ok_or_else(|| t::DAY_INVALID.to_owned())
}

/// The first instant of a Paris day, in UTC.
pub fn start_of_day(day: NaiveDate) -> Option<DateTime<Utc>> {
    parse_local_datetime(&format!("{day}T00:00")).ok()
}

/// The instants from the start of `from` to the end of `to` (Paris days), for SQL bounds.
pub fn day_bounds(from: Option<NaiveDate>, to: Option<NaiveDate>) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    let start = from.and_then(start_of_day);
    let end = to.and_then(|d| d.checked_add_days(Days::new(1))).and_then(start_of_day);
    (start, end)
}

/// Reads the value of a `datetime-local` input ("2026-03-12T14:00", seconds allowed) as Paris
/// time. In the autumn, when an hour happens twice, the earlier one is taken; in the spring, a
/// time that the clocks skip is refused. A time with its offset (`to_exact_input`, from the REST
/// API) is the instant it says.
pub fn parse_local_datetime(input: &str) -> Result<DateTime<Utc>, String> {
    let input = input.trim();
    if input.is_empty() {
        return Err(t::DATETIME_REQUIRED.to_owned());
    }
    if let Ok(exact) = DateTime::parse_from_str(input, EXACT_FORMAT) {
        return Ok(exact.with_timezone(&Utc));
    }
    let naive = INPUT_FORMATS
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(input, format).ok())
        .ok_or_else(|| t::DATETIME_INVALID.to_owned())?;
    match Paris.from_local_datetime(&naive) {
        LocalResult::Single(local) => Ok(local.with_timezone(&Utc)),
        LocalResult::Ambiguous(earliest, _) => Ok(earliest.with_timezone(&Utc)),
        LocalResult::None => Err(t::DATETIME_NONEXISTENT.to_owned()),
    }
}

/// The value to pre-fill in a `datetime-local` input: "2026-03-12T14:00", in Paris time.
pub fn to_local_input(instant: DateTime<Utc>) -> String {
    in_paris(instant).format(INPUT_FORMAT).to_string()
}

/// What the REST API hands a form for an instant it was sent: its Paris time to the minute, as
/// a form's, with the offset ("2026-10-25T02:30+01:00"), so that an hour the autumn repeats
/// stays the one meant.
pub fn to_exact_input(instant: DateTime<Utc>) -> String {
    in_paris(instant).format(EXACT_FORMAT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_range_covers_whole_paris_days() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
        let (start, end) = day_bounds(Some(day), Some(day));
        assert_eq!(end.unwrap() - start.unwrap(), chrono::Duration::hours(24));
        assert_eq!(start.unwrap().to_rfc3339(), "2026-03-11T23:00:00+00:00");
    }
    use chrono::{Duration, NaiveDate, Timelike};
    use proptest::prelude::*;

    fn utc(input: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(input).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn dates_are_written_in_french_in_paris_time() {
        let instant = utc("2026-03-12T13:00:00Z");
        assert_eq!(format_date(instant), "12 mars 2026");
        assert_eq!(format_time(instant), "14:00");
        assert_eq!(format_datetime(instant), "12 mars 2026 à 14:00");
    }

    #[test]
    fn the_first_of_the_month_has_no_leading_zero() {
        assert_eq!(format_date(utc("2026-01-01T10:00:00Z")), "1 janvier 2026");
        assert_eq!(format_date(utc("2026-08-05T10:00:00Z")), "5 août 2026");
    }

    #[test]
    fn every_month_has_its_french_name() {
        let names: Vec<String> =
            (1..=12).map(|month| format_date(utc(&format!("2026-{month:02}-15T12:00:00Z")))).collect();
        assert_eq!(
            names,
            [
                "15 janvier 2026",
                "15 février 2026",
                "15 mars 2026",
                "15 avril 2026",
                "15 mai 2026",
                "15 juin 2026",
                "15 juillet 2026",
                "15 août 2026",
                "15 septembre 2026",
                "15 octobre 2026",
                "15 novembre 2026",
                "15 décembre 2026",
            ]
        );
    }

    #[test]
    fn the_day_is_the_one_in_paris_not_in_utc() {
        let new_year_in_paris = utc("2026-12-31T23:30:00Z");
        assert_eq!(format_datetime(new_year_in_paris), "1 janvier 2027 à 00:30");
        assert_eq!(format_time(utc("2026-07-14T20:00:00Z")), "22:00");
    }

    #[test]
    fn a_datetime_local_value_is_read_as_paris_time() {
        assert_eq!(parse_local_datetime("2026-03-12T14:00"), Ok(utc("2026-03-12T13:00:00Z")));
        assert_eq!(parse_local_datetime("2026-07-14T22:00"), Ok(utc("2026-07-14T20:00:00Z")));
        assert_eq!(parse_local_datetime(" 2026-03-12T14:00 "), Ok(utc("2026-03-12T13:00:00Z")));
    }

    #[test]
    fn a_datetime_local_value_may_carry_seconds() {
        assert_eq!(parse_local_datetime("2026-03-12T14:00:00"), Ok(utc("2026-03-12T13:00:00Z")));
        assert_eq!(parse_local_datetime("2026-03-12T14:00:30"), Ok(utc("2026-03-12T13:00:30Z")));
        assert_eq!(parse_local_datetime("2026-03-12T14:00:30.5"), Ok(utc("2026-03-12T13:00:30.5Z")));
    }

    #[test]
    fn the_second_time_of_an_hour_lived_twice_keeps_its_offset() {
        // 25 October 2026: 02:30 happens at 00:30 UTC (summer time), then at 01:30 UTC.
        let second = utc("2026-10-25T01:30:00Z");
        assert_eq!(to_exact_input(second), "2026-10-25T02:30+01:00");
        assert_eq!(parse_local_datetime("2026-10-25T02:30+01:00"), Ok(second));
        assert_eq!(parse_local_datetime("2026-10-25T02:30+02:00"), Ok(utc("2026-10-25T00:30:00Z")));
        assert_eq!(parse_local_datetime("2026-10-25T02:30"), Ok(utc("2026-10-25T00:30:00Z")), "a form's: the first");
    }

    #[test]
    fn an_hour_that_happens_twice_in_autumn_is_the_earlier_one() {
        // On 25 October 2026 the clocks go back from 03:00 CEST to 02:00 CET.
        assert_eq!(parse_local_datetime("2026-10-25T02:30"), Ok(utc("2026-10-25T00:30:00Z")));
        assert_eq!(parse_local_datetime("2026-10-25T03:00"), Ok(utc("2026-10-25T02:00:00Z")));
    }

    #[test]
    fn an_hour_skipped_in_spring_is_refused() {
        // On 29 March 2026 the clocks go forward from 02:00 CET to 03:00 CEST.
        assert_eq!(parse_local_datetime("2026-03-29T02:30"), Err(t::DATETIME_NONEXISTENT.to_owned()));
        assert_eq!(parse_local_datetime("2026-03-29T01:59"), Ok(utc("2026-03-29T00:59:00Z")));
        assert_eq!(parse_local_datetime("2026-03-29T03:00"), Ok(utc("2026-03-29T01:00:00Z")));
    }

    #[test]
    fn an_empty_value_asks_for_a_date() {
        assert_eq!(parse_local_datetime(""), Err(t::DATETIME_REQUIRED.to_owned()));
        assert_eq!(parse_local_datetime("  "), Err(t::DATETIME_REQUIRED.to_owned()));
    }

    #[test]
    fn garbage_is_refused_as_an_invalid_date() {
        for input in [
            "demain",
            "2026-03-12",
            "14:00",
            "2026-02-30T14:00",
            "2026-13-01T14:00",
            "2026-03-12T24:00",
            "2026-03-12T14:60",
            "12/03/2026 14:00",
            "2026-03-12T14:00Z",
            "2026-03-12T14:00:00+01:00",
            "2026-03-12T14:00:00:00",
        ] {
            assert_eq!(parse_local_datetime(input), Err(t::DATETIME_INVALID.to_owned()), "{input:?}");
        }
    }

    #[test]
    fn extreme_dates_neither_panic_nor_overflow() {
        for input in ["+262142-12-31T23:59", "-262143-01-01T00:00", "+999999-01-01T00:00", "0000-01-01T00:00"] {
            let _ = parse_local_datetime(input);
        }
        for instant in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
            let _ = format_datetime(instant);
            let _ = to_local_input(instant);
        }
    }

    #[test]
    fn the_input_value_is_in_paris_time_without_seconds() {
        assert_eq!(to_local_input(utc("2026-03-12T13:00:00Z")), "2026-03-12T14:00");
        assert_eq!(to_local_input(utc("2026-07-14T20:00:59Z")), "2026-07-14T22:00");
        assert_eq!(to_local_input(utc("2026-12-31T23:30:00Z")), "2027-01-01T00:30");
    }

    /// Minutes from 1970 to 2100.
    fn any_minute() -> impl Strategy<Value = DateTime<Utc>> {
        (0i64..(130 * 366 * 24 * 60)).prop_map(|minutes| DateTime::UNIX_EPOCH + Duration::minutes(minutes))
    }

    fn any_local_minute() -> impl Strategy<Value = NaiveDateTime> {
        (1970i32..2100, 1u32..=12, 1u32..=31, 0u32..24, 0u32..60)
            .prop_filter_map("a real calendar day", |(year, month, day, hour, minute)| {
                NaiveDate::from_ymd_opt(year, month, day)?.and_hms_opt(hour, minute, 0)
            })
    }

    proptest! {
        #[test]
        fn any_instant_survives_the_input_round_trip(instant in any_minute()) {
            let input = to_local_input(instant);
            let parsed = parse_local_datetime(&input).unwrap();
            prop_assert_eq!(to_local_input(parsed), input);
            // Only the second of an hour lived twice comes back as the first one.
            if parsed != instant {
                prop_assert_eq!(instant - parsed, Duration::hours(1));
                prop_assert!(matches!(Paris.from_local_datetime(&instant.with_timezone(&Paris).naive_local()), LocalResult::Ambiguous(..)));
            }
        }

        #[test]
        fn any_minute_survives_the_exact_round_trip_even_in_the_repeated_hour(instant in any_minute()) {
            let input = to_exact_input(instant);
            prop_assert_eq!(parse_local_datetime(&input), Ok(instant));
        }

        #[test]
        fn any_local_time_outside_the_spring_gap_round_trips(local in any_local_minute()) {
            let input = local.format(INPUT_FORMAT).to_string();
            match parse_local_datetime(&input) {
                Ok(instant) => prop_assert_eq!(to_local_input(instant), input),
                Err(message) => {
                    prop_assert_eq!(message, t::DATETIME_NONEXISTENT);
                    prop_assert_eq!(local.hour(), 2);
                }
            }
        }

        #[test]
        fn the_formatted_parts_agree_with_the_input_value(instant in any_minute()) {
            let input = to_local_input(instant);
            prop_assert_eq!(&input[11..], format_time(instant));
            let date = format_date(instant);
            prop_assert!(date.ends_with(&input[..4]));
            prop_assert_eq!(format_datetime(instant), format!("{date} à {}", &input[11..]));
        }

        #[test]
        fn arbitrary_strings_are_refused_with_a_message_never_a_panic(input in any::<String>()) {
            if let Err(message) = parse_local_datetime(&input) {
                prop_assert!([t::DATETIME_REQUIRED, t::DATETIME_INVALID, t::DATETIME_NONEXISTENT].contains(&message.as_str()));
            }
        }

        #[test]
        fn datetime_shaped_strings_never_panic_the_parser(input in "[0-9+-]{1,7}-[0-9]{1,3}-[0-9]{1,3}T[0-9]{1,3}:[0-9]{1,3}(:[0-9]{1,3})?") {
            let _ = parse_local_datetime(&input);
        }
    }
}
