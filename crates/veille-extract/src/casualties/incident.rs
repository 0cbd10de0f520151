//! The killed and injured of the one incident an article reports.
//!
//! A sentence gives figures ([`super::extract_casualties`]); an article
//! about one shooting or one strike often gives several (the incident's, a
//! round-up's, an earlier attack's) or none written as a number (`a man was
//! shot and killed`). [`incident_counts`] decides, per document, which give
//! "the incident's" killed and injured:
//!
//! - reading order: the title, then the first [`IncidentRules::first`] body
//!   sentences, page-furniture lines skipped ([`page_furniture`]);
//! - the first written, non-cumulative figure of each kind wins; figures
//!   above [`IncidentRules::cap`] are ignored (round-ups, running tolls);
//! - an injured figure of one written `a`/`an`/`one` (`a toddler was shot`)
//!   is a singular report, not a written count;
//! - failing a written figure, a singular report counts one (`a man was shot
//!   and killed`, `in critical condition`);
//! - failing both, a death said in the title without a count (`fatal
//!   shooting`, `dies after`; not `attempted murder`) is one killed;
//! - a singular injury is the dead victim, so dropped, when a death is
//!   reported, unless a sentence says a victim lived (`also shot`,
//!   `survived`, `stable condition`) or the injury is coordinated by `and`
//!   after a death of its sentence (`three were shot to death and another
//!   was injured`);
//! - nothing at all but a harm word in the title (`shot`, `shooting`,
//!   `wound`…) is one injured.
//!
//! Measured on GVA (English local news on US shootings, `cargo run
//! --release -p xtask -- eval claims`, which calls this function): exact
//! match dev killed 0.825, injured 0.703; held-out test killed 0.823,
//! injured 0.707 (reports/claims.md). The defaults ([`IncidentRules`]) are
//! those measured: the cap of 60 suits single incidents of local news; a
//! strike killing hundreds is read as no figure (see the README's limits).

use super::{extract_casualties, CasualtyClaim, CasualtyKind, SentenceInput};
use serde::Serialize;
use veille_model::{SentenceSpan, Span};

/// How far an article is read and which figures are too large to be one
/// incident's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IncidentRules {
    /// Body sentences read after the title (page furniture not counted).
    pub first: usize,
    /// Figures above this are not an incident's (round-ups, tolls).
    pub cap: u64,
}

impl Default for IncidentRules {
    /// The values measured on GVA dev: 14 sentences, figures up to 60.
    fn default() -> Self {
        IncidentRules { first: 14, cap: 60 }
    }
}

/// Which rule gave a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IncidentRule {
    /// The first written, non-cumulative figure of the kind.
    Figure,
    /// A singular report without a count (`a man was shot and killed`).
    Singular,
    /// A singular injury kept beside a death: a victim lived (`survived`,
    /// `also shot`) or another was hurt (`… and another was injured`).
    Survivor,
    /// A death said in the title without a count (`fatal shooting`).
    TitleDeath,
    /// A singular injury read as the dead victim: 0 injured.
    SameVictim,
    /// No figure at all, a harm word in the title (`shooting`): 1 injured.
    HarmInTitle,
    /// Nothing says it: 0.
    Nothing,
}

/// Why one of the two counts is what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncidentEvidence {
    pub kind: CasualtyKind,
    pub count: u64,
    pub rule: IncidentRule,
    /// The figure the count comes from, when one does (its number phrase;
    /// in the title when `in_title`, else in the cleaned text).
    pub span: Option<Span>,
    pub in_title: bool,
}

/// A figure read on the way, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadFigure {
    pub claim: CasualtyClaim,
    /// Read from the title (spans slice the title).
    pub in_title: bool,
    /// An injury of one that says a victim lived beside a death.
    pub survivor: bool,
}

/// The killed and injured of an article's incident, with the evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncidentCounts {
    pub killed: u64,
    pub injured: u64,
    /// Two entries: the killed count's, then the injured count's.
    pub evidence: Vec<IncidentEvidence>,
    /// Every figure read, in reading order (for error analysis).
    #[serde(skip)]
    pub read: Vec<ReadFigure>,
}

/// Lines of scraped pages that are page furniture, not the story: short
/// lines without a full stop, stamps (`Posted:`), credits, share and
/// subscribe prompts.
pub fn page_furniture(line: &str) -> bool {
    let l = line.trim();
    let lower = l.to_ascii_lowercase();
    l.len() < 25 && !l.ends_with('.')
        || ["posted:", "updated:", "copyright", "read more", "watch"]
            .iter()
            .any(|p| lower.starts_with(p))
        || [
            "all rights reserved",
            "click here",
            "share this",
            "comments",
            "subscribe",
            "advertisement",
            "sign up",
            "related:",
            "photo:",
        ]
        .iter()
        .any(|p| lower.contains(p))
}

/// Title words that say a victim died.
const DEATH_IN_TITLE: &[&str] = &[
    "fatal", "fatally", "killed", "kills", "killing", "dies", "died", "dead", "death", "murder",
    "murdered", "homicide", "slain", "slaying", "suicide", "deadly",
];
/// Title words of a story about someone shot.
const HARM_IN_TITLE: &[&str] = &["shot", "shooting", "wound", "injur", "hurt", "gunshot"];
/// Phrases that say a victim shot in a deadly incident lived.
const SURVIVED: &[&str] = &[
    "survived",
    "also shot",
    "also wounded",
    "also injured",
    "expected to recover",
    "stable condition",
    "released from",
];

/// Whether a (lowercased) title says someone died without a count:
/// `fatal shooting of 16-year-old`, `Boyle County man dies after accidental
/// shooting`, `taken off life support`; not `attempted murder`, `survives`.
pub fn title_reports_death(t: &str) -> bool {
    let words: Vec<&str> = t
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let death = words
        .iter()
        .enumerate()
        .any(|(i, w)| DEATH_IN_TITLE.contains(w) && !(i > 0 && words[i - 1] == "attempted"));
    death || t.contains("life support") || t.contains("own life")
}

/// The figures of one sentence, an injury of one written `a`/`an`/`one`
/// marked singular, each with whether it says a victim lived.
fn read_sentence(input: &SentenceInput<'_>, in_title: bool, out: &mut Vec<ReadFigure>) {
    let found = extract_casualties(input);
    let lower = input.text.to_lowercase();
    let off = input.span.start as usize;
    // an injury coordinated after a death of the same sentence is another
    // victim: `three were shot to death and another was injured`, `left a
    // boy dead and a woman wounded` (not `is dead after he was shot`)
    let after_death = |c: &CasualtyClaim| {
        found.iter().any(|k| {
            k.kind == CasualtyKind::Killed
                && k.span.end <= c.span.start
                && input
                    .text
                    .get(k.span.end as usize - off..c.span.start as usize - off)
                    .is_some_and(|between| between.contains(" and "))
        })
    };
    for c in &found {
        let mut claim = c.clone();
        let start = c.span.start as usize;
        let phrase = input.text.get(start - off.min(start)..).unwrap_or_default();
        let first = phrase.split_whitespace().next().unwrap_or_default();
        if c.min == 1
            && c.kind == CasualtyKind::Injured
            && matches!(first.to_ascii_lowercase().as_str(), "a" | "an" | "one")
        {
            claim.implicit = true;
        }
        let survivor = claim.kind == CasualtyKind::Injured
            && claim.implicit
            && (SURVIVED.iter().any(|w| lower.contains(w)) || after_death(c));
        out.push(ReadFigure {
            claim,
            in_title,
            survivor,
        });
    }
}

/// One count: the first written figure, else the first singular report.
struct Pick<'a> {
    written: Option<&'a ReadFigure>,
    singular: Option<&'a ReadFigure>,
}

fn pick<'a>(read: &'a [ReadFigure], kind: CasualtyKind, cap: u64) -> Pick<'a> {
    let mut p = Pick {
        written: None,
        singular: None,
    };
    for f in read {
        let c = &f.claim;
        if c.kind != kind || c.cumulative || c.min > cap {
            continue;
        }
        if c.implicit {
            p.singular = p.singular.or(Some(f));
        } else if p.written.is_none() {
            p.written = Some(f);
        }
    }
    p
}

fn evidence(
    kind: CasualtyKind,
    count: u64,
    rule: IncidentRule,
    f: Option<&ReadFigure>,
) -> IncidentEvidence {
    IncidentEvidence {
        kind,
        count,
        rule,
        span: f.map(|f| f.claim.span),
        in_title: f.is_some_and(|f| f.in_title),
    }
}

/// The killed and injured of the incident a document reports: `title` (if
/// any) then `sentences` of `text` in `lang` (ISO 639-1), by `rules`.
pub fn incident_counts(
    title: Option<&str>,
    text: &str,
    sentences: &[SentenceSpan],
    lang: &str,
    rules: IncidentRules,
) -> IncidentCounts {
    let mut read = Vec::new();
    if let Some(t) = title {
        let input = SentenceInput {
            text: t,
            span: Span::new(0, t.len()),
            previous: None,
            title,
            lang,
        };
        read_sentence(&input, true, &mut read);
    }
    let body = sentences
        .iter()
        .filter_map(|s| Some((s.span, s.span.get(text)?)))
        .filter(|(_, s)| !page_furniture(s))
        .take(rules.first);
    for (span, s) in body {
        let input = SentenceInput {
            text: s,
            span,
            previous: None,
            title,
            lang,
        };
        read_sentence(&input, false, &mut read);
    }
    decide(
        read,
        title.map(str::to_lowercase).unwrap_or_default(),
        rules,
    )
}

/// The counts from the figures read and the lowercased title.
fn decide(read: Vec<ReadFigure>, t: String, rules: IncidentRules) -> IncidentCounts {
    use CasualtyKind::{Injured, Killed};
    let survivor = read.iter().any(|f| f.survivor);
    let k = pick(&read, Killed, rules.cap);
    let killed_ev = match (k.written, k.singular) {
        (Some(f), _) => evidence(Killed, f.claim.min, IncidentRule::Figure, Some(f)),
        (None, Some(f)) => evidence(Killed, 1, IncidentRule::Singular, Some(f)),
        _ if title_reports_death(&t) => evidence(Killed, 1, IncidentRule::TitleDeath, None),
        _ => evidence(Killed, 0, IncidentRule::Nothing, None),
    };
    let i = pick(&read, Injured, rules.cap);
    let mut injured_ev = match (i.written, i.singular) {
        (Some(f), _) => evidence(Injured, f.claim.min, IncidentRule::Figure, Some(f)),
        (None, Some(f)) if killed_ev.count > 0 && !survivor => {
            evidence(Injured, 0, IncidentRule::SameVictim, Some(f))
        }
        (None, Some(f)) if killed_ev.count > 0 => {
            evidence(Injured, 1, IncidentRule::Survivor, Some(f))
        }
        (None, Some(f)) => evidence(Injured, 1, IncidentRule::Singular, Some(f)),
        _ => evidence(Injured, 0, IncidentRule::Nothing, None),
    };
    if killed_ev.count == 0 && injured_ev.count == 0 && HARM_IN_TITLE.iter().any(|w| t.contains(w))
    {
        injured_ev = evidence(Injured, 1, IncidentRule::HarmInTitle, None);
    }
    IncidentCounts {
        killed: killed_ev.count,
        injured: injured_ev.count,
        evidence: vec![killed_ev, injured_ev],
        read,
    }
}

#[cfg(test)]
#[path = "incident_tests.rs"]
mod tests;
