//! Temporal expressions in French and English news: found, typed and
//! normalised to TIMEX3 values against the document's publication date.
//!
//! # Design
//!
//! One hand-written scanner ([`scan`]) turns the text into tokens with folded
//! forms (no regexes); each family of rules is one file that tries to match at
//! a token and returns an unresolved candidate:
//!
//! | file | what it reads |
//! |---|---|
//! | `absolute.rs` | "28 octobre 2020", "le mercredi 1er mai", "October 28, 2020", "28/10/2020" (only when the numbers decide) |
//! | `relative.rs` | weekdays ("mercredi", "lundi dernier", "jeudi soir"), "hier", "la semaine dernière", "il y a trois jours", clock times, PRESENT_REF words |
//! | `periods.rs` | years, decades ("les années 1990"), centuries, seasons, months ("en octobre", "fin septembre", "début 2021") |
//! | `durations.rs` | "44 jours" → `P44D`, "24 heures" → `PT24H`, "plusieurs jours" → `PXD`; sets ("chaque année" → `P1Y`) |
//! | `intervals.rs` | "depuis", "jusqu'au", "du … au …": which end of an interval a date is |
//! | `words.rs` | month, weekday, number, season, part-of-day and unit words |
//!
//! At every token the longest candidate wins and scanning resumes after it.
//! Candidates are then resolved in text order: relative dates against the
//! anchor (the publication date), clock times against the last day-level date
//! mentioned (the TimeBank convention: "hier … 18 h" is yesterday at 18:00).
//!
//! Conventions, learned from the French TimeBank gold: the article and
//! determiner belong to the span ("le 17 octobre", "l'automne", "ce soir"),
//! "dernier"/"prochain" too; prepositions do not ("en 1994", "depuis 1991",
//! "à 14 h"), except "vers" and "environ" (approximations). A bare weekday in a
//! news text is the most recent such day on or before the publication date
//! unless the clause is in the future tense; a day and month without a year
//! take the anchor's year, moved by a year when the tense says so. When the
//! anchor is coarser than the expression needs (a weekday in a document dated
//! only "2020-10"), the value is given at the anchor's precision and
//! [`Timex::coarsened`] says so.
//!
//! Speed: one pass over bytes, a folded copy of each token in a single buffer,
//! and matchers that fail on the first token comparison; see `reports/dates.md`
//! for the measured throughput on OrangeSum.

mod absolute;
mod bound;
mod calendar;
mod document;
mod durations;
mod infer;
mod intervals;
mod periods;
mod relative;
mod retro;
mod scan;
mod words;

use calendar::Ymd;
use scan::{Tense, Tokens};
use serde::{Deserialize, Serialize};
use veille_model::{PartialDate, Span};
use words::Unit;

pub use bound::{
    first_weekday_from, lead_weekday, lower_bound, opens_period, BoundRule, DateBound,
};
pub use document::{document_time, DayRule, DocumentTime, InferredDay};
pub use infer::{infer_document_date, Evidence, InferenceRule};
pub use retro::retrospective_bound;

/// The TIMEX3 type of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexKind {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            TimexKind::Date => "DATE",
            TimexKind::Time => "TIME",
            TimexKind::Duration => "DURATION",
            TimexKind::Set => "SET",
        }
    }
}

/// The finest unit a value is known to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// PRESENT_REF, PAST_REF, FUTURE_REF.
    Reference,
    Century,
    Decade,
    Year,
    Season,
    Month,
    Week,
    Day,
    PartOfDay,
    Hour,
    Minute,
    Second,
}

impl Granularity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Granularity::Reference => "reference",
            Granularity::Century => "century",
            Granularity::Decade => "decade",
            Granularity::Year => "year",
            Granularity::Season => "season",
            Granularity::Month => "month",
            Granularity::Week => "week",
            Granularity::Day => "day",
            Granularity::PartOfDay => "partofday",
            Granularity::Hour => "hour",
            Granularity::Minute => "minute",
            Granularity::Second => "second",
        }
    }
}

/// Which end of an interval a date is ("depuis le 27 septembre" is a start).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IntervalEdge {
    Start,
    End,
}

/// The family of rules that found an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// A calendar date written out, possibly without its year.
    Absolute,
    /// A date relative to the publication date: weekdays, "hier", clock times.
    Relative,
    /// Years, decades, centuries, seasons, months.
    Period,
    /// Durations and sets.
    Duration,
    /// PRESENT_REF / PAST_REF / FUTURE_REF words.
    Reference,
}

/// A temporal expression and its TIMEX3 normalisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    /// Byte span of the expression in the tagged text.
    pub span: Span,
    pub kind: TimexKind,
    /// TIMEX3 value: `2020-10-28`, `2020-10`, `2020`, `199X`, `2020-FA`,
    /// `2020-W43`, `P44D`, `PT24H`, `PRESENT_REF`, `2020-10-28TEV`,
    /// `XXXX-WXX-3` (a weekday with no anchor).
    pub value: String,
    pub granularity: Granularity,
    /// The value depends on the anchor (relative, or missing its year).
    pub anchored: bool,
    /// The anchor was too coarse (or absent) for the expression, so the value
    /// is less precise than the text ("mercredi" in a document dated 2020-10
    /// gives `2020-10`).
    pub coarsened: bool,
    pub interval: Option<IntervalEdge>,
    pub family: Family,
}

/// The date tagger. Holds no state: build it once with `default()` and share it.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateTagger {}

impl DateTagger {
    /// The temporal expressions of `text`, in order and non-overlapping,
    /// resolved against `anchor` (the publication date, at any precision).
    /// `lang` is an ISO 639-1 code; English rules are used for `"en"`, French
    /// and English ones otherwise.
    pub fn tag(&self, text: &str, anchor: Option<PartialDate>, lang: &str) -> Vec<Timex> {
        let t = Tokens::new(text);
        let ctx = Ctx {
            en: lang.eq_ignore_ascii_case("en"),
        };
        let cands = find(&t, &ctx);
        let edges = intervals::edges(&t, &cands);
        let mut res = Resolver::new(anchor);
        cands
            .iter()
            .zip(edges)
            .filter_map(|(c, edge)| {
                let tense = match (edge, intervals::tense_hint(&t, c)) {
                    (_, Some(hint)) => hint,
                    (Some(IntervalEdge::End), None) => Tense::Unknown,
                    _ => scan::tense_at(&t, c.start, c.end),
                };
                let r = res.resolve(&c.val, tense)?;
                let first = t.toks.get(c.start)?;
                let last = t.toks.get(c.end.checked_sub(1)?)?;
                let kind = match (c.kind, r.time) {
                    (TimexKind::Date, true) => TimexKind::Time,
                    (k, _) => k,
                };
                Some(Timex {
                    span: Span::new(first.start as usize, last.end as usize),
                    kind,
                    value: r.value,
                    granularity: r.granularity,
                    anchored: r.anchored,
                    coarsened: r.coarsened,
                    interval: edge,
                    family: c.family,
                })
            })
            .collect()
    }
}

/// What the rules may look at besides the tokens.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx {
    /// English text: "a"/"an" are numbers ("a week ago").
    pub en: bool,
}

/// A match before resolution: tokens `[start, end)` and what they mean.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub kind: TimexKind,
    pub val: Val,
    pub family: Family,
}

/// "dernier", "prochain", "ce" next to a weekday, month or date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rel {
    None,
    Last,
    Next,
    This,
}

/// The meaning of a match, to resolve against the anchor.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    /// A final value.
    Lit(String, Granularity),
    /// A calendar date; a missing year comes from the anchor.
    Cal {
        y: Option<i32>,
        m: u8,
        d: Option<u8>,
        rel: Rel,
    },
    /// A day of the week; `part` is a part-of-day code ("EV").
    Weekday {
        wd: u8,
        rel: Rel,
        part: Option<&'static str>,
    },
    /// The anchor moved by `n` units ("hier" = days −1, "l'an prochain" = years +1);
    /// `part` is a part of day for days, `"WE"` (weekend) for weeks.
    Shift {
        unit: Unit,
        n: i32,
        part: Option<&'static str>,
    },
    /// A season of a year (`None` = the anchor's year moved by `shift`).
    Season {
        y: Option<i32>,
        shift: i32,
        code: &'static str,
    },
    /// A part of the last day mentioned ("dans la soirée", "pendant la nuit").
    PartOfLastDay(&'static str),
    /// A clock time, on a given day or else on the last day mentioned.
    Clock {
        h: u8,
        min: u8,
        day: Option<Box<Val>>,
    },
}

type Matcher = fn(&Tokens<'_>, usize, &Ctx) -> Option<Cand>;

/// Matchers in priority order: on equal length the first wins.
const MATCHERS: &[Matcher] = &[
    absolute::match_at,
    relative::match_at,
    periods::match_at,
    durations::match_at,
];

/// Whether a token can start an expression: most tokens cannot, and are
/// skipped without calling the matchers.
fn could_start(t: &Tokens<'_>, i: usize, ctx: &Ctx) -> bool {
    match t.kind(i) {
        Some(scan::Kind::Number) => true,
        Some(scan::Kind::Word) => {
            let w = t.norm(i);
            // "a"/"an" start English counts ("a week ago"); in French "a" is
            // the commonest verb form and "an" needs a number before it.
            if matches!(w, "a" | "an") {
                return ctx.en;
            }
            STARTERS.binary_search(&w).is_ok()
                || words::weekday(w).is_some()
                || words::month(w).is_some()
                || words::month_abbrev(w).is_some()
                || words::season(w).is_some()
                || words::number_word(w).is_some()
                || w.strip_suffix('e')
                    .or_else(|| w.strip_suffix("eme"))
                    .and_then(words::roman)
                    .is_some()
        }
        _ => false,
    }
}

/// Words (other than weekdays, months, seasons, numbers and Roman numerals)
/// that can start an expression; each matcher's first token is one of them.
/// Sorted, for a binary search.
const STARTERS: &[&str] = &[
    "a",
    "about",
    "actuel",
    "actuelle",
    "actuellement",
    "actuelles",
    "actuels",
    "an",
    "annees",
    "approximately",
    "apres",
    "around",
    "aujourd",
    "autrefois",
    "avant",
    "ce",
    "ces",
    "cet",
    "cette",
    "chaque",
    "courant",
    "currently",
    "dans",
    "debut",
    "decennie",
    "demain",
    "des",
    "each",
    "early",
    "en",
    "environ",
    "every",
    "few",
    "fin",
    "hier",
    "il",
    "jadis",
    "l",
    "la",
    "last",
    "late",
    "le",
    "les",
    "maintenant",
    "many",
    "mi",
    "mid",
    "midi",
    "midnight",
    "minuit",
    "next",
    "noon",
    "nos",
    "now",
    "nowadays",
    "plusieurs",
    "pour",
    "present",
    "quelques",
    "several",
    "the",
    "this",
    "today",
    "tomorrow",
    "tonight",
    "tous",
    "toutes",
    "vers",
    "yesterday",
];

fn find(t: &Tokens<'_>, ctx: &Ctx) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if !could_start(t, i, ctx) {
            i += 1;
            continue;
        }
        let mut best: Option<Cand> = None;
        for m in MATCHERS {
            if let Some(c) = m(t, i, ctx) {
                if c.end > c.start && best.as_ref().is_none_or(|b| c.end > b.end) {
                    best = Some(c);
                }
            }
        }
        match best {
            Some(mut c) => {
                i = c.end;
                let prev_end = out.last().map_or(0, |p: &Cand| p.end);
                c.start = modifier_start(t, c.start, prev_end, &c);
                out.push(c);
            }
            None => i += 1,
        }
    }
    out
}

/// Extends a date leftwards over "la fin de", "le début de", "au cours de",
/// "fin", "début" ("la fin de l'année dernière"): TimeML keeps these
/// modifiers in the span, and the value stays the period's.
fn modifier_start(t: &Tokens<'_>, start: usize, floor: usize, c: &Cand) -> usize {
    if c.kind != TimexKind::Date || start < floor + 2 {
        return start;
    }
    let mut s = start;
    if t.is_any(s - 1, &["de", "d", "du", "'"]) {
        s -= 1;
        if t.is(s, "'") && s > floor {
            s -= 1;
        }
        if s > floor && t.is_any(s - 1, &["fin", "debut", "milieu"]) {
            s -= 1;
            if s > floor && t.is_any(s - 1, &["la", "le"]) {
                s -= 1;
            }
            return s;
        }
    }
    start
}

/// A resolved value.
struct Resolved {
    value: String,
    granularity: Granularity,
    anchored: bool,
    coarsened: bool,
    /// The value has a time part, so a DATE becomes a TIME.
    time: bool,
}

impl Resolved {
    fn new(value: String, granularity: Granularity) -> Resolved {
        Resolved {
            value,
            granularity,
            anchored: false,
            coarsened: false,
            time: false,
        }
    }

    fn anchored(mut self) -> Resolved {
        self.anchored = true;
        self
    }

    fn coarsened(mut self) -> Resolved {
        self.coarsened = true;
        self
    }

    fn day(d: Ymd) -> Resolved {
        Resolved::new(d.iso(), Granularity::Day).anchored()
    }

    fn with_part(mut self, part: Option<&'static str>) -> Resolved {
        if let Some(p) = part {
            if self.granularity == Granularity::Day {
                self.value = format!("{}T{p}", self.value);
                self.granularity = Granularity::PartOfDay;
                self.time = true;
            }
        }
        self
    }
}

/// Resolves candidates in text order, remembering the last day mentioned.
struct Resolver {
    anchor: Option<PartialDate>,
    anchor_day: Option<Ymd>,
    last_day: Option<Ymd>,
    /// The last full date written out, within a week of the anchor.
    near_explicit: Option<Ymd>,
}

impl Resolver {
    fn new(anchor: Option<PartialDate>) -> Resolver {
        let anchor_day = anchor.and_then(Ymd::from_partial);
        Resolver {
            anchor,
            anchor_day,
            last_day: anchor_day,
            near_explicit: None,
        }
    }

    fn resolve(&mut self, val: &Val, tense: Tense) -> Option<Resolved> {
        let r = self.value(val, tense)?;
        if r.granularity >= Granularity::Day && !r.coarsened {
            let day = r
                .value
                .get(..10)
                .and_then(|s| s.parse().ok())
                .and_then(Ymd::from_partial);
            if let Some(d) = day {
                self.last_day = Some(d);
                let near = self
                    .anchor_day
                    .is_some_and(|a| (d.days() - a.days()).abs() <= 7);
                if near && matches!(val, Val::Cal { d: Some(_), .. }) {
                    self.near_explicit = Some(d);
                }
            }
        }
        Some(r)
    }

    /// What the anchor can give at month precision.
    fn anchor_month(&self) -> Option<(i32, u8)> {
        self.anchor.and_then(|a| Some((a.year, a.month?)))
    }

    fn value(&self, val: &Val, tense: Tense) -> Option<Resolved> {
        Some(match *val {
            Val::Lit(ref v, g) => Resolved::new(v.clone(), g),
            Val::Cal {
                y: Some(y), m, d, ..
            } => match d {
                Some(d) => Resolved::new(calendar::ymd(y, m, d)?.iso(), Granularity::Day),
                None => Resolved::new(format!("{y:04}-{m:02}"), Granularity::Month),
            },
            Val::Cal { y: None, m, d, rel } => self.year_less(m, d, rel, tense),
            Val::Weekday { wd, rel, part } => self.weekday(wd, rel, tense)?.with_part(part),
            Val::Shift {
                unit: Unit::Week,
                n: 0,
                part: Some("WE"),
            } => {
                // "ce week-end" early in the week, in the past tense: the one just gone.
                let early = self.anchor_day.map_or(7, |a| a.weekday());
                let past =
                    (tense == Tense::Past && early <= 4) || (tense == Tense::Unknown && early <= 2);
                self.shift(Unit::Week, if past { -1 } else { 0 }, Some("WE"))?
            }
            Val::Shift { unit, n, part } => self.shift(unit, n, part)?,
            Val::Season { y, shift, code } => match (y, self.anchor) {
                (Some(y), _) => Resolved::new(format!("{y:04}-{code}"), Granularity::Season),
                (None, Some(a)) => {
                    Resolved::new(format!("{:04}-{code}", a.year + shift), Granularity::Season)
                        .anchored()
                }
                (None, None) => {
                    Resolved::new(format!("XXXX-{code}"), Granularity::Season).coarsened()
                }
            },
            Val::PartOfLastDay(part) => match self.last_day {
                Some(d) => Resolved::day(d).with_part(Some(part)),
                None => return None,
            },
            Val::Clock { h, min, ref day } => {
                let base = match day {
                    Some(v) => self.value(v, tense)?,
                    None => match self.last_day {
                        Some(d) => Resolved::day(d),
                        None => Resolved::new("XXXX-XX-XX".into(), Granularity::Day).coarsened(),
                    },
                };
                let mut r = if base.granularity == Granularity::Day {
                    Resolved {
                        value: format!("{}T{h:02}:{min:02}", base.value),
                        granularity: Granularity::Minute,
                        ..base
                    }
                } else {
                    base.coarsened()
                };
                r.time = true;
                r
            }
        })
    }

    /// A day or month without its year: the anchor's year, moved back when
    /// the date would be after the anchor in a past context, forward when
    /// before it in a future one.
    fn year_less(&self, m: u8, d: Option<u8>, rel: Rel, tense: Tense) -> Resolved {
        let Some(a) = self.anchor else {
            let v = match d {
                Some(d) => format!("XXXX-{m:02}-{d:02}"),
                None => format!("XXXX-{m:02}"),
            };
            let g = if d.is_some() {
                Granularity::Day
            } else {
                Granularity::Month
            };
            return Resolved::new(v, g).coarsened();
        };
        let mut y = a.year;
        if let Some(am) = a.month {
            // Compare (month, day) with the anchor; a missing day compares by month only.
            let key = (m, if a.day.is_some() { d.unwrap_or(0) } else { 0 });
            let akey = (am, if d.is_some() { a.day.unwrap_or(0) } else { 0 });
            let months_after = i32::from(m) - i32::from(am);
            match rel {
                Rel::Last if key >= akey => y -= 1,
                Rel::Next if key <= akey => y += 1,
                Rel::Last | Rel::Next => {}
                Rel::None | Rel::This => match tense {
                    Tense::Past if key > akey => y -= 1,
                    Tense::Future if key < akey => y += 1,
                    // No tense: news mostly looks back; a date far ahead in the
                    // year is last year's, one far behind is next year's.
                    _ if months_after > 4 => y -= 1,
                    _ if months_after < -9 => y += 1,
                    _ => {}
                },
            }
        }
        let r = match d.and_then(|d| calendar::ymd(y, m, d)) {
            Some(day) => Resolved::new(day.iso(), Granularity::Day),
            None => Resolved::new(format!("{y:04}-{m:02}"), Granularity::Month),
        };
        if a.month.is_some() {
            r.anchored()
        } else {
            r.anchored().coarsened()
        }
    }

    fn weekday(&self, wd: u8, rel: Rel, tense: Tense) -> Option<Resolved> {
        let Some(a) = self.anchor_day else {
            return Some(match self.anchor_month() {
                Some((y, m)) => Resolved::new(format!("{y:04}-{m:02}"), Granularity::Month)
                    .anchored()
                    .coarsened(),
                None => match self.anchor {
                    Some(a) => Resolved::new(format!("{:04}", a.year), Granularity::Year)
                        .anchored()
                        .coarsened(),
                    None => Resolved::new(format!("XXXX-WXX-{wd}"), Granularity::Day).coarsened(),
                },
            });
        };
        // "samedi 29 mai … samedi à 8 h": a bare weekday repeats a date just written.
        if rel == Rel::None {
            if let Some(d) = self.near_explicit.filter(|d| d.weekday() == wd) {
                return Some(Resolved::day(d));
            }
        }
        let back = (i64::from(a.weekday()) - i64::from(wd)).rem_euclid(7);
        let fwd = (i64::from(wd) - i64::from(a.weekday())).rem_euclid(7);
        let delta = match rel {
            Rel::Last => -(if back == 0 { 7 } else { back }),
            Rel::Next => {
                if fwd == 0 {
                    7
                } else {
                    fwd
                }
            }
            Rel::This => {
                if fwd <= back {
                    fwd
                } else {
                    -back
                }
            }
            Rel::None => match tense {
                Tense::Future => fwd,
                Tense::Past => -back,
                // No tense: the nearest such day, the past one on a tie.
                Tense::Unknown => {
                    if fwd < back {
                        fwd
                    } else {
                        -back
                    }
                }
            },
        };
        Some(Resolved::day(a.add_days(delta)))
    }

    fn shift(&self, unit: Unit, n: i32, part: Option<&'static str>) -> Option<Resolved> {
        let a = self.anchor;
        let day = self.anchor_day;
        let month = self.anchor_month();
        let coarse = || -> Option<Resolved> {
            // The anchor is too coarse for the unit: give what it knows.
            let a = a?;
            Some(
                match month {
                    Some((y, m)) => Resolved::new(format!("{y:04}-{m:02}"), Granularity::Month),
                    None => Resolved::new(format!("{:04}", a.year), Granularity::Year),
                }
                .anchored()
                .coarsened(),
            )
        };
        let unknown = |v: &str, g| Some(Resolved::new(v.to_string(), g).coarsened());
        Some(match unit {
            Unit::Day => match day {
                Some(d) => Resolved::day(d.add_days(i64::from(n))).with_part(part),
                None => {
                    return coarse().or_else(|| {
                        unknown(
                            if n < 0 {
                                "PAST_REF"
                            } else if n > 0 {
                                "FUTURE_REF"
                            } else {
                                "PRESENT_REF"
                            },
                            Granularity::Reference,
                        )
                    })
                }
            },
            Unit::Week => match day {
                Some(d) => {
                    let (y, w) = d.add_days(7 * i64::from(n)).iso_week();
                    let we = if part == Some("WE") { "-WE" } else { "" };
                    Resolved::new(format!("{y:04}-W{w:02}{we}"), Granularity::Week).anchored()
                }
                None => return coarse().or_else(|| unknown("XXXX-WXX", Granularity::Week)),
            },
            Unit::Month => match month {
                Some((y, m)) => {
                    let d = Ymd { y, m, d: 1 }.add_months(n);
                    Resolved::new(format!("{:04}-{:02}", d.y, d.m), Granularity::Month).anchored()
                }
                None => return coarse().or_else(|| unknown("XXXX-XX", Granularity::Month)),
            },
            Unit::Year => match a {
                Some(a) => {
                    Resolved::new(format!("{:04}", a.year + n), Granularity::Year).anchored()
                }
                None => return unknown("XXXX", Granularity::Year),
            },
            // Hours and smaller, decades and centuries: not produced as shifts.
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests;
