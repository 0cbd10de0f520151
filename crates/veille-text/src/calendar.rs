//! Day and month names, French and English, in folded form ([`crate::fold`]):
//! one list for every module that must recognise them (time stamps glued to
//! a headline, capitalised words that are no names, dates).

/// Days of the week, Monday first.
pub const WEEKDAYS_FR: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// Days of the week, Monday first.
pub const WEEKDAYS_EN: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Months, January first.
pub const MONTHS_FR: [&str; 12] = [
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
];

/// Months, January first.
pub const MONTHS_EN: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Every day and month name above, French then English.
pub fn day_and_month_names() -> impl Iterator<Item = &'static str> {
    WEEKDAYS_FR
        .into_iter()
        .chain(MONTHS_FR)
        .chain(WEEKDAYS_EN)
        .chain(MONTHS_EN)
}

/// Whether a folded word is a day or month name in full.
pub fn is_day_or_month(folded: &str) -> bool {
    day_and_month_names().any(|n| n == folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_folded_and_found() {
        for n in day_and_month_names() {
            assert_eq!(crate::fold(n), n);
        }
        assert!(is_day_or_month(&crate::fold("Février")));
        assert!(is_day_or_month("wednesday"));
        assert!(!is_day_or_month("wed"));
        assert_eq!(day_and_month_names().count(), 38);
    }
}
