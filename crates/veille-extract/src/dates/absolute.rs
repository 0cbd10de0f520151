//! Calendar dates written out: "28 octobre 2020", "le 17 octobre", "le
//! mercredi 1er mai", "samedi 29 mai", "le 10 novembre 93", "mai 1988",
//! "October 28, 2020", "Oct. 28", "28/10/2020" and "10/28/2020" (only where
//! a number above 12 tells day from month), "2020-10-28".

use super::scan::Tokens;
use super::words::{day_at, month, month_abbrev, weekday, year_at};
use super::{Cand, Ctx, Family, Rel, TimexKind, Val};

pub(crate) fn match_at(t: &Tokens<'_>, i: usize, _ctx: &Ctx) -> Option<Cand> {
    numeric(t, i)
        .or_else(|| day_month(t, i))
        .or_else(|| month_day(t, i))
        .or_else(|| month_year(t, i))
}

fn cand(start: usize, end: usize, val: Val) -> Cand {
    Cand {
        start,
        end,
        kind: TimexKind::Date,
        val,
        family: Family::Absolute,
    }
}

/// A month name or (next to a number) an abbreviation, with an optional glued
/// period: its number and the token after it.
fn month_word_at(t: &Tokens<'_>, i: usize) -> Option<(u8, usize)> {
    let n = t.norm(i);
    let m = month(n).or_else(|| month_abbrev(n))?;
    let mut j = i + 1;
    if month(n).is_none() && t.is(j, ".") && t.glued(j) {
        j += 1;
    }
    Some((m, j))
}

/// "dernier", "prochain" (and their plural and feminine forms) at `j`.
pub(crate) fn rel_at(t: &Tokens<'_>, j: usize) -> Option<Rel> {
    match t.norm(j) {
        "dernier" | "derniers" | "derniere" | "dernieres" | "passe" | "passee" => Some(Rel::Last),
        "prochain" | "prochains" | "prochaine" | "prochaines" => Some(Rel::Next),
        _ => None,
    }
}

/// A two-digit year after a full date ("le 10 novembre 93"), only when what
/// follows cannot make it a count ("93 personnes").
fn short_year_at(t: &Tokens<'_>, j: usize) -> Option<i32> {
    let y = t.int(j)?;
    if t.raw(j).len() != 2 {
        return None;
    }
    let next_is_word = t.kind(j + 1) == Some(super::scan::Kind::Word)
        && !t.toks.get(j + 1).is_some_and(|x| x.upper);
    if next_is_word {
        return None;
    }
    Some(if y < 30 {
        2000 + y as i32
    } else {
        1900 + y as i32
    })
}

/// [le] [weekday] DAY MONTH [YEAR] [dernier|prochain]
fn day_month(t: &Tokens<'_>, i: usize) -> Option<Cand> {
    let mut j = i;
    if t.is(j, "le") {
        j += 1;
    }
    if weekday(t.norm(j)).is_some() {
        j += 1;
        if t.is(j, ",") {
            j += 1;
        }
    }
    let (d, k) = day_at(t, j)?;
    let (m, mut k) = month_word_at(t, k)?;
    let mut y = None;
    if let Some(yy) = year_at(t, k) {
        y = Some(yy);
        k += 1;
    } else if let Some(yy) = short_year_at(t, k) {
        y = Some(yy);
        k += 1;
    }
    let mut rel = Rel::None;
    if y.is_none() {
        if let Some(r) = rel_at(t, k) {
            rel = r;
            k += 1;
        }
    }
    Some(cand(
        i,
        k,
        Val::Cal {
            y,
            m,
            d: Some(d),
            rel,
        },
    ))
}

/// [weekday ,] MONTH DAY [, YEAR] (English order)
fn month_day(t: &Tokens<'_>, i: usize) -> Option<Cand> {
    let mut j = i;
    if weekday(t.norm(j)).is_some() {
        j += 1;
        if t.is(j, ",") {
            j += 1;
        }
    }
    let (m, k) = month_word_at(t, j)?;
    let (d, mut k) = day_at(t, k)?;
    // "mai 30 personnes": the day must not be followed by a lowercase word.
    if t.kind(k) == Some(super::scan::Kind::Word) && !t.toks.get(k).is_some_and(|x| x.upper) {
        return None;
    }
    let mut y = None;
    if t.is(k, ",") {
        if let Some(yy) = year_at(t, k + 1) {
            y = Some(yy);
            k += 2;
        }
    } else if let Some(yy) = year_at(t, k) {
        y = Some(yy);
        k += 1;
    }
    Some(cand(
        i,
        k,
        Val::Cal {
            y,
            m,
            d: Some(d),
            rel: Rel::None,
        },
    ))
}

/// MONTH YEAR ("mai 1988", "October 2020"), with an optional "le mois de".
fn month_year(t: &Tokens<'_>, i: usize) -> Option<Cand> {
    let m = month(t.norm(i))?;
    let y = year_at(t, i + 1)?;
    Some(cand(
        i,
        i + 2,
        Val::Cal {
            y: Some(y),
            m,
            d: None,
            rel: Rel::None,
        },
    ))
}

/// D/M/YYYY or M/D/YYYY when one number is above 12 (or both are equal),
/// and YYYY-MM-DD.
fn numeric(t: &Tokens<'_>, i: usize) -> Option<Cand> {
    let a = t.int(i)?;
    let sep = t.norm(i + 1);
    if !(sep == "/" || sep == "-" || sep == ".") || !t.glued(i + 1) || !t.glued(i + 2) {
        return None;
    }
    let b = t.int(i + 2)?;
    if t.norm(i + 3) != sep || !t.glued(i + 3) || !t.glued(i + 4) {
        return None;
    }
    let c = t.int(i + 4)?;
    let (y, m, d) = if t.raw(i).len() == 4 && sep == "-" {
        (a as i32, b, c)
    } else {
        let y = year_at(t, i + 4)?;
        match (a, b) {
            (a, b) if a > 12 && b <= 12 => (y, b, a),
            (a, b) if b > 12 && a <= 12 => (y, a, b),
            (a, b) if a == b => (y, a, a),
            _ => return None,
        }
    };
    let (m, d) = (u8::try_from(m).ok()?, u8::try_from(d).ok()?);
    super::calendar::ymd(y, m, d)?;
    // The next token glued to the date ("28/10/2020/3") means it is something else.
    if t.glued(i + 5) && t.kind(i + 5) != Some(super::scan::Kind::Punct) {
        return None;
    }
    Some(cand(
        i,
        i + 5,
        Val::Cal {
            y: Some(y),
            m,
            d: Some(d),
            rel: Rel::None,
        },
    ))
}
