//! Contradictions between claims, and each claimant's running toll.
//!
//! [`find_contradictions`] takes the claims of one event (or one story:
//! the caller groups them) and lists, side by side with claimants and dates:
//!
//! - **figures** ([`ContradictionKind::Figures`]): two casualty figures of the
//!   same kind (killed, injured…), the same victims (category and side), the
//!   same place (a place named on one side only does not separate them) and
//!   the same period whose ranges do not overlap. A range is `[min, max]` (`max` open for `au moins 70`);
//!   an approximate figure (`près de 1.120`, `une centaine`) or a round one
//!   of a thousand or more (`100.000 morts`) is widened by 5 % each way.
//!   The same place: the scope the caller read (`dans le monde`, a country:
//!   [`ClaimRecord::scope`]; a worldwide toll compares only with another).
//!   What a short period added (`96 morts en 24 heures`, `a augmenté de
//!   929 décès`, `le dernier bilan quotidien`: [`ClaimRecord::is_increment`];
//!   a count since a day of the last week: [`ClaimRecord::runs_from_last_days`])
//!   compares only with another such count of the same day; a toll of a
//!   setting (`dans les Ehpad`, `à l'hôpital`, `sur les routes`, `blessés
//!   graves`: [`ClaimRecord::setting`]) only with one of the same setting;
//!   a vague count under ten (`plusieurs blessés`) and a dashed heading
//!   restating its paragraph ([`restated_heading`]) with nothing; two
//!   running tolls of one day 1 % apart are one count; a breakdown of a toll (`dont 19.992 à l'hôpital`:
//!   [`part_of_sentence_figure`]) with nothing, and a toll published a day
//!   or more after another and above it is an update, not a contradiction,
//!   unless two listed parties give them ([`listed_party`]). The period: two running tolls (`depuis le 27 septembre`,
//!   `bilan`, or a plural of attacks as the subject: [`ClaimRecord::is_running_toll`])
//!   compare when published within [`SAME_PERIOD_DAYS`] days of each other
//!   (a toll grows; undated or month-dated publications compare); two
//!   incident figures compare when their own date phrases agree (`mardi` is
//!   not `mercredi`); a running toll and an incident figure never compare. Figures of the same claimant and document are not a
//!   contradiction (a sentence with `21 civils` and `une centaine` lists
//!   parts);
//! - **accusation met by a denial** ([`ContradictionKind::AccusationDenied`]):
//!   an accusation whose target is the party of a denial's actor;
//! - **different perpetrators** ([`ContradictionKind::Perpetrators`]): two
//!   accusations of violence ([`is_violence`]), or casualty figures with an
//!   accused, that blame different parties (mutual accusations included; reciprocal targets such as
//!   `mutuellement` or `each other` name no party).
//!
//! Parties are compared through [`party_of`]: `Erevan`, `l'Arménie` and `les
//! forces arméniennes` are one party (a small list of states, capitals and
//! demonyms, `parties.txt`).
//!
//! [`claimant_series`] gives each claimant's running tolls over time, per
//! kind and victim category, in date order.

mod parties;
mod series;

pub use parties::{listed_party, party_of};
pub use series::{claimant_series, ClaimantSeries, SeriesPoint};

use crate::casualties::{CasualtyClaim, CasualtyKind, VictimCategory};
use crate::quotes::{Stance, StanceKind};
use serde::Serialize;
use veille_model::PartialDate;

/// Two running tolls published this many days apart or less are of the same period.
pub const SAME_PERIOD_DAYS: i64 = 2;

/// Widening of an approximate figure, each way.
const APPROXIMATE_SHARE: f64 = 0.05;

/// A casualty claim with where and when it was published.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimRecord {
    pub claim: CasualtyClaim,
    pub doc_id: i64,
    pub published: Option<PartialDate>,
    /// The sentence, for display.
    pub sentence: String,
    /// The claim's own date phrase (`mardi`, `le 17 octobre`), as written.
    pub when: Option<String>,
    /// The day a count runs from, when its sentence says so (`depuis le 27
    /// septembre`, `since Sunday`), resolved; see [`part_of_longer_count`].
    pub since: Option<PartialDate>,
    /// Where the figure counts, as the caller read it in the sentence:
    /// [`WORLD`] for a worldwide toll ([`worldwide_at`]), else a country code
    /// or a place key; `None` when the sentence names no place.
    pub scope: Option<String>,
    /// When there is no scope, the places the figure's document is mostly
    /// about (each a fifth or more of its place mentions), in the keys of
    /// `scope`: a figure without a scope may be of one of them.
    pub context: Vec<String>,
}

impl ClaimRecord {
    /// The record of a claim read in `text` (the document text its spans index).
    pub fn new(
        claim: CasualtyClaim,
        text: &str,
        doc_id: i64,
        published: Option<PartialDate>,
    ) -> ClaimRecord {
        let sentence = claim.sentence.get(text).unwrap_or("").to_string();
        let when = claim
            .date_text
            .and_then(|s| s.get(text))
            .map(str::to_string);
        ClaimRecord {
            claim,
            doc_id,
            published,
            sentence,
            when,
            since: None,
            scope: None,
            context: Vec::new(),
        }
    }

    /// Whether the figure is a running toll rather than one incident's: the
    /// extractor says so (`depuis`, `bilan`, `au total`), or the sentence's
    /// subject before the figure is a plural of attacks or fighting (`Les
    /// attaques arméniennes … ont fait 90 morts`) and no date is given.
    pub fn is_running_toll(&self) -> bool {
        if self.claim.cumulative {
            return true;
        }
        if self.claim.date_text.is_some() {
            return false;
        }
        let words = veille_text::folded_words(self.before_figure());
        // `ces frappes` / `these strikes` point back at given strikes: not a toll
        words.iter().enumerate().any(|(i, w)| {
            AGGREGATE_NOUNS.contains(&w.as_str())
                && !(i > 0 && DEMONSTRATIVES.contains(&words[i - 1].as_str()))
        })
    }

    /// Whether the figure counts what a short period added to a toll
    /// (`96 morts en 24 heures`, `351 décès supplémentaires`, `23 décès de
    /// plus depuis jeudi`, `1,200 new deaths`): such a count compares only
    /// with another one of the same day, never with the toll itself.
    pub fn is_increment(&self) -> bool {
        let end = self
            .claim
            .span
            .end
            .saturating_sub(self.claim.sentence.start) as usize;
        let after = veille_text::folded_words(self.sentence.get(end..).unwrap_or(""));
        let at = |i: usize| after.get(i).map_or("", String::as_str);
        // what follows, up to a total it leads to (`…, portant le bilan à`)
        // or a part of it, whose period is the part's (`27.074 personnes
        // depuis le 1er mars, dont 98 … au cours des dernières 24 heures`)
        let stop = after
            .iter()
            .position(|w| TOTAL_WORDS.contains(&w.as_str()) || PART_WORDS.contains(&w.as_str()))
            .unwrap_or(after.len())
            .min(14);
        let after_says = (0..stop).any(|i| {
            let near = i < 3;
            let added = INCREMENT_WORDS.contains(&at(i)) || (at(i), at(i + 1)) == ("de", "plus");
            (near && added)
                || INCREMENT_PERIODS.contains(&(at(i), at(i + 1)))
                || (at(i) == "en" && at(i + 1) == "24h")
        });
        // what comes before: `a augmenté de 929 décès`, `723 nouvelles
        // contaminations en 24 heures, et 13 décès` (no total in between)
        let before = veille_text::folded_words(self.before_figure());
        let tail: Vec<&str> = before
            .iter()
            .rev()
            .take(8)
            .rev()
            .map(String::as_str)
            .collect();
        let rise = tail.len() >= 2
            && RISE_WORDS.contains(&tail[tail.len() - 2])
            && tail[tail.len() - 1] == "de";
        let since_period = tail
            .windows(2)
            .rposition(|w| INCREMENT_PERIODS.contains(&(w[0], w[1])))
            .is_some_and(|k| !tail[k..].iter().any(|w| TOTAL_WORDS.contains(w)));
        // a day's or a week's count (`le dernier bilan quotidien`, `265
        // morts, après 129 la semaine précédente`)
        let periodic = tail
            .iter()
            .copied()
            .chain((0..stop).map(at))
            .any(|w| PERIODIC_WORDS.contains(&w));
        after_says || rise || since_period || periodic
    }

    /// The setting a toll counts in when its clause names one: deaths `dans
    /// les Ehpad`, `à l'hôpital`, `sur les routes`, `en prison`. `None`
    /// when it names none, or two (`hôpitaux et établissements
    /// médico-sociaux confondus`: the whole).
    pub fn setting(&self) -> Option<&'static str> {
        let end = self
            .claim
            .span
            .end
            .saturating_sub(self.claim.sentence.start) as usize;
        let rest = self.sentence.get(end..).unwrap_or("");
        let clause = rest.split([',', ';', '(', ':']).next().unwrap_or("");
        let before = veille_text::folded_words(self.before_figure());
        let words = before
            .iter()
            .rev()
            .take(6)
            // after the figure, up to a part of it (`13 blessés dont une
            // personne en urgence absolue` are all the injured)
            .chain(
                veille_text::folded_words(clause)
                    .iter()
                    .take_while(|w| !PART_WORDS.contains(&w.as_str()))
                    .take(12),
            )
            .map(|w| {
                SETTINGS
                    .iter()
                    .find(|(_, ws)| ws.contains(&w.as_str()))
                    .map(|(k, _)| *k)
            })
            .collect::<Vec<_>>();
        let mut found = words.into_iter().flatten();
        let first = found.next()?;
        found.all(|k| k == first).then_some(first)
    }

    /// Whether the count runs from a day less than a week before its
    /// publication (`soit 12 décès depuis mercredi`, `since Monday`): what
    /// those days added, not the toll.
    pub fn runs_from_last_days(&self) -> bool {
        days_apart(self.since, self.published).is_some_and(|d| d < 7)
            && self.since <= self.published
    }

    /// Whether the figure's sentence is a heading set off by dashes, as
    /// AFP writes them inside a dispatch (`- Plus de 430.000 morts -`).
    fn in_dashed_heading(&self) -> bool {
        let t = self.sentence.trim();
        let dash = |c: char| matches!(c, '-' | '–' | '—');
        t.starts_with(dash) && t.ends_with(dash) && t.chars().count() <= 80
    }

    /// The bytes of the sentence before the figure.
    fn before_figure(&self) -> &str {
        let offset = self
            .claim
            .span
            .start
            .saturating_sub(self.claim.sentence.start) as usize;
        self.sentence.get(..offset).unwrap_or("")
    }
}

/// Words right after a figure that make it what a short period added.
const INCREMENT_WORDS: &[&str] = &[
    "supplementaires",
    "supplementaire",
    "nouveaux",
    "nouvelles",
    "nouveau",
    "nouvelle",
    "additional",
    "new",
    "more",
];

/// Words that end the stretch after a figure read for an increment: the
/// total it leads to (`319 nouveaux décès, portant le bilan à 2.314`).
const TOTAL_WORDS: &[&str] = &["portant", "porte", "total", "bilan", "soit", "bringing"];

/// Words of a count per day or per week.
const PERIODIC_WORDS: &[&str] = &[
    "quotidien",
    "quotidienne",
    "quotidiens",
    "hebdomadaire",
    "daily",
    "weekly",
];

/// Verbs of a rise, before `de` and the figure (`a augmenté de 929 décès`).
const RISE_WORDS: &[&str] = &[
    "augmente",
    "hausse",
    "progression",
    "progresse",
    "accru",
    "increased",
    "rose",
    "risen",
];

/// Where a toll may count, by the words that name it: a toll of one setting
/// compares only with another of that setting.
const SETTINGS: &[(&str, &[&str])] = &[
    (
        "care home",
        &[
            "ehpad",
            "ehpads",
            "medico",
            "medicosociaux",
            "medico-sociaux",
            "medico-sociales",
            "medico-social",
            "retraite",
            "hebergement",
            "nursing",
        ],
    ),
    (
        "hospital",
        &[
            "hopital",
            "hopitaux",
            "hospitalier",
            "hospitaliers",
            "hospitaliere",
            "hospital",
            "hospitals",
        ],
    ),
    (
        "road",
        &[
            "route",
            "routes",
            "autoroute",
            "autoroutes",
            "routier",
            "routiere",
            "roads",
        ],
    ),
    (
        "prison",
        &["prison", "prisons", "penitentiaire", "carceral"],
    ),
    // how badly: `sept blessés graves` is part of the injured, not all of them
    (
        "serious",
        &[
            "graves",
            "grievement",
            "critique",
            "critical",
            "seriously",
            "absolue",
        ],
    ),
    (
        "light",
        &[
            "legers",
            "legeres",
            "legerement",
            "leger",
            "legere",
            "slightly",
            "relative",
        ],
    ),
];

/// Periods after a figure that make it what they added (`en 24 heures`).
const INCREMENT_PERIODS: &[(&str, &str)] = &[
    ("24", "heures"),
    ("24", "hours"),
    ("vingt-quatre", "heures"),
    ("une", "journee"),
    ("seule", "journee"),
    ("un", "jour"),
    ("la", "veille"),
    ("par", "jour"),
    ("a", "day"),
    ("per", "day"),
    ("one", "day"),
    ("24", "h"),
    ("24", "dernieres"),
    ("dernieres", "24"),
    ("last", "24"),
    ("past", "24"),
    ("une", "semaine"),
    ("par", "semaine"),
    ("semaine", "precedente"),
    ("per", "week"),
    ("previous", "week"),
];

/// Whether `claims[i]` is a part of a figure of the same kind and victims
/// before it in its sentence (`30.503 personnes sont décédées …, dont
/// 19.992 à l'hôpital`): such a part is no toll of its own. A part of
/// other victims is one (`1.120 personnes dont une centaine de civils`:
/// the civilians' toll).
pub fn part_of_sentence_figure(claims: &[ClaimRecord], i: usize) -> bool {
    let c = &claims[i];
    let words = veille_text::folded_words(c.before_figure());
    let opens_part = words
        .iter()
        .rev()
        .take(3)
        .any(|w| PART_WORDS.contains(&w.as_str()));
    opens_part
        && claims.iter().any(|o| {
            o.doc_id == c.doc_id
                && o.claim.sentence == c.claim.sentence
                && o.claim.kind == c.claim.kind
                && same_victims(&o.claim, &c.claim)
                && o.claim.span.start < c.claim.span.start
        })
}

/// Whether `claims[i]` is in a dashed heading whose figure the next
/// sentences give in full (`- Plus de 430.000 morts -` above `La pandémie a
/// fait au moins 434.214 morts dans le monde …`): the heading only restates
/// it, without the place or the claimant, so only the full figure is
/// compared.
pub fn restated_heading(claims: &[ClaimRecord], i: usize) -> bool {
    let c = &claims[i];
    c.in_dashed_heading()
        && claims.iter().any(|o| {
            o.doc_id == c.doc_id
                && o.claim.kind == c.claim.kind
                && o.claim.sentence.start >= c.claim.sentence.end
                && o.claim.sentence.start - c.claim.sentence.end < HEADING_REACH
                && overlap(range(&o.claim), range(&c.claim))
        })
}

/// How far after a heading (in bytes) the figure it restates may stand.
const HEADING_REACH: u32 = 1500;

/// Words that open a part of a figure just given.
const PART_WORDS: &[&str] = &["dont", "including", "among", "parmi"];

/// The scope of a worldwide figure.
pub const WORLD: &str = "world";

/// Phrases that make a figure worldwide (`dans le monde`, `worldwide`), as
/// folded words.
const WORLDWIDE: &[&[&str]] = &[
    &["dans", "le", "monde"],
    &["le", "monde", "entier"],
    &["travers", "le", "monde"],
    &["niveau", "mondial"],
    &["echelle", "mondiale"],
    &["bilan", "mondial"],
    &["de", "la", "planete"],
    &["sur", "la", "planete"],
    &["worldwide"],
    &["globally"],
    &["in", "the", "world"],
    &["around", "the", "world"],
    &["across", "the", "world"],
    &["around", "the", "globe"],
    &["across", "the", "globe"],
    &["global", "death", "toll"],
    &["global", "toll"],
];

/// Byte offsets in `sentence` where a phrase makes a figure worldwide
/// (`l'épidémie a fait 745.783 morts dans le monde`); `au monde` is not one
/// (`un des pires bilans au monde` ranks a country).
pub fn worldwide_at(sentence: &str) -> Vec<usize> {
    let tokens = veille_text::tokenize(sentence);
    let folded: Vec<String> = tokens
        .iter()
        .map(|t| veille_text::fold(t.text(sentence)))
        .collect();
    (0..tokens.len())
        .filter(|&i| {
            WORLDWIDE.iter().any(|p| {
                folded.len() >= i + p.len() && p.iter().zip(&folded[i..]).all(|(a, b)| *a == b)
            })
        })
        .map(|i| tokens[i].span.start as usize)
        .collect()
}

/// Whether `claims[i]` counts part of the period of another figure of its
/// sentence: same document, sentence and kind, and a later start ("depuis
/// le 27 septembre, 19 civils … ont été tués, dont 5 … depuis dimanche": the
/// 5 ran from Sunday). Such a count is a claim, but no point of a running
/// toll: beside the whole period's toll it would read as the toll falling.
pub fn part_of_longer_count(claims: &[ClaimRecord], i: usize) -> bool {
    let c = &claims[i];
    let Some(since) = c.since else {
        return false;
    };
    claims.iter().any(|o| {
        o.doc_id == c.doc_id
            && o.claim.sentence == c.claim.sentence
            && o.claim.kind == c.claim.kind
            && o.since.is_some_and(|s| s < since)
    })
}

/// Determiners that make an aggregate noun name given incidents.
const DEMONSTRATIVES: &[&str] = &["ces", "these", "those"];

/// Plural nouns of many incidents: a figure they are the subject of is a toll.
const AGGREGATE_NOUNS: &[&str] = &[
    "attaques",
    "bombardements",
    "frappes",
    "combats",
    "affrontements",
    "hostilites",
    "violences",
    "attacks",
    "strikes",
    "clashes",
    "hostilities",
    "shellings",
    "bombings",
];

/// Targets that name no party (`s'accusent mutuellement`, `each other`).
const RECIPROCAL: &[&str] = &["mutuellement", "autre", "autres", "other", "another"];

/// An accusation or a denial with its parties as text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StanceRecord {
    pub kind: StanceKind,
    pub actor: String,
    pub target: Option<String>,
    pub content: String,
    pub doc_id: i64,
    pub published: Option<PartialDate>,
}

impl StanceRecord {
    /// The record of a stance read in `text` (the document text its spans index).
    pub fn from_stance(
        stance: &Stance,
        text: &str,
        doc_id: i64,
        published: Option<PartialDate>,
    ) -> StanceRecord {
        let slice = |s: veille_model::Span| s.get(text).unwrap_or("").to_string();
        StanceRecord {
            kind: stance.kind,
            actor: slice(stance.actor),
            target: stance.target.map(slice),
            content: slice(stance.content),
            doc_id,
            published,
        }
    }
}

/// What disagrees.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ContradictionKind {
    /// Two figures whose ranges do not overlap: indices into the claims.
    Figures { a: usize, b: usize },
    /// An accusation and a denial by its target: indices into the stances.
    AccusationDenied { accusation: usize, denial: usize },
    /// Two blames of different parties: each side is a claim (`claim`) or a
    /// stance (`stance`) index.
    Perpetrators { a: Blame, b: Blame },
}

/// Where a blame was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Blame {
    Claim(usize),
    Stance(usize),
}

/// One contradiction, with the parties as compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contradiction {
    pub kind: ContradictionKind,
    /// A one-line description (`killed civilian: 90 (Azerbaijan) vs ~100 (…)`).
    pub summary: String,
}

/// Whether a figure is a round count of a thousand or more (`100.000
/// morts au Brésil` in a title, `6.500 blessés`): the press rounds such
/// counts without saying so, so they are read as approximate.
fn round(c: &CasualtyClaim) -> bool {
    c.min >= 1000 && c.min.is_multiple_of(100) && c.max == Some(c.min)
}

/// The closed range of a figure, widened when approximate or round.
fn range(c: &CasualtyClaim) -> (f64, f64) {
    let (lo, hi) = (c.min as f64, c.max.map_or(f64::INFINITY, |m| m as f64));
    if c.approximate || round(c) {
        (
            lo * (1.0 - APPROXIMATE_SHARE),
            hi * (1.0 + APPROXIMATE_SHARE),
        )
    } else {
        (lo, hi)
    }
}

fn overlap(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// Days between two dates known to the day; `None` otherwise.
fn days_apart(a: Option<PartialDate>, b: Option<PartialDate>) -> Option<i64> {
    fn day_number(d: PartialDate) -> Option<i64> {
        let (y, m, d) = (d.year as i64, d.month? as i64, d.day? as i64);
        // days from civil (Howard Hinnant's algorithm)
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(era * 146_097 + doe)
    }
    Some((day_number(a?)? - day_number(b?)?).abs())
}

/// What the figure comparison reads of one record, read once per record
/// rather than once per pair (each reading tokenizes its sentence).
struct Reading<'a> {
    r: &'a ClaimRecord,
    increment: bool,
    running: bool,
    part: bool,
    listed: Option<&'static str>,
    when: Option<String>,
    setting: Option<&'static str>,
    /// A vague count under ten (`plusieurs blessés`, 2–9): no figure to
    /// set against another.
    vague: bool,
}

impl<'a> Reading<'a> {
    fn of(claims: &'a [ClaimRecord], i: usize) -> Reading<'a> {
        let r = &claims[i];
        Reading {
            r,
            increment: r.is_increment() || r.runs_from_last_days(),
            running: r.is_running_toll(),
            part: part_of_sentence_figure(claims, i) || restated_heading(claims, i),
            listed: r
                .claim
                .claimed_by
                .as_ref()
                .and_then(|x| listed_party(&x.text)),
            when: r.when.as_deref().map(veille_text::fold),
            setting: r.setting(),
            vague: r.claim.approximate && r.claim.max.is_some_and(|m| m < 10 && m > r.claim.min),
        }
    }
}

fn same_period(a: &Reading<'_>, b: &Reading<'_>) -> bool {
    match (a.increment, b.increment) {
        (true, true) => return a.r.published == b.r.published && a.when == b.when,
        (false, false) => {}
        _ => return false,
    }
    let (pa, pb) = (a.r.published, b.r.published);
    match (a.running, b.running) {
        (false, false) => a.when == b.when,
        (true, true) => match days_apart(pa, pb) {
            Some(d) => d <= SAME_PERIOD_DAYS,
            // dates known only to the month (or not at all): same month or unknown
            None => pa == pb || pa.is_none() || pb.is_none(),
        },
        _ => false,
    }
}

/// Whether a later figure only raises an earlier one: published on another
/// day, above it, and not by another listed party (`150 morts` the day
/// after `149 morts`, a toll growing as the dead are found; `le dernier
/// bilan` and `un bilan de ce drame` are no parties). A figure that falls,
/// or one party's figure against another's (Armenia's against
/// Azerbaijan's), stays a contradiction.
fn later_update(a: &Reading<'_>, b: &Reading<'_>) -> bool {
    if days_apart(a.r.published, b.r.published).is_none_or(|d| d < 1) {
        return false;
    }
    let (early, late) = if a.r.published < b.r.published {
        (a, b)
    } else {
        (b, a)
    };
    let other_party = matches!((early.listed, late.listed), (Some(x), Some(y)) if x != y);
    !other_party && range(&late.r.claim).0 > range(&early.r.claim).1
}

/// Whether two running tolls of the same day differ by at most 1 %
/// (`199.268 décès` and `199.255 morts`): the same count read at another
/// hour, not a disagreement.
fn same_toll_another_hour(a: &Reading<'_>, b: &Reading<'_>) -> bool {
    if !(a.running && b.running) || days_apart(a.r.published, b.r.published) != Some(0) {
        return false;
    }
    let ((a0, a1), (b0, b1)) = (range(&a.r.claim), range(&b.r.claim));
    // ranges that do not overlap: the gap between them, against the larger
    let gap = if a1 < b0 { b0 - a1 } else { a0 - b1 };
    gap <= SAME_HOUR_SHARE * a0.max(b0)
}

/// How far apart two tolls of one day may be and still be one count.
const SAME_HOUR_SHARE: f64 = 0.01;

/// Whether two figures may count in the same place: the same scope, or
/// for a figure without one, a scope its document is mostly about
/// ([`ClaimRecord::context`]: beside Ecuador's toll, a figure of a round-up
/// of twenty countries whose sentence names none is as often another
/// country's); two without a scope whose documents share a place, or one
/// of which names none; a worldwide figure only with another. And the same
/// place after a preposition when both name one.
fn same_place(a: &ClaimRecord, b: &ClaimRecord) -> bool {
    let maybe = match (&a.scope, &b.scope) {
        (Some(x), Some(y)) => x == y,
        (Some(x), None) => b.context.contains(x),
        (None, Some(y)) => a.context.contains(y),
        (None, None) => {
            a.context.is_empty()
                || b.context.is_empty()
                || a.context.iter().any(|x| b.context.contains(x))
        }
    };
    if !maybe {
        return false;
    }
    let (a, b) = (&a.claim, &b.claim);
    match (&a.place, &b.place) {
        (Some(x), Some(y)) => veille_text::fold(x) == veille_text::fold(y),
        _ => true,
    }
}

fn same_victims(a: &CasualtyClaim, b: &CasualtyClaim) -> bool {
    let side = |c: &CasualtyClaim| c.victims.side.as_deref().and_then(party_of);
    // "personnes" says no more than no noun at all
    let category = |c: &CasualtyClaim| c.victims.category.filter(|k| *k != VictimCategory::Person);
    category(a) == category(b) && side(a) == side(b)
}

/// Two figures of one document that the document does not set against each
/// other: given by one party, or one of them the writer's own (no claimant).
/// A writer who reports a disagreement attributes both sides; their own
/// figure next to one they attribute counts something else (a part, another
/// place or period: "au moins 20 morts" in the title, "dans la région du
/// Guangxi, six personnes ont été tuées, a précisé l'agence officielle").
fn one_voice(a: &ClaimRecord, b: &ClaimRecord) -> bool {
    a.doc_id == b.doc_id
        && (a.claim.claimed_by.is_none()
            || b.claim.claimed_by.is_none()
            || claimant_party(&a.claim) == claimant_party(&b.claim))
}

fn claimant_party(c: &CasualtyClaim) -> Option<String> {
    c.claimed_by.as_ref().and_then(|x| party_of(&x.text))
}

fn figure_text(r: &ClaimRecord) -> String {
    let c = &r.claim;
    let mut s = String::new();
    if c.approximate {
        s.push('~');
    }
    s.push_str(&c.min.to_string());
    match c.max {
        Some(m) if m != c.min => s.push_str(&format!("-{m}")),
        None => s.push('+'),
        _ => {}
    }
    let by = c
        .claimed_by
        .as_ref()
        .map_or("unattributed", |x| x.text.as_str());
    let date = r.published.map(|d| format!(", {d}")).unwrap_or_default();
    format!("{s} ({by}, doc {}{date})", r.doc_id)
}

fn kind_text(k: CasualtyKind, c: &CasualtyClaim) -> String {
    match c.victims.category {
        Some(cat) => format!("{} {cat:?}", k.as_str()).to_lowercase(),
        None => k.as_str().to_string(),
    }
}

/// The party a target names, unless it is a reciprocal (`mutuellement`, `l'autre`).
fn blamed_party(target: &str) -> Option<String> {
    let words = veille_text::folded_words(target);
    if words
        .iter()
        .any(|w| RECIPROCAL.contains(&w.as_str()) || w == "each")
    {
        return None;
    }
    party_of(target)
}

/// Whether an accusation's content is of violence: an attack the event
/// taxonomy types as such (shelling, air strike, armed clash, shooting,
/// ceasefire violation: `d'avoir tiré des roquettes sur Barda`) or a
/// casualty figure (`d'avoir tué 21 personnes`, `de la mort de cinq civils`).
pub fn is_violence(content: &str) -> bool {
    use crate::events::EventType::{AirStrike, ArmedClash, CeasefireViolation, Shelling, Shooting};
    ["fr", "en"].iter().any(|lang| {
        let input = crate::casualties::SentenceInput::alone(content, lang);
        crate::events::type_sentence(&input).iter().any(|c| {
            matches!(
                c.event_type,
                Shelling | AirStrike | ArmedClash | Shooting | CeasefireViolation
            )
        }) || !crate::casualties::extract_casualties(&input).is_empty()
    })
}

/// Every contradiction among the claims and stances of one event or story.
pub fn find_contradictions(claims: &[ClaimRecord], stances: &[StanceRecord]) -> Vec<Contradiction> {
    let mut out = Vec::new();
    // figures
    let readings: Vec<Reading<'_>> = (0..claims.len()).map(|i| Reading::of(claims, i)).collect();
    for i in 0..claims.len() {
        for j in (i + 1)..claims.len() {
            let (ra, rb) = (&readings[i], &readings[j]);
            let (a, b) = (ra.r, rb.r);
            if a.claim.kind != b.claim.kind
                || a.claim.implicit
                || b.claim.implicit
                || ra.part
                || rb.part
                || ra.vague
                || rb.vague
                || ra.setting != rb.setting
                || !same_victims(&a.claim, &b.claim)
                || !same_place(a, b)
                || !same_period(ra, rb)
                || one_voice(a, b)
                || overlap(range(&a.claim), range(&b.claim))
                || later_update(ra, rb)
                || same_toll_another_hour(ra, rb)
            {
                continue;
            }
            out.push(Contradiction {
                kind: ContradictionKind::Figures { a: i, b: j },
                summary: format!(
                    "{}: {} vs {}",
                    kind_text(a.claim.kind, &a.claim),
                    figure_text(a),
                    figure_text(b)
                ),
            });
        }
    }
    // accusations met by denials
    for (i, acc) in stances.iter().enumerate() {
        if acc.kind != StanceKind::Accusation {
            continue;
        }
        let Some(target) = acc.target.as_deref().and_then(blamed_party) else {
            continue;
        };
        for (j, den) in stances.iter().enumerate() {
            if den.kind == StanceKind::Denial && party_of(&den.actor).as_deref() == Some(&*target) {
                out.push(Contradiction {
                    kind: ContradictionKind::AccusationDenied {
                        accusation: i,
                        denial: j,
                    },
                    summary: format!(
                        "{} accuses {} ({}); {} denies ({})",
                        acc.actor,
                        acc.target.as_deref().unwrap_or(""),
                        acc.content,
                        den.actor,
                        den.content
                    ),
                });
            }
        }
    }
    // different perpetrators blamed: of violence only (`accuser l'Arménie
    // d'avoir tué 21 personnes`, not `accuser l'exécutif de laxisme`)
    let mut blames: Vec<(Blame, String, String)> = Vec::new(); // (where, accused party, who blames)
    for (i, s) in stances.iter().enumerate() {
        if s.kind == StanceKind::Accusation && is_violence(&s.content) {
            if let Some(p) = s.target.as_deref().and_then(blamed_party) {
                blames.push((Blame::Stance(i), p, s.actor.clone()));
            }
        }
    }
    for (i, c) in claims.iter().enumerate() {
        if let Some(p) = c.claim.accused.as_ref().and_then(|a| blamed_party(&a.text)) {
            let by = c
                .claim
                .claimed_by
                .as_ref()
                .map_or("unattributed".to_string(), |x| x.text.clone());
            blames.push((Blame::Claim(i), p, by));
        }
    }
    let mut seen: Vec<(String, String)> = Vec::new();
    for i in 0..blames.len() {
        for j in (i + 1)..blames.len() {
            let (a, b) = (&blames[i], &blames[j]);
            if a.1 == b.1 {
                continue;
            }
            let key = if a.1 < b.1 {
                (a.1.clone(), b.1.clone())
            } else {
                (b.1.clone(), a.1.clone())
            };
            if seen.contains(&key) {
                continue; // one entry per pair of parties blamed
            }
            seen.push(key);
            out.push(Contradiction {
                kind: ContradictionKind::Perpetrators { a: a.0, b: b.0 },
                summary: format!("{} blames {}; {} blames {}", a.2, a.1, b.2, b.1),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
