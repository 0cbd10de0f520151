//! French and English words for months, weekdays, numbers, seasons, parts of
//! the day and time units, looked up by folded form (lowercase, no accents).

use super::scan::{Kind, Tokens};

/// Month number of a full month name ("octobre", "october", "fevrier").
pub(crate) fn month(w: &str) -> Option<u8> {
    Some(match w {
        "janvier" | "january" => 1,
        "fevrier" | "february" => 2,
        "mars" | "march" => 3,
        "avril" | "april" => 4,
        "mai" | "may" => 5,
        "juin" | "june" => 6,
        "juillet" | "july" => 7,
        "aout" | "august" => 8,
        "septembre" | "september" => 9,
        "octobre" | "october" => 10,
        "novembre" | "november" => 11,
        "decembre" | "december" => 12,
        _ => return None,
    })
}

/// Month number of an abbreviation ("janv", "sept", "Oct"), only used next to a day number.
pub(crate) fn month_abbrev(w: &str) -> Option<u8> {
    Some(match w {
        "jan" | "janv" => 1,
        "feb" | "fev" | "fevr" => 2,
        "mar" => 3,
        "apr" | "avr" => 4,
        "jun" => 6,
        "jul" | "juil" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

/// Month names that are also common words and need a number or year beside them.
pub(crate) fn month_is_ambiguous(w: &str) -> bool {
    matches!(w, "mars" | "may" | "march")
}

/// ISO weekday (Monday = 1) of a weekday name.
pub(crate) fn weekday(w: &str) -> Option<u8> {
    Some(match w {
        "lundi" | "monday" => 1,
        "mardi" | "tuesday" => 2,
        "mercredi" | "wednesday" => 3,
        "jeudi" | "thursday" => 4,
        "vendredi" | "friday" => 5,
        "samedi" | "saturday" => 6,
        "dimanche" | "sunday" => 7,
        _ => return None,
    })
}

/// TIMEX3 season code.
pub(crate) fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "printemps" | "spring" => "SP",
        "ete" | "summer" => "SU",
        "automne" | "autumn" | "fall" => "FA",
        "hiver" | "winter" => "WI",
        _ => return None,
    })
}

/// TIMEX3 part-of-day code.
pub(crate) fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w {
        "matin" | "matinee" | "morning" => "MO",
        "midi" | "noon" => "MI",
        "soir" | "soiree" | "evening" => "EV",
        "nuit" | "night" => "NI",
        "afternoon" => "AF",
        _ => return None,
    })
}

/// A unit of calendar time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The ISO 8601 duration designator and whether it sits after `T`.
    pub fn designator(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day => ("D", false),
            Unit::Week => ("W", false),
            Unit::Month => ("M", false),
            Unit::Year | Unit::Decade | Unit::Century => ("Y", false),
        }
    }

    /// Years per unit for decades and centuries (written in years in TIMEX3).
    pub fn years_factor(self) -> u32 {
        match self {
            Unit::Decade => 10,
            Unit::Century => 100,
            _ => 1,
        }
    }
}

/// A time unit noun, singular or plural ("jours", "heure", "years", "h" excluded).
pub(crate) fn unit(w: &str) -> Option<Unit> {
    Some(match w {
        "seconde" | "secondes" | "second" | "seconds" => Unit::Second,
        "minute" | "minutes" => Unit::Minute,
        "heure" | "heures" | "hour" | "hours" => Unit::Hour,
        "jour" | "jours" | "journee" | "journees" | "day" | "days" => Unit::Day,
        "semaine" | "semaines" | "week" | "weeks" => Unit::Week,
        "mois" | "month" | "months" => Unit::Month,
        "an" | "ans" | "annee" | "annees" | "year" | "years" => Unit::Year,
        "decennie" | "decennies" | "decade" | "decades" => Unit::Decade,
        "siecle" | "siecles" | "century" | "centuries" => Unit::Century,
        _ => return None,
    })
}

/// A cardinal number word.
pub(crate) fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "un" | "une" | "one" => 1,
        "deux" | "two" => 2,
        "trois" | "three" => 3,
        "quatre" | "four" => 4,
        "cinq" | "five" => 5,
        "six" => 6,
        "sept" | "seven" => 7,
        "huit" | "eight" => 8,
        "neuf" | "nine" => 9,
        "dix" | "ten" => 10,
        "onze" | "eleven" => 11,
        "douze" | "twelve" => 12,
        "treize" | "thirteen" => 13,
        "quatorze" | "fourteen" => 14,
        "quinze" | "fifteen" => 15,
        "seize" | "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "vingt" | "twenty" => 20,
        "trente" | "thirty" => 30,
        "quarante" | "forty" => 40,
        "cinquante" | "fifty" => 50,
        "soixante" | "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "cent" | "hundred" => 100,
        _ => return None,
    })
}

/// A number at token `i`, in digits or words ("44", "deux", "vingt-quatre",
/// "dix-huit", "twenty-one"): its value and the token index after it.
/// Digits with a decimal comma or point give a fractional value ("30,4").
pub(crate) fn number_at(t: &Tokens<'_>, i: usize) -> Option<(f64, usize)> {
    match t.kind(i)? {
        Kind::Number => {
            let s = t.raw(i).replace(',', ".");
            // "1.120" is a thousands group in French news, "30.4" a decimal.
            // "1.120" (a thousands group in French news) and "1.120.000" are
            // integers; "30.4" is a decimal.
            let dots = s.matches('.').count();
            let grouped = dots > 1 || (dots == 1 && s.split('.').nth(1)?.len() == 3);
            let v: f64 = if grouped {
                s.replace('.', "").parse().ok()?
            } else {
                s.parse().ok()?
            };
            Some((v, i + 1))
        }
        Kind::Word => {
            let mut v = number_word(t.norm(i))?;
            let mut j = i + 1;
            // Hyphenated compounds: vingt-quatre, dix-huit, quatre-vingt(s), vingt-et-un.
            while t.is(j, "-") && t.glued(j) {
                let k = if t.is(j + 1, "et") && t.is(j + 2, "-") {
                    j + 3
                } else {
                    j + 1
                };
                let w = t.norm(k);
                let next = number_word(w).or(if w == "vingts" { Some(20) } else { None });
                match next {
                    Some(n) if n == 20 && v == 4 => v = 80,
                    Some(n) if n < 10 && v >= 10 => v += n,
                    Some(n) if (10..20).contains(&n) && (v == 60 || v == 80) => v += n,
                    _ => break,
                }
                j = k + 1;
            }
            Some((f64::from(v), j))
        }
        Kind::Punct => None,
    }
}

/// An ordinal day of the month: "1er", "premier", "2", "1st", "21st".
pub(crate) fn day_at(t: &Tokens<'_>, i: usize) -> Option<(u8, usize)> {
    if t.is(i, "premier") || t.is(i, "first") {
        return Some((1, i + 1));
    }
    let d = t.int(i)?;
    if !(1..=31).contains(&d) || t.raw(i).len() > 2 {
        return None;
    }
    let mut j = i + 1;
    if t.glued(j) && t.is_any(j, &["er", "st", "nd", "rd", "th"]) {
        j += 1;
    }
    Some((d as u8, j))
}

/// A four-digit year 1000–2199 at token `i`.
pub(crate) fn year_at(t: &Tokens<'_>, i: usize) -> Option<i32> {
    let y = t.int(i)?;
    (t.raw(i).len() == 4 && (1000..2200).contains(&y)).then_some(y as i32)
}

/// A Roman numeral (for centuries: "XXe siècle").
pub(crate) fn roman(w: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in w.chars().rev() {
        let v = match c {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            'l' => 50,
            'c' => 100,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<f64> {
        number_at(&Tokens::new(s), 0).map(|(v, _)| v)
    }

    #[test]
    fn reads_numbers_in_words_and_digits() {
        assert_eq!(num("vingt-quatre heures"), Some(24.0));
        assert_eq!(num("dix-huit"), Some(18.0));
        assert_eq!(num("quatre-vingt-dix"), Some(90.0));
        assert_eq!(num("vingt-et-un"), Some(21.0));
        assert_eq!(num("30,4 secondes"), Some(30.4));
        assert_eq!(num("1.120 morts"), Some(1120.0));
        assert_eq!(num("quarante-quatre"), Some(44.0));
        assert_eq!(num("Arménie"), None);
    }

    #[test]
    fn reads_days_years_and_romans() {
        let t = Tokens::new("1er 21st 31 32 1994 94");
        assert_eq!(day_at(&t, 0), Some((1, 2)));
        assert_eq!(day_at(&t, 2), Some((21, 4)));
        assert_eq!(day_at(&t, 5), None);
        assert_eq!(year_at(&t, 6), Some(1994));
        assert_eq!(year_at(&t, 7), None);
        assert_eq!(roman("xx"), Some(20));
        assert_eq!(roman("xix"), Some(19));
        assert_eq!(roman("xie"), None);
    }
}
