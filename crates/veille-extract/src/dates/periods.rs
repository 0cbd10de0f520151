//! Periods: years ("en 1994", "depuis 1991", "1975"), decades ("les années
//! 1990" → `199X`, "the 1990s"), centuries ("le XXe siècle" → `19`), seasons
//! ("l'automne 2020" → `2020-FA`, "l'automne", "cet été", "l'hiver dernier"),
//! months without a day ("en octobre", "septembre dernier", "fin septembre",
//! "mi-octobre", "early October"), and "début 2021".

use super::absolute::rel_at;
use super::scan::{Kind, Tokens};
use super::words::{month, month_is_ambiguous, roman, season, year_at};
use super::{Cand, Ctx, Family, Granularity, Rel, TimexKind, Val};

pub(crate) fn match_at(t: &Tokens<'_>, i: usize, _ctx: &Ctx) -> Option<Cand> {
    [
        decade(t, i),
        century(t, i),
        seasons(t, i),
        months(t, i),
        year(t, i),
    ]
    .into_iter()
    .flatten()
    .max_by_key(|c| c.end)
}

fn cand(start: usize, end: usize, val: Val) -> Cand {
    Cand {
        start,
        end,
        kind: TimexKind::Date,
        val,
        family: Family::Period,
    }
}

/// Function words that may follow a year without making it a count.
const AFTER_YEAR_OK: &[&str] = &[
    "les", "des", "ses", "ces", "mes", "nos", "vos", "leurs", "dans", "sous", "sans", "apres",
    "depuis", "puis", "alors", "plus", "pas", "tous", "toutes", "jusqu", "lors", "vers", "was",
    "is", "has", "as", "his", "its", "this", "fois", "mais", "deux", "trois", "ceux", "jamais",
    "toujours", "tandis", "avons", "avez", "sommes", "etaient", "pres", "moins", "years", "selon",
];

/// A bare year, unless it counts something ("2000 personnes", "1500 euros").
fn year(t: &Tokens<'_>, i: usize) -> Option<Cand> {
    let y = year_at(t, i)?;
    // Part of a number or a code: "n°1994", "1.994", "A-1994".
    // "2002/2003" and "1994-1995" are two years.
    let after_year = i >= 2 && t.is_any(i - 1, &["/", "-"]) && year_at(t, i - 2).is_some();
    if t.glued(i) && i > 0 && !after_year && !t.is_any(i - 1, &["(", "«", "\"", "'", "’"]) {
        return None;
    }
    if let Some(next) = t.toks.get(i + 1) {
        let n = t.norm(i + 1);
        if next.kind == Kind::Word
            && !next.upper
            && n.len() >= 4
            && (n.ends_with('s') || n.ends_with('x'))
            && !AFTER_YEAR_OK.contains(&n)
        {
            return None;
        }
        // "1994-1995" stays two years; "1994 000" or "1994,5" is a number.
        if next.kind == Kind::Number && next.space_before && t.raw(i + 1).len() == 3 {
            return None;
        }
    }
    if !(1500..=2100).contains(&y) {
        // Older years only after a preposition that makes them dates.
        let prev = t.norm(i.wrapping_sub(1));
        if !matches!(prev, "en" | "in" | "depuis" | "since" | "an") {
            return None;
        }
    }
    Some(cand(
        i,
        i + 1,
        Val::Lit(format!("{y:04}"), Granularity::Year),
    ))
}

/// les années 1990 / années 90 / the 1990s / the '90s → 199X.
fn decade(t: &Tokens<'_>, i: usize) -> Option<Cand> {
    let mut j = i;
    if t.is_any(j, &["les", "des", "the"]) {
        j += 1;
    }
    let digits = if t.is_any(j, &["annees", "decennie"]) {
        let k = j + 1;
        let v = t.int(k)?;
        let len = t.raw(k).len();
        let end = k + 1;
        let decade = match len {
            4 if v % 10 == 0 && (1000..2100).contains(&v) => v / 10,
            2 if v % 10 == 0 => 190 + v / 10,
            _ => return None,
        };
        return Some(cand(
            i,
            end,
            Val::Lit(format!("{decade:03}X"), Granularity::Decade),
        ));
    } else {
        let v = t.int(j)?;
        (t.raw(j).len() == 4 && v % 10 == 0 && t.is(j + 1, "s") && t.glued(j + 1)).then_some(v)?
    };
    Some(cand(
        i,
        j + 2,
        Val::Lit(format!("{:03}X", digits / 10), Granularity::Decade),
    ))
}

/// [le] XXe siècle / 20e siècle / the 20th century → "19".
fn century(t: &Tokens<'_>, i: usize) -> Option<Cand> {
    let mut j = i;
    if t.is_any(j, &["le", "the"]) {
        j += 1;
    }
    let (n, k) = if let Some(n) = t.int(j) {
        let k = j + 1;
        t.is_any(k, &["e", "eme", "th", "st", "nd", "rd"])
            .then_some(())?;
        (n, k + 1)
    } else {
        let w = t.norm(j);
        let stem = w.strip_suffix("eme").or_else(|| w.strip_suffix('e'))?;
        (roman(stem)?, j + 1)
    };
    if !t.is_any(k, &["siecle", "century"]) || !(1..=30).contains(&n) {
        return None;
    }
    Some(cand(
        i,
        k + 1,
        Val::Lit(format!("{:02}", n - 1), Granularity::Century),
    ))
}

/// l'automne [2020], cet été, l'hiver dernier, au printemps, autumn 2020, last summer.
fn seasons(t: &Tokens<'_>, i: usize) -> Option<Cand> {
    let mut j = i;
    let mut article = false;
    let mut rel = Rel::None;
    match t.norm(j) {
        "l" if t.is(j + 1, "'") => {
            j += 2;
            article = true;
        }
        "cet" | "ce" | "this" => {
            j += 1;
            article = true;
            rel = Rel::This;
        }
        "the" => {
            j += 1;
            article = true;
        }
        "last" => {
            j += 1;
            article = true;
            rel = Rel::Last;
        }
        "next" => {
            j += 1;
            article = true;
            rel = Rel::Next;
        }
        _ => {}
    }
    let code = season(t.norm(j))?;
    let w = t.norm(j);
    let prev = t.norm(i.wrapping_sub(1));
    // "les Jeux olympiques d'hiver", "vacances de printemps": a kind, not a time.
    if !article && matches!(prev, "d" | "'" | "de" | "des") && year_at(t, j + 1).is_none() {
        return None;
    }
    let mut k = j + 1;
    let y = year_at(t, k);
    if y.is_some() {
        k += 1;
    }
    // "été" is also a participle, "fall" and "spring" are verbs and nouns.
    let needs_context = matches!(w, "ete" | "fall" | "spring");
    if needs_context && !article && y.is_none() && !(w == "ete" && matches!(prev, "en" | "au")) {
        return None;
    }
    if w == "ete" && !article && y.is_none() && t.raw(i.wrapping_sub(1)) == "a" {
        return None;
    }
    if y.is_none() && rel == Rel::None {
        if let Some(r) = rel_at(t, k) {
            rel = r;
            k += 1;
        }
    }
    let shift = match rel {
        Rel::Last => -1,
        Rel::Next => 1,
        _ => 0,
    };
    Some(cand(i, k, Val::Season { y, shift, code }))
}

/// [début|fin|mi-|courant|early|late|mid-] MONTH [YEAR] [dernier|prochain], début 2021.
fn months(t: &Tokens<'_>, i: usize) -> Option<Cand> {
    let mut j = i;
    let mut modifier = false;
    if t.is_any(j, &["debut", "fin", "courant", "early", "late"]) {
        j += 1;
        modifier = true;
    } else if t.is_any(j, &["mi", "mid"]) && t.is(j + 1, "-") {
        j += 2;
        modifier = true;
    }
    if modifier {
        if let Some(y) = year_at(t, j) {
            return Some(cand(
                i,
                j + 1,
                Val::Lit(format!("{y:04}"), Granularity::Year),
            ));
        }
    }
    let w = t.norm(j);
    let m = month(w)?;
    let prev = t.norm(i.wrapping_sub(1));
    let y = year_at(t, j + 1);
    if y.is_none() && !modifier {
        if month_is_ambiguous(w)
            && !matches!(
                prev,
                "en" | "de" | "d" | "in" | "mois" | "since" | "depuis" | "of"
            )
        {
            return None;
        }
        // English month names are capitalised; a lowercase "may" is a verb.
        if matches!(w, "may" | "march" | "june" | "august")
            && !t.toks.get(j).is_some_and(|x| x.upper)
        {
            return None;
        }
    }
    let mut k = j + 1;
    if let Some(y) = y {
        return Some(cand(
            i,
            k + 1,
            Val::Cal {
                y: Some(y),
                m,
                d: None,
                rel: Rel::None,
            },
        ));
    }
    let mut rel = Rel::None;
    if let Some(r) = rel_at(t, k) {
        rel = r;
        k += 1;
    }
    Some(cand(
        i,
        k,
        Val::Cal {
            y: None,
            m,
            d: None,
            rel,
        },
    ))
}
