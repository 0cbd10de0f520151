//! Durations and sets: "44 jours" → `P44D`, "24 heures" → `PT24H`, "30,4
//! secondes" → `PT30.4S`, "environ une heure", "un an et demi" → `P1.5Y`, "un
//! demi-siècle" → `P50Y`, "un quart de siècle" → `P25Y`, "plusieurs jours" /
//! "quelques semaines" / "des années" / "ces derniers jours" → `PXD`, `PXW`,
//! `PXY`; sets "chaque année" / "tous les jours" / "every week" → `P1Y`, `P1D`,
//! `P1W`.
//!
//! Ages are not durations: "Théodore Monod, 97 ans," and "âgée de 90 ans" are
//! skipped (the TimeBank does not annotate them).

use super::scan::{Kind, Tokens};
use super::words::{number_at, unit, Unit};
use super::{Cand, Ctx, Family, Granularity, TimexKind, Val};

pub(crate) fn match_at(t: &Tokens<'_>, i: usize, ctx: &Ctx) -> Option<Cand> {
    [counted(t, i, ctx), vague(t, i), sets(t, i)]
        .into_iter()
        .flatten()
        .max_by_key(|c| c.end)
}

fn cand(start: usize, end: usize, kind: TimexKind, value: String, unit: Unit) -> Cand {
    Cand {
        start,
        end,
        kind,
        val: Val::Lit(value, granularity(unit)),
        family: Family::Duration,
    }
}

fn granularity(u: Unit) -> Granularity {
    match u {
        Unit::Second => Granularity::Second,
        Unit::Minute => Granularity::Minute,
        Unit::Hour => Granularity::Hour,
        Unit::Day => Granularity::Day,
        Unit::Week => Granularity::Week,
        Unit::Month => Granularity::Month,
        Unit::Year => Granularity::Year,
        Unit::Decade => Granularity::Decade,
        Unit::Century => Granularity::Century,
    }
}

/// The ISO 8601 duration of `n` units ("P44D", "PT24H", "PT30.4S", "P50Y").
pub(crate) fn iso(n: f64, u: Unit) -> String {
    let n = n * f64::from(u.years_factor());
    let (d, time) = u.designator();
    let t = if time { "T" } else { "" };
    if n.fract() == 0.0 {
        format!("P{t}{}{d}", n as u64)
    } else {
        let s = format!("{n:.3}");
        format!("P{t}{}{d}", s.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// [environ|about] N UNIT [et demi(e)]; un demi-UNIT; un quart de UNIT.
fn counted(t: &Tokens<'_>, i: usize, ctx: &Ctx) -> Option<Cand> {
    let mut j = i;
    if t.is_any(j, &["environ", "about", "approximately", "around"]) {
        j += 1;
    }
    let (mut n, k) = number_at(t, j)
        .or_else(|| (ctx.en && (t.raw(j) == "a" || t.raw(j) == "an")).then_some((1.0, j + 1)))?;
    let mut k = k;
    // "un demi-siècle", "une demi-heure", "un quart de siècle"
    if n == 1.0 && t.is(k, "demi") && t.is(k + 1, "-") {
        n = 0.5;
        k += 2;
    } else if n == 1.0 && t.is(k, "quart") && t.is_any(k + 1, &["de", "d"]) {
        n = 0.25;
        k += 2;
        if t.is(k, "'") {
            k += 1;
        }
    }
    let u = unit(t.norm(k))?;
    // "une seconde fois": the ordinal, not a duration.
    if u == Unit::Second && n == 1.0 && t.kind(j) == Some(Kind::Word) {
        return None;
    }
    let mut end = k + 1;
    if t.is(end, "et") && t.is_any(end + 1, &["demi", "demie"]) {
        n += 0.5;
        end += 2;
    }
    if n <= 0.0 || n > 100_000.0 || is_age(t, i, j, end, u) {
        return None;
    }
    // "N heures" after "à" is a clock time (the clock rule takes it).
    if u == Unit::Hour && t.is_any(j.wrapping_sub(1), &["a", "vers", "des"]) && j == i {
        return None;
    }
    // "les années 1990" is a decade, "un an" is not "an 2000".
    if t.kind(end) == Some(Kind::Number) && u == Unit::Year && n == 1.0 {
        return None;
    }
    Some(cand(i, end, TimexKind::Duration, iso(n, u), u))
}

/// "Théodore Monod, 97 ans," / "âgée de 90 ans" / "(45 ans)" / "45-year-old".
fn is_age(t: &Tokens<'_>, start: usize, num: usize, end: usize, u: Unit) -> bool {
    if u != Unit::Year {
        return false;
    }
    let before = t.norm(num.wrapping_sub(1));
    let after = t.norm(end);
    if start == num && matches!(before, "," | "(") && matches!(after, "," | ")" | "." | "") {
        return true;
    }
    if matches!(before, "de") && t.norm(num.wrapping_sub(2)).starts_with("age") {
        return true;
    }
    // "un chauffeur de 38 ans": a person's age is written in digits, 15 to 110.
    if before == "de"
        && t.kind(num) == Some(Kind::Number)
        && t.int(num).is_some_and(|n| (15..=110).contains(&n))
    {
        return true;
    }
    matches!(after, "-" | "old") && t.is_any(end + 1, &["old"]) || after == "old"
}

/// plusieurs jours, quelques semaines, des années, ces derniers jours,
/// ces dernières années, several days, a few weeks, years.
fn vague(t: &Tokens<'_>, i: usize) -> Option<Cand> {
    let j = match t.norm(i) {
        "plusieurs" | "quelques" | "des" | "several" | "many" => i + 1,
        "ces" | "les" if t.is_any(i + 1, &["derniers", "dernieres", "prochains", "prochaines"]) => {
            i + 2
        }
        "few" => i + 1,
        _ => return None,
    };
    let w = t.norm(j);
    let u = unit(w)?;
    // Plural units only; "des années 1990" is a decade.
    if !(w.ends_with('s') || w == "mois") || t.kind(j + 1) == Some(Kind::Number) {
        return None;
    }
    let (d, time) = u.designator();
    let value = format!("P{}X{d}", if time { "T" } else { "" });
    let start = if t.is(i, "few") && t.is(i.wrapping_sub(1), "a") {
        i - 1
    } else {
        i
    };
    Some(cand(start, j + 1, TimexKind::Duration, value, u))
}

/// chaque année, chaque jour, tous les jours, tous les deux ans, every week, each year.
fn sets(t: &Tokens<'_>, i: usize) -> Option<Cand> {
    let (n, j) = match t.norm(i) {
        "chaque" | "every" | "each" => match number_at(t, i + 1) {
            Some((n, k)) if t.norm(i) == "every" => (n, k),
            _ => (1.0, i + 1),
        },
        "tous" | "toutes" if t.is(i + 1, "les") => match number_at(t, i + 2) {
            Some((n, k)) => (n, k),
            None => (1.0, i + 2),
        },
        _ => return None,
    };
    let u = unit(t.norm(j))?;
    if n.fract() != 0.0 {
        return None;
    }
    Some(cand(i, j + 1, TimexKind::Set, iso(n, u), u))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_iso_durations() {
        assert_eq!(iso(44.0, Unit::Day), "P44D");
        assert_eq!(iso(24.0, Unit::Hour), "PT24H");
        assert_eq!(iso(30.4, Unit::Second), "PT30.4S");
        assert_eq!(iso(0.5, Unit::Century), "P50Y");
        assert_eq!(iso(1.5, Unit::Year), "P1.5Y");
    }
}
