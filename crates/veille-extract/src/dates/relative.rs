//! Dates relative to the publication date: weekdays ("mercredi", "lundi
//! dernier", "ce dimanche", "jeudi soir", "la nuit de lundi à mardi",
//! "Wednesday night", "last Friday"), days ("hier", "avant-hier",
//! "aujourd'hui", "demain", "hier soir", "ce matin", "yesterday"), weeks,
//! months and years ("la semaine dernière", "le mois prochain", "cette
//! année", "l'an dernier", "last week"), counted shifts ("il y a trois
//! jours", "dans deux semaines", "two days ago"), clock times ("14 h",
//! "18 h 55", "vers 15 h 30", "10:30 p.m.", "midi") and reference words
//! ("maintenant" → PRESENT_REF, "l'avenir" → FUTURE_REF).

use super::absolute::rel_at;
use super::scan::{Kind, Tokens};
use super::words::{number_at, part_of_day, unit, weekday, Unit};
use super::{Cand, Ctx, Family, Granularity, Rel, TimexKind, Val};

pub(crate) fn match_at(t: &Tokens<'_>, i: usize, ctx: &Ctx) -> Option<Cand> {
    let best = [
        day_words(t, i),
        weekdays(t, i),
        calendar_units(t, i),
        counted(t, i, ctx),
        clock(t, i),
        references(t, i),
        part_of_last_day(t, i),
    ];
    best.into_iter()
        .flatten()
        .max_by_key(|c| c.end)
        .map(|c| with_clock(t, c))
}

fn cand(start: usize, end: usize, val: Val) -> Cand {
    Cand {
        start,
        end,
        kind: TimexKind::Date,
        val,
        family: Family::Relative,
    }
}

/// A part of the day after a day word: "soir", "matin", "après-midi",
/// "en début d'après-midi", "en fin de soirée", "night".
fn part_at(t: &Tokens<'_>, j: usize) -> Option<(&'static str, usize)> {
    let mut k = j;
    if t.is(k, "en") && t.is_any(k + 1, &["debut", "fin"]) && t.is_any(k + 2, &["de", "d"]) {
        k += 3;
        if t.is(k, "'") {
            k += 1;
        }
    }
    if t.is(k, "apres") && t.is(k + 1, "-") && t.is(k + 2, "midi") {
        return Some(("AF", k + 3));
    }
    let p = part_of_day(t.norm(k))?;
    if p == "MI" {
        return None;
    }
    Some((p, k + 1))
}

/// hier, avant-hier, aujourd'hui, demain, après-demain, ce matin, ce soir,
/// cette nuit, cet après-midi, yesterday, today, tomorrow, tonight, this morning.
fn day_words(t: &Tokens<'_>, i: usize) -> Option<Cand> {
    let (n, mut j) = match t.norm(i) {
        "hier" | "yesterday" => (-1, i + 1),
        "avant" if t.is(i + 1, "-") && t.is(i + 2, "hier") => (-2, i + 3),
        "aujourd" if t.is(i + 1, "'") && t.is(i + 2, "hui") => (0, i + 3),
        "today" => (0, i + 1),
        "demain" | "tomorrow" => (1, i + 1),
        "apres" if t.is(i + 1, "-") && t.is(i + 2, "demain") => (2, i + 3),
        "tonight" => {
            return Some(cand(
                i,
                i + 1,
                Val::Shift {
                    unit: Unit::Day,
                    n: 0,
                    part: Some("NI"),
                },
            ))
        }
        "ce" | "cet" | "cette" | "this" => {
            let (p, j) = part_at(t, i + 1)?;
            return Some(cand(
                i,
                j,
                Val::Shift {
                    unit: Unit::Day,
                    n: 0,
                    part: Some(p),
                },
            ));
        }
        _ => return None,
    };
    let mut part = None;
    if let Some((p, k)) = part_at(t, j) {
        part = Some(p);
        j = k;
    }
    Some(cand(
        i,
        j,
        Val::Shift {
            unit: Unit::Day,
            n,
            part,
        },
    ))
}

/// [le|ce|last|next|this] WEEKDAY [dernier|prochain] [part of day];
/// [dans] la nuit de WEEKDAY à WEEKDAY.
fn weekdays(t: &Tokens<'_>, i: usize) -> Option<Cand> {
    let mut j = i;
    let mut rel = Rel::None;
    if t.is(j, "la") && t.is(j + 1, "nuit") && t.is_any(j + 2, &["de", "du"]) {
        let wd = weekday(t.norm(j + 3))?;
        let mut k = j + 4;
        if t.is_any(k, &["a", "au"]) && weekday(t.norm(k + 1)).is_some() {
            k += 2;
        }
        return Some(cand(
            i,
            k,
            Val::Weekday {
                wd,
                rel: Rel::None,
                part: Some("NI"),
            },
        ));
    }
    match t.norm(j) {
        "ce" | "this" => {
            rel = Rel::This;
            j += 1;
        }
        "last" => {
            rel = Rel::Last;
            j += 1;
        }
        "next" => {
            rel = Rel::Next;
            j += 1;
        }
        "le" => j += 1,
        _ => {}
    }
    let wd = weekday(t.norm(j))?;
    j += 1;
    // "le Vendredi saint", "Mardi gras": feasts, not dates here.
    if t.is_any(j, &["saint", "gras"]) {
        return None;
    }
    if rel == Rel::None {
        if let Some(r) = rel_at(t, j) {
            rel = r;
            j += 1;
        }
    }
    let mut part = None;
    if let Some((p, k)) = part_at(t, j) {
        part = Some(p);
        j = k;
    }
    Some(cand(i, j, Val::Weekday { wd, rel, part }))
}

/// la semaine dernière, cette semaine, le mois prochain, l'an dernier,
/// l'année prochaine, cette année, ce week-end, last week, next month, this year.
fn calendar_units(t: &Tokens<'_>, i: usize) -> Option<Cand> {
    let (lead, mut j) = match t.norm(i) {
        "la" | "le" => (Rel::None, i + 1),
        "l" if t.is(i + 1, "'") => (Rel::None, i + 2),
        "ce" | "cet" | "cette" | "this" => (Rel::This, i + 1),
        "last" => (Rel::Last, i + 1),
        "next" => (Rel::Next, i + 1),
        _ => return None,
    };
    let (unit, weekend) = match t.norm(j) {
        "week" if t.is(j + 1, "-") && t.is(j + 2, "end") => (Unit::Week, true),
        "semaine" | "week" => (Unit::Week, false),
        "weekend" => (Unit::Week, true),
        "mois" | "month" => (Unit::Month, false),
        "an" | "annee" | "year" => (Unit::Year, false),
        _ => return None,
    };
    j += if weekend && t.is(j + 1, "-") { 3 } else { 1 };
    let rel = match lead {
        Rel::None => {
            let r = rel_at(t, j)?;
            j += 1;
            r
        }
        r => r,
    };
    // "ce mois-ci"
    if rel == Rel::This && t.is(j, "-") && t.is(j + 1, "ci") {
        j += 2;
    }
    let n = match rel {
        Rel::Last => -1,
        Rel::Next => 1,
        _ => 0,
    };
    let part = weekend.then_some("WE");
    Some(cand(i, j, Val::Shift { unit, n, part }))
}

/// il y a N UNIT, N UNIT ago, dans N UNIT (days and longer).
fn counted(t: &Tokens<'_>, i: usize, ctx: &Ctx) -> Option<Cand> {
    let (sign, j) = if t.is(i, "il") && t.is(i + 1, "y") && t.raw(i + 2) == "a" {
        (-1, i + 3)
    } else if t.is(i, "dans") {
        (1, i + 1)
    } else {
        (0, i)
    };
    let (n, k) = number_at(t, j).or_else(|| {
        (ctx.en && sign == 0 && (t.raw(j) == "a" || t.raw(j) == "an")).then_some((1.0, j + 1))
    })?;
    let u = unit(t.norm(k))?;
    if n.fract() != 0.0
        || n > 1000.0
        || matches!(
            u,
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Decade | Unit::Century
        )
    {
        return None;
    }
    let mut end = k + 1;
    let sign = if sign == 0 {
        if !t.is(end, "ago") {
            return None;
        }
        end += 1;
        -1
    } else {
        sign
    };
    let n = sign * n as i32;
    Some(cand(
        i,
        end,
        Val::Shift {
            unit: u,
            n,
            part: None,
        },
    ))
}

/// [vers] H h [MM], H heures [MM] after "à"/"vers"/"dès", H:MM [am|pm], midi, minuit.
fn clock(t: &Tokens<'_>, i: usize) -> Option<Cand> {
    let mut j = i;
    let approx = t.is_any(j, &["vers", "around"]);
    if approx {
        j += 1;
    }
    if t.is_any(j, &["midi", "minuit", "noon", "midnight"]) {
        let prev = t.norm(i.wrapping_sub(1));
        if !approx
            && !matches!(
                prev,
                "a" | "avant" | "apres" | "des" | "jusqu" | "at" | "before" | "after"
            )
        {
            return None;
        }
        let h = if matches!(t.norm(j), "midi" | "noon") {
            12
        } else {
            0
        };
        return Some(clock_cand(i, j + 1, h, 0));
    }
    let h = t.int(j)?;
    if h > 24 || t.raw(j).len() > 2 {
        return None;
    }
    let mut k = j + 1;
    let mut min = 0;
    if t.is(k, "h") {
        k += 1;
        if let Some(m) = t.int(k).filter(|m| *m < 60 && t.raw(k).len() == 2) {
            min = m;
            k += 1;
        }
    } else if t.is_any(k, &["heure", "heures"]) {
        let prev = t.norm(i.wrapping_sub(1));
        if !approx && !matches!(prev, "a" | "des" | "jusqu" | "vers") {
            return None;
        }
        k += 1;
        if let Some(m) = t.int(k).filter(|m| *m < 60 && t.raw(k).len() == 2) {
            min = m;
            k += 1;
        }
    } else if t.is(k, ":") && t.glued(k) && t.glued(k + 1) {
        min = t
            .int(k + 1)
            .filter(|m| *m < 60 && t.raw(k + 1).len() == 2)?;
        k += 2;
    } else if !(t.is_any(k, &["am", "pm"]) || (t.is_any(k, &["a", "p"]) && t.is(k + 1, "."))) {
        return None;
    }
    // a.m. / p.m. / am / pm
    let mut h = h;
    if t.is_any(k, &["am", "pm"]) {
        if t.is(k, "pm") && h < 12 {
            h += 12;
        }
        k += 1;
    } else if t.is_any(k, &["a", "p"]) && t.is(k + 1, ".") && t.is(k + 2, "m") {
        if t.is(k, "p") && h < 12 {
            h += 12;
        }
        k += 3;
        if t.is(k, ".") && t.glued(k) {
            k += 1;
        }
    }
    Some(clock_cand(i, k, h as u8, min as u8))
}

fn clock_cand(start: usize, end: usize, h: u8, min: u8) -> Cand {
    Cand {
        start,
        end,
        kind: TimexKind::Time,
        val: Val::Clock { h, min, day: None },
        family: Family::Relative,
    }
}

/// Joins a day and a clock time: "hier à 10 h", "4 h mardi", "15 h 30, hier".
fn with_clock(t: &Tokens<'_>, c: Cand) -> Cand {
    match &c.val {
        // "Hier à 10 h" is one expression in the TimeBank, "samedi à 8 h" two.
        Val::Shift {
            unit: Unit::Day,
            part: None,
            ..
        } => {
            if t.is(c.end, "a") {
                if let Some(k) = clock(t, c.end + 1) {
                    if let Val::Clock { h, min, .. } = k.val {
                        return Cand {
                            end: k.end,
                            kind: TimexKind::Time,
                            val: Val::Clock {
                                h,
                                min,
                                day: Some(Box::new(c.val)),
                            },
                            ..c
                        };
                    }
                }
            }
            c
        }
        Val::Clock { h, min, day: None } => {
            let j = if t.is(c.end, ",") { c.end + 1 } else { c.end };
            let day = day_words(t, j)
                .or_else(|| weekdays(t, j).filter(|w| w.start == j && !t.is(j, "ce")));
            match day {
                Some(d)
                    if matches!(
                        d.val,
                        Val::Shift { part: None, .. }
                            | Val::Weekday {
                                part: None,
                                rel: Rel::None,
                                ..
                            }
                    ) =>
                {
                    Cand {
                        end: d.end,
                        val: Val::Clock {
                            h: *h,
                            min: *min,
                            day: Some(Box::new(d.val)),
                        },
                        ..c
                    }
                }
                _ => c,
            }
        }
        _ => c,
    }
}

/// "dans la soirée", "pendant la nuit", "la matinée", "l'après-midi": a part
/// of the last day mentioned (not "la nuit de lundi", not "la soirée de gala").
fn part_of_last_day(t: &Tokens<'_>, i: usize) -> Option<Cand> {
    let j = match t.norm(i) {
        "la" => i + 1,
        "l" if t.is(i + 1, "'") => i + 2,
        _ => return None,
    };
    let (part, end) = part_at(t, j)?;
    if j != i + 1 && part != "AF"
        || t.is_any(end, &["de", "du", "d", "des"])
        || t.is(j, "nuit") && t.is(i.wrapping_sub(1), "toute")
    {
        return None;
    }
    Some(cand(i, end, Val::PartOfLastDay(part)))
}

/// maintenant, actuellement, à présent, de nos jours, pour le moment, l'avenir,
/// actuel (the TimeBank marks the adjective too), now, currently.
fn references(t: &Tokens<'_>, i: usize) -> Option<Cand> {
    let (v, end) = match t.norm(i) {
        "maintenant" | "actuellement" | "currently" | "nowadays" => ("PRESENT_REF", i + 1),
        "actuel" | "actuelle" | "actuels" | "actuelles" => ("PRESENT_REF", i + 1),
        "pour" if t.is(i + 1, "le") && t.is(i + 2, "moment") => ("PRESENT_REF", i + 3),
        "pour" if t.is(i + 1, "l") && t.is(i + 2, "'") && t.is(i + 3, "instant") => {
            ("PRESENT_REF", i + 4)
        }
        "en" if t.is(i + 1, "ce") && t.is(i + 2, "moment") => ("PRESENT_REF", i + 3),
        "now" if !t.is(i + 1, "that") => ("PRESENT_REF", i + 1),
        "present" if t.raw(i.wrapping_sub(1)) == "à" => ("PRESENT_REF", i + 1),
        "nos" if t.is(i + 1, "jours") && t.is(i.wrapping_sub(1), "de") => ("PRESENT_REF", i + 2),
        "l" if t.is(i + 1, "'") && t.is(i + 2, "avenir") => ("FUTURE_REF", i + 3),
        "the" if t.is(i + 1, "future") => ("FUTURE_REF", i + 2),
        "autrefois" | "jadis" => ("PAST_REF", i + 1),
        _ => return None,
    };
    if t.kind(i) != Some(Kind::Word) {
        return None;
    }
    Some(Cand {
        start: i,
        end,
        kind: TimexKind::Time,
        val: Val::Lit(v.to_string(), Granularity::Reference),
        family: Family::Reference,
    })
}
