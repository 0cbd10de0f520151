//! Contradictions between claims, and each claimant's running toll, through
//! the store: stored figures and stances of a story become
//! `veille-extract::contradict` records, wire copies counted once.

use super::load::{timex_date, DocData};
use super::timeline::SourceRef;
use serde::{Deserialize, Serialize};
use veille_extract::contradict::Blame;
use veille_extract::{
    claimant_series, find_contradictions, party_of, worldwide_at, CasualtyClaim, CasualtyKind,
    ClaimRecord, Claimant, ContradictionKind, StanceKind, StanceRecord, VictimCategory, Victims,
    WORLD,
};
use veille_model::PartialDate;
use veille_store::{CasualtyFact, DocMention, StoredStance};

/// One side of a contradiction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    /// Who says it, as written (`unattributed` when nobody is named).
    pub claimant: String,
    pub claimant_party: Option<String>,
    /// The figure (`~100`, `70+`) or the stance's content.
    pub says: String,
    pub sentence: String,
    /// The date of its document (published, else inferred).
    pub date: Option<PartialDate>,
    pub source: SourceRef,
    /// Other documents saying the same.
    pub copies: Vec<SourceRef>,
    /// Where a figure counts (a country code, a region as written, or
    /// `world`), when its sentence says; `None` for stances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// Claims that disagree, side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contradiction {
    pub story: Option<i64>,
    /// `figures`, `accusation_denied` or `perpetrators`.
    pub kind: String,
    /// The casualty kind and victims for `figures` (`killed civilian`).
    pub about: Option<String>,
    /// One line (`killed civilian: 90 (…) vs ~100 (…)`).
    pub summary: String,
    pub a: Side,
    pub b: Side,
}

/// One figure of a claimant's series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TollPoint {
    pub date: Option<PartialDate>,
    pub min: u64,
    pub max: Option<u64>,
    pub approximate: bool,
    pub source: SourceRef,
    pub sentence: String,
}

/// A claimant's running toll of one kind and victims, over time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TollSeries {
    pub story: Option<i64>,
    /// The claimant's party (`Azerbaijan`), `unattributed` when none is named.
    pub claimant: String,
    /// As first written (`les autorités azerbaïdjanaises`).
    pub claimant_text: String,
    pub kind: String,
    pub victims: Option<String>,
    /// The victims' side as a party, when said.
    pub side: Option<String>,
    /// Where the tolls count: a country code, a place's name, or `world`
    /// (see `scope_of`); `None` when their sentences name no place.
    pub scope: Option<String>,
    /// The scope for a reader: a country's name (`Azerbaijan` for `AZ`),
    /// else the scope as it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope_name: Option<String>,
    /// The setting they count in (`care home`, `hospital`, `serious`…),
    /// when their sentences name one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setting: Option<String>,
    pub points: Vec<TollPoint>,
}

impl TollSeries {
    /// What the series counts: `killed civilian (Armenia)`, `killed in France`.
    pub fn what(&self) -> String {
        let mut s = self.kind.clone();
        if let Some(v) = &self.victims {
            s.push(' ');
            s.push_str(v);
        }
        if let Some(side) = &self.side {
            s.push_str(&format!(" ({side})"));
        }
        if let Some(scope) = self.scope_name.as_ref().or(self.scope.as_ref()) {
            s.push_str(&format!(" in {scope}"));
        }
        if let Some(setting) = &self.setting {
            s.push_str(&format!(" ({setting})"));
        }
        s
    }
}

/// A stored figure, once, with the copies that repeat it.
struct Claim<'a> {
    fact: &'a CasualtyFact,
    date: Option<PartialDate>,
    /// The sentence's own date expression: its span and resolved value.
    when: Option<(veille_model::Span, String)>,
    /// The sentence dates the figure to an earlier year than its document
    /// ("une guerre ayant fait 30.000 morts … depuis les années 1990"): history,
    /// not a claim about the current fighting.
    historical: bool,
    /// The day the count runs from, when its sentence says so.
    since: Option<PartialDate>,
    copies: Vec<SourceRef>,
}

fn fact_ref(f: &CasualtyFact, d: &DocData) -> SourceRef {
    SourceRef {
        doc_id: f.doc_id.0,
        source_id: f.doc.clone(),
        sentence_idx: f.sentence_idx,
        span: f.span,
        published: d.doc.published,
    }
}

fn kind_of(s: &str) -> Option<CasualtyKind> {
    Some(match s {
        "killed" => CasualtyKind::Killed,
        "injured" => CasualtyKind::Injured,
        "missing" => CasualtyKind::Missing,
        "captured" => CasualtyKind::Captured,
        "displaced" => CasualtyKind::Displaced,
        "evacuated" => CasualtyKind::Evacuated,
        _ => return None,
    })
}

fn category_of(s: &str) -> Option<VictimCategory> {
    Some(match s {
        "person" => VictimCategory::Person,
        "civilian" => VictimCategory::Civilian,
        "military" => VictimCategory::Military,
        "peacekeeper" => VictimCategory::Peacekeeper,
        "journalist" => VictimCategory::Journalist,
        "child" => VictimCategory::Child,
        "police" => VictimCategory::Police,
        "perpetrator" => VictimCategory::Perpetrator,
        _ => return None,
    })
}

/// The extractor's claim for a stored figure (spans as stored).
fn to_claim(f: &CasualtyFact) -> Option<CasualtyClaim> {
    let claimant = |l: &Option<veille_store::Located>| {
        l.as_ref().map(|x| Claimant {
            text: x.text.clone(),
            span: x.span,
        })
    };
    Some(CasualtyClaim {
        kind: kind_of(&f.kind)?,
        min: f.min,
        max: f.max,
        approximate: f.approximate,
        victims: Victims {
            category: f.victims.category.as_deref().and_then(category_of),
            side: f.victims.side.clone(),
        },
        place: f.place.clone(),
        date_text: None,
        cumulative: f.cumulative,
        claimed_by: claimant(&f.claimed_by),
        accused: claimant(&f.accused),
        implicit: f.implicit,
        span: f.span,
        sentence: f.sentence_span,
    })
}

/// The figures of `docs`, each once: a figure of the same kind, count,
/// victims and claimant's party read in a document that copies an earlier
/// one (or in the same document) is that one's copy.
fn distinct_claims(docs: &[DocData]) -> Vec<Claim<'_>> {
    let mut out: Vec<Claim<'_>> = Vec::new();
    let party = |f: &CasualtyFact| f.claimed_by.as_ref().and_then(|x| party_of(&x.text));
    for d in docs {
        for f in &d.facts {
            let same = out.iter_mut().find(|c| {
                let g = c.fact;
                (g.doc_id == f.doc_id || d.copies_from.contains(&g.doc_id))
                    && (g.kind.as_str(), g.min, g.max, &g.victims)
                        == (f.kind.as_str(), f.min, f.max, &f.victims)
                    && party(g) == party(f)
            });
            match same {
                Some(c) if c.fact.doc_id != f.doc_id => c.copies.push(fact_ref(f, d)),
                Some(_) => {}
                None => out.push(Claim {
                    fact: f,
                    date: d.date.date,
                    when: sentence_date(d, f),
                    historical: historical(d, f),
                    since: count_start(d, f),
                    copies: Vec::new(),
                }),
            }
        }
    }
    out
}

/// The first date expression of a figure's sentence (not a period's
/// start), resolved against its document's date.
fn sentence_date(d: &DocData, f: &CasualtyFact) -> Option<(veille_model::Span, String)> {
    let (mut xs, text) = sentence_timexes(d, f);
    xs.find_map(|x| timex_date(text, x).map(|_| (x.span, x.value.clone())))
}

/// The date expressions of a figure's sentence (its title's for a figure
/// of the title) outside the figure's own words, with the text they index.
fn sentence_timexes<'a>(
    d: &'a DocData,
    f: &'a CasualtyFact,
) -> (impl Iterator<Item = &'a veille_extract::Timex>, &'a str) {
    let (xs, text) = match (f.sentence_idx, d.doc.title.as_deref()) {
        (None, Some(t)) => (&d.title_timexes, t),
        _ => (&d.timexes, d.doc.text.as_str()),
    };
    let xs = xs
        .iter()
        .filter(|x| f.sentence_span.contains(x.span) && !f.span.overlaps(x.span));
    (xs, text)
}

/// The day a figure's count runs from: the period-opening date expression
/// of its sentence closest to it (`depuis le 27 septembre, 19 civils …, dont
/// 5 … depuis dimanche`: 19 from 27 September, 5 from Sunday), resolved
/// against its document's date; `None` unless known to the day.
fn count_start(d: &DocData, f: &CasualtyFact) -> Option<PartialDate> {
    let (xs, text) = sentence_timexes(d, f);
    xs.filter(|x| {
        x.interval == Some(veille_extract::IntervalEdge::Start)
            || veille_extract::opens_period(text, x.span)
    })
    .min_by_key(|x| f.span.gap(x.span))
    .and_then(|x| x.value.get(..10)?.parse().ok())
}

/// Whether a year, decade or century phrase of the figure's sentence
/// (`en 1994`, `les années 1990`) is before its document's year.
pub(crate) fn historical(d: &DocData, f: &CasualtyFact) -> bool {
    let Some(year) = d.date.date.map(|x| x.year) else {
        return false;
    };
    d.timexes
        .iter()
        .filter(|x| f.sentence_idx.is_some() && f.sentence_span.contains(x.span))
        .filter(|x| x.granularity <= veille_extract::Granularity::Year)
        .filter_map(|x| {
            // `1994`, `199X` (a decade), `19XX` (a century): the digits, padded
            let digits: String = x.value.chars().take_while(char::is_ascii_digit).collect();
            (digits.len() >= 2 && x.value.len() >= 4)
                .then(|| format!("{digits:0<4}").parse::<i32>().ok())
                .flatten()
        })
        .any(|y| y < year)
}

fn doc_of(docs: &[DocData], id: i64) -> &DocData {
    docs.iter().find(|d| d.doc.id.0 == id).unwrap_or(&docs[0])
}

/// A figure as written in listings: `21`, `~100`, `70+`, `200–999`.
pub fn range_text(min: u64, max: Option<u64>, approximate: bool) -> String {
    let mut s = String::new();
    if approximate {
        s.push('~');
    }
    s.push_str(&min.to_string());
    match max {
        Some(m) if m != min => s.push_str(&format!("–{m}")),
        None => s.push('+'),
        _ => {}
    }
    s
}

/// A figure's side; `scope` as its record read it ([`scope_of`]).
fn claim_side(c: &Claim<'_>, docs: &[DocData], scope: Option<String>) -> Side {
    let f = c.fact;
    Side {
        claimant: f
            .claimed_by
            .as_ref()
            .map_or("unattributed".to_string(), |x| x.text.clone()),
        claimant_party: f.claimed_by.as_ref().and_then(|x| party_of(&x.text)),
        says: range_text(f.min, f.max, f.approximate),
        sentence: f.sentence.clone(),
        date: c.date,
        source: fact_ref(f, doc_of(docs, f.doc_id.0)),
        copies: c.copies.clone(),
        scope,
    }
}

fn stance_side(s: &StoredStance, docs: &[DocData]) -> Side {
    let d = doc_of(docs, s.doc_id.0);
    Side {
        claimant: s.actor.text.clone(),
        claimant_party: party_of(&s.actor.text),
        says: match &s.target {
            Some(t) => format!("{} {}: {}", s.kind, t.text, s.content.text),
            None => format!("{}: {}", s.kind, s.content.text),
        },
        sentence: s.sentence.clone(),
        date: d.date.date,
        source: SourceRef {
            doc_id: s.doc_id.0,
            source_id: s.doc.clone(),
            sentence_idx: s.sentence_idx,
            span: s.sentence_span,
            published: s.published,
        },
        copies: Vec::new(),
        scope: None,
    }
}

/// The timeline entry of each figure, by (document, sentence, figure span).
type EntryOf = std::collections::HashMap<(i64, Option<u32>, u32), usize>;

fn entry_of(docs: &[DocData]) -> EntryOf {
    let mut out = EntryOf::new();
    for (i, e) in super::timeline::build(docs, &|_, _, _| true)
        .iter()
        .enumerate()
    {
        for c in &e.claims {
            for r in std::iter::once(&c.source).chain(&c.copies) {
                out.insert((r.doc_id, r.sentence_idx, r.span.start), i);
            }
        }
    }
    out
}

/// The claim records of distinct figures, dated by their documents. An
/// incident figure's period is its timeline entry (its date and place), so
/// two strikes of one day in two towns are never compared.
fn records(
    claims: &[Claim<'_>],
    docs: &[DocData],
    entries: &EntryOf,
) -> (Vec<ClaimRecord>, Vec<usize>) {
    let mut recs = Vec::new();
    let mut index = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        if c.historical {
            continue;
        }
        let Some(mut claim) = to_claim(c.fact) else {
            continue;
        };
        // the views' own reading of the sentence's date (the stored one was
        // resolved without the inferred document date)
        claim.date_text = c.when.as_ref().map(|(span, _)| *span);
        let f = c.fact;
        let d = doc_of(docs, f.doc_id.0);
        let (main, context) = main_scopes(d);
        let scope = scope_of(d, f, main);
        let when = entries
            .get(&(f.doc_id.0, f.sentence_idx, f.span.start))
            .map(|e| format!("entry {e}"))
            .or_else(|| c.when.as_ref().map(|(_, value)| value.clone()));
        recs.push(ClaimRecord {
            claim,
            doc_id: c.fact.doc_id.0,
            published: c.date,
            sentence: c.fact.sentence.clone(),
            when,
            since: c.since,
            scope,
            context,
        });
        index.push(i);
    }
    (recs, index)
}

/// Where a figure counts: the place its sentence names nearest to it, as a
/// country code (a town counts in its country) or, for a region or a
/// continent, its entity's canonical name (as [`main_scopes`] keys it), or
/// [`WORLD`] when that place is `dans le monde`, `worldwide`
/// ([`worldwide_at`]). Demonyms are no scope (`le
/// président russe` claims, `les attaques arméniennes` strike, `soldats
/// arméniens` die), nor a place inside the claimant's or the accused's
/// words (`l'Association des Peuples Indigènes du Brésil`). A title holds
/// the places the document names whose words it contains. `None` when the
/// sentence names none.
fn scope_of(d: &DocData, f: &CasualtyFact, main: Option<String>) -> Option<String> {
    let (text, span) = d.sentence(f.sentence_idx)?;
    let figure = f.span.start.saturating_sub(span.start) as usize;
    let inside = |x: &Option<veille_store::Located>, m: &DocMention| {
        x.as_ref().is_some_and(|x| x.span.contains(m.span))
    };
    // (offset in the sentence, scope, named by the claimant)
    let places = d.mentions.iter().filter_map(|m| {
        if m.kind != "place" || m.via == "demonym" || inside(&f.accused, m) {
            return None;
        }
        let at = match f.sentence_idx {
            Some(i) if m.sentence == i && span.contains(m.span) => {
                m.span.start.saturating_sub(span.start) as usize
            }
            Some(_) => return None,
            None => text.find(m.surface.as_str())?,
        };
        let scope = m.country.clone().unwrap_or_else(|| m.canonical.clone());
        Some((at, scope, inside(&f.claimed_by, m)))
    });
    let world = worldwide_at(text)
        .into_iter()
        .map(|at| (at, WORLD.to_string(), false));
    let all: Vec<(usize, String, bool)> = places.chain(world).collect();
    let nearest = |claimant: bool| {
        all.iter()
            .filter(|p| p.2 == claimant)
            .min_by_key(|p| p.0.abs_diff(figure))
            .map(|p| p.1.clone())
    };
    // a place the claimant names counts only when the sentence names no
    // other (`L'Equateur a fait état de 10.500 décès` is Ecuador's toll);
    // then the document's place `main` ([`main_scopes`]), unless the
    // victims' side says more (`19 civils arméniens` in a dispatch mostly
    // about Azerbaijan)
    nearest(false)
        .or_else(|| nearest(true))
        .or_else(|| main.filter(|_| f.victims.side.is_none()))
}

/// A scope as a reader names it: a country code becomes the country's
/// English name (`AZ` → `Azerbaijan`, as claimants' parties are named),
/// [`WORLD`] `the world`; a region's name stays as it is.
pub(crate) fn scope_name(scope: &str) -> String {
    if scope == WORLD {
        return "the world".to_string();
    }
    let g = veille_extract::entities::Gazetteer::global();
    g.country_by_iso(scope)
        .map_or_else(|| scope.to_string(), |i| g.country(i).name.clone())
}

/// The places a document is about: the country (or, for a place with
/// none, the place as named) of at least half of its place mentions,
/// demonyms included, when it has three or more (a world round-up naming
/// twenty countries has none); and those of a fifth or more.
fn main_scopes(d: &DocData) -> (Option<String>, Vec<String>) {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    let mut all = 0;
    for m in d.mentions.iter().filter(|m| m.kind == "place") {
        let key = m.country.as_deref().unwrap_or(m.canonical.as_str());
        all += 1;
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some(c) => c.1 += 1,
            None => counts.push((key, 1)),
        }
    }
    let main = counts
        .iter()
        .max_by_key(|c| c.1)
        .filter(|c| all >= 3 && 2 * c.1 >= all)
        .map(|c| c.0.to_string());
    let context = counts
        .iter()
        .filter(|c| 5 * c.1 >= all)
        .map(|c| c.0.to_string())
        .collect();
    (main, context)
}

/// Contradictions among the documents of one story (or of no story).
pub(crate) fn contradictions(story: Option<i64>, docs: &[DocData]) -> Vec<Contradiction> {
    if docs.is_empty() {
        return Vec::new();
    }
    let claims = distinct_claims(docs);
    let (recs, index) = records(&claims, docs, &entry_of(docs));
    let stances: Vec<&StoredStance> = docs.iter().flat_map(|d| &d.stances).collect();
    let stance_recs: Vec<StanceRecord> = stances
        .iter()
        .map(|s| StanceRecord {
            kind: if s.kind == "denial" {
                StanceKind::Denial
            } else {
                StanceKind::Accusation
            },
            actor: s.actor.text.clone(),
            target: s.target.as_ref().map(|t| t.text.clone()),
            content: s.content.text.clone(),
            doc_id: s.doc_id.0,
            published: doc_of(docs, s.doc_id.0).date.date,
        })
        .collect();
    let blame_side = |b: Blame| match b {
        Blame::Claim(i) => {
            let c = &claims[index[i]];
            let mut side = claim_side(c, docs, recs[i].scope.clone());
            if let Some(a) = &c.fact.accused {
                side.says = format!("{} {}, blaming {}", side.says, c.fact.kind, a.text);
            }
            side
        }
        Blame::Stance(i) => stance_side(stances[i], docs),
    };
    find_contradictions(&recs, &stance_recs)
        .into_iter()
        .map(|c| {
            let (kind, about, a, b) = match c.kind {
                ContradictionKind::Figures { a, b } => {
                    let f = claims[index[a]].fact;
                    let mut about = match &f.victims.category {
                        Some(cat) => format!("{} {cat}", f.kind),
                        None => f.kind.clone(),
                    };
                    let (a, b) = (
                        claim_side(&claims[index[a]], docs, recs[a].scope.clone()),
                        claim_side(&claims[index[b]], docs, recs[b].scope.clone()),
                    );
                    // where both count, when both say (`killed in France`)
                    if let (Some(x), Some(y)) = (&a.scope, &b.scope) {
                        if x == y {
                            about.push_str(&format!(" in {}", scope_name(x)));
                        }
                    }
                    ("figures", Some(about), a, b)
                }
                ContradictionKind::AccusationDenied { accusation, denial } => (
                    "accusation_denied",
                    None,
                    stance_side(stances[accusation], docs),
                    stance_side(stances[denial], docs),
                ),
                ContradictionKind::Perpetrators { a, b } => {
                    ("perpetrators", None, blame_side(a), blame_side(b))
                }
            };
            Contradiction {
                story,
                kind: kind.to_string(),
                about,
                summary: c.summary,
                a,
                b,
            }
        })
        .collect()
}

/// Each claimant's running tolls among the documents of one story.
pub(crate) fn toll_series(story: Option<i64>, docs: &[DocData]) -> Vec<TollSeries> {
    if docs.is_empty() {
        return Vec::new();
    }
    let claims = distinct_claims(docs);
    let (recs, index) = records(&claims, docs, &EntryOf::new());
    claimant_series(&recs)
        .into_iter()
        .map(|s| TollSeries {
            story,
            claimant: s.claimant,
            claimant_text: s.claimant_text,
            kind: s.kind.as_str().to_string(),
            victims: s.victims.map(|v| v.as_str().to_string()),
            side: s.side,
            scope_name: s.scope.as_deref().map(scope_name),
            scope: s.scope,
            setting: s.setting.map(str::to_string),
            points: s
                .points
                .iter()
                .map(|p| {
                    let f = claims[index[p.claim]].fact;
                    TollPoint {
                        date: p.published,
                        min: p.min,
                        max: p.max,
                        approximate: p.approximate,
                        source: fact_ref(f, doc_of(docs, f.doc_id.0)),
                        sentence: f.sentence.clone(),
                    }
                })
                .collect(),
        })
        .collect()
}
