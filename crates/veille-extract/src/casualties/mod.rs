//! Casualty and displacement figures with who claims them.
//!
//! One sentence in, every figure out: a token scan finds counts
//! ([`crate::numbers`]), drops trap numbers ([`traps`]: ages, durations,
//! distances, objects, populations, money, years, dates), reads the victim
//! noun after the count ([`victims`]), then looks for the kind of casualty
//! ([`kinds`]) in four places, first match wins:
//!
//! 1. a noun or participle right after the count or its victims (`21 morts`,
//!    `400 blessés`, `three wounded`);
//! 2. a verb before the count (`tuant 21 civils`, `en blessant au moins 70`,
//!    `killing two`), or a death noun with `de` (`la mort de 13 personnes`);
//! 3. an auxiliary and a participle after it, across a coordination or a
//!    `dont` apposition (`19 civils arméniens et 26 azerbaïdjanais ont été
//!    tués`, `Plus de 10.000 personnes, dont des femmes, …, ont été évacuées`);
//! 4. the claim before a `dont`/`including` (`plus de 400 morts, dont 22
//!    civils`), with `respectivement` mapping victims in order.
//!
//! A count without a kind is not a casualty: `des dizaines de missiles`,
//! `13 villages`. Victims carry over from the previous figure of the
//! sentence when a figure names none (`tuant 21 civils et en blessant au
//! moins 70`, `deux autres`). The claimant and the accused are read once per
//! sentence ([`claimant`]). English singular reports without a count (`a man
//! was shot and killed`, `John Doe was killed`) give a figure of one, and so
//! do singular injury states (`in critical condition`, `a gunshot wound`,
//! `struck by gunfire`, `grazed`: GVA dev injured exact 0.628 → 0.642).
//!
//! Everything is a scan over the folded words of one sentence: no regular
//! expression, no allocation beyond the word list and the findings.

pub(crate) mod claimant;
pub mod incident;
mod kinds;
mod pairs;
mod traps;
mod victims;

use crate::numbers::words::{is, is_any, words, Word};
use crate::numbers::{quantities, Parsed, Quantity};
use serde::Serialize;
use veille_model::Span;
use veille_text::TokenKind;

/// One sentence to read, with a little context.
#[derive(Debug, Clone, Copy)]
pub struct SentenceInput<'a> {
    /// The sentence text.
    pub text: &'a str,
    /// Where the sentence sits in the document; output spans are offset by
    /// `span.start` so that they slice the document text.
    pub span: Span,
    /// The previous sentence of the document and its span, if any (resolves
    /// pronoun speakers: `a-t-il déclaré`).
    pub previous: Option<(&'a str, Span)>,
    /// The document title, if any.
    pub title: Option<&'a str>,
    /// ISO 639-1 code of the document language (`fr`, `en`).
    pub lang: &'a str,
}

impl<'a> SentenceInput<'a> {
    /// A sentence standing alone (its span starts at 0).
    pub fn alone(text: &'a str, lang: &'a str) -> SentenceInput<'a> {
        SentenceInput {
            text,
            span: Span::new(0, text.len()),
            previous: None,
            title: None,
            lang,
        }
    }
}

/// What happened to the victims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CasualtyKind {
    Killed,
    Injured,
    Missing,
    Captured,
    Displaced,
    Evacuated,
}

impl CasualtyKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            CasualtyKind::Killed => "killed",
            CasualtyKind::Injured => "injured",
            CasualtyKind::Missing => "missing",
            CasualtyKind::Captured => "captured",
            CasualtyKind::Displaced => "displaced",
            CasualtyKind::Evacuated => "evacuated",
        }
    }
}

/// Who the victims are, as the text says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VictimCategory {
    /// People with no further category (`personnes`, `people`, `men`).
    Person,
    Civilian,
    Military,
    Peacekeeper,
    Journalist,
    Child,
    Police,
    /// The shooter or attacker (`suspect`, `gunman`).
    Perpetrator,
}

impl VictimCategory {
    pub fn as_str(&self) -> &'static str {
        match self {
            VictimCategory::Person => "person",
            VictimCategory::Civilian => "civilian",
            VictimCategory::Military => "military",
            VictimCategory::Peacekeeper => "peacekeeper",
            VictimCategory::Journalist => "journalist",
            VictimCategory::Child => "child",
            VictimCategory::Police => "police",
            VictimCategory::Perpetrator => "perpetrator",
        }
    }
}

/// The victims of a figure: a category and a nationality or side when said.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Victims {
    pub category: Option<VictimCategory>,
    /// The nationality or side word as written (`arméniens`, `russes`, `ennemis`).
    pub side: Option<String>,
}

/// A party named in the text, with its span in the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Claimant {
    pub text: String,
    pub span: Span,
}

/// A casualty or displacement figure and who claims it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CasualtyClaim {
    pub kind: CasualtyKind,
    pub min: u64,
    /// `None` when open-ended (`au moins 70`).
    pub max: Option<u64>,
    pub approximate: bool,
    pub victims: Victims,
    /// A capitalised place after `à`/`dans`/`sur`/`in`/`at` near the figure.
    pub place: Option<String>,
    /// A weekday or day-and-month phrase of the sentence.
    pub date_text: Option<Span>,
    /// A running toll (`depuis le 27 septembre`, `au total`, `bilan`, `since`).
    pub cumulative: bool,
    pub claimed_by: Option<Claimant>,
    pub accused: Option<Claimant>,
    /// No count is written: one victim is read from a singular report
    /// (`a man was shot and killed`, `John Doe was killed`).
    pub implicit: bool,
    /// The number phrase (`au moins 70`, `21 civils`, `5.000 morts`).
    pub span: Span,
    pub sentence: Span,
}

/// How the kind of a figure was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Noun,
    VerbBefore,
    Passive,
    Inherited,
    Implicit,
}

#[derive(Debug, Clone)]
struct Found {
    kind: CasualtyKind,
    q: Quantity,
    victims: Victims,
    carry_over: bool,
    /// The side is this figure's alone (`93 blessés de nationalité
    /// française parmi les 6.500`): the figures after it do not take it.
    own_side: bool,
    start: usize,
    end: usize,
    cue: Cue,
}

/// Every casualty figure of one sentence.
pub fn extract_casualties(input: &SentenceInput<'_>) -> Vec<CasualtyClaim> {
    casualties_in(input, &words(input.text))
}

/// [`extract_casualties`] on words already read.
pub(crate) fn casualties_in(input: &SentenceInput<'_>, ws: &[Word]) -> Vec<CasualtyClaim> {
    let text = input.text;
    if ws.is_empty() || !ws.iter().any(could_count) {
        return Vec::new();
    }
    let qs = quantities(ws, text);
    let mut found: Vec<Found> = Vec::new();
    let mut used_participles: Vec<usize> = Vec::new();
    for p in &qs {
        if let Some(f) = read_figure(ws, text, p, &found, &mut used_participles) {
            found.push(f);
        }
    }
    map_respectively(ws, &mut found);
    carry_victims(&mut found);
    // `a man and a child were injured`: two victims without a count
    // (replacing the figure of one that `a man` gave inside the pair)
    if let Some((kind, s, e)) = pairs::coordinated_pair(ws) {
        found.retain(|f| f.kind != kind || f.q.min != 1 || !(s..e).contains(&f.start));
        if !found.iter().any(|f| f.kind == kind) {
            found.push(Found {
                kind,
                q: Quantity::exact(2),
                victims: Victims::default(),
                carry_over: false,
                own_side: false,
                start: s,
                end: e,
                cue: Cue::Passive,
            });
            used_participles.push(e - 1);
        }
    }
    implicit_singulars(ws, text, &mut found, &used_participles);
    if found.is_empty() {
        return Vec::new();
    }
    let off = input.span.start as usize;
    let doc_span = |s: usize, e: usize| Span::new(off + s, off + e);
    let range_span = |(s, e): (usize, usize)| {
        let a = ws[s].span.start as usize;
        let b = ws[e - 1].span.end as usize;
        Claimant {
            text: text[a..b].to_string(),
            span: doc_span(a, b),
        }
    };
    let claimed_by = claimant::claimant(ws).map(range_span);
    let phrases = date_phrases(ws);
    let sentence = doc_span(0, text.len());
    found
        .iter()
        .map(|f| {
            let accused = claimant::accused(ws, f.start)
                .or_else(|| {
                    (f.cue == Cue::VerbBefore)
                        .then(|| claimant::clause_agent(ws, f.start))
                        .flatten()
                })
                .map(range_span);
            let a = ws[f.start].span.start as usize;
            let b = ws[f.end.max(f.start + 1) - 1].span.end as usize;
            CasualtyClaim {
                kind: f.kind,
                min: f.q.min,
                max: f.q.max,
                approximate: f.q.approximate,
                victims: f.victims.clone(),
                place: place_near(ws, text, f.start),
                date_text: nearest(&phrases, f.start, f.end)
                    .map(|(s, e)| doc_span(ws[s].span.start as usize, ws[e - 1].span.end as usize)),
                cumulative: is_cumulative(ws, f.start),
                claimed_by: claimed_by.clone(),
                accused,
                implicit: f.cue == Cue::Implicit,
                span: doc_span(a, b),
                sentence,
            }
        })
        .collect()
}

/// Whether a word may start or end a count: digits, number words, `a`/`an`
/// (one victim), a singular-report verb, or a participle after a
/// coordinated pair. Sentences with none are skipped.
fn could_count(w: &Word) -> bool {
    w.kind == TokenKind::Number
        || !w.key.is_empty()
            && w.key.len() <= 12
            && (crate::numbers::is_count_word(&w.key)
                || matches!(
                    w.key.as_str(),
                    "was" | "is" | "est" | "fut" | "ete" | "been" | "died" | "him" | "her"
                    // a headline pair: `Man, teenager injured`
                    | "injured" | "wounded" | "hurt" | "killed"
                ))
}

/// The figure at a count, if it is a casualty figure.
fn read_figure(
    ws: &[Word],
    text: &str,
    p: &Parsed,
    before: &[Found],
    used: &mut Vec<usize>,
) -> Option<Found> {
    let digits = ws[p.start].kind == TokenKind::Number;
    if traps::is_trap(ws, p.start, p.end, digits)
        || p.year_like && !followed_by_victims(ws, p.end, text)
    {
        return None;
    }
    let first_digit = ws[p.start..p.end]
        .iter()
        .find(|w| w.kind == TokenKind::Number);
    if let Some(w) = first_digit {
        if traps::has_money_or_percent(text, w.span.start as usize, ws[p.end - 1].span.end as usize)
        {
            return None;
        }
    }
    if p.q.min == 0 && p.q.max == Some(0) {
        return None;
    }
    let mut after = p.end;
    let mut victims = Victims::default();
    let mut carry_over = false;
    let mut kind = None;
    let mut cue = Cue::Noun;
    let with_de = is_any(ws, after, &["de", "d'", "of"]) && !ws[after].before.breaks();
    let vic_at = if with_de && p.collective {
        after + 1
    } else {
        after
    };
    if let Some((v, e)) = victims::victims_at(ws, vic_at, text) {
        carry_over = victims::is_carry_over(&ws[vic_at].key);
        victims = v;
        after = e;
    } else if p.article {
        // "a 25-year-old man", "a young woman": up to three words before the noun
        let mut k = after;
        let mut hit = None;
        while k < ws.len() && k < after + 4 && !ws[k].before.breaks() {
            if let Some((v, e)) = victims::victims_at(ws, k, text) {
                if v.category.is_some() {
                    hit = Some((v, e));
                }
                break;
            }
            if kinds::is_auxiliary(&ws[k].key) || kinds::participle_kind(&ws[k].key).is_some() {
                break;
            }
            k += 1;
        }
        let (v, e) = hit?;
        victims = v;
        after = e;
    } else if p.collective && with_de {
        // "des dizaines de morts" or "dizaines de missiles"
        let k = kinds::noun_kind(ws.get(vic_at)?.key.as_str())?;
        kind = Some(k);
        after = vic_at + 1;
    } else if p.collective
        && !matches!(
            ws[p.end - 1].key.as_str(),
            "dizaines" | "centaines" | "milliers" | "dozens" | "hundreds" | "thousands"
        )
    {
        // "quelques", "plusieurs", "several" need a noun
        kinds::noun_kind(ws.get(after).map_or("", |w| w.key.as_str()))?;
    }
    // 1. a kind noun or participle right after
    if kind.is_none() {
        if let Some(w) = ws.get(after) {
            if !w.before.breaks() {
                if let Some(k) = kinds::noun_kind(&w.key) {
                    kind = Some(k);
                    after += 1;
                } else if matches!(w.key.as_str(), "shot" | "stabbed") {
                    // headline style: "2 men shot", "3 shot and killed"
                    kind = Some(upgrade(ws, after, CasualtyKind::Injured, false));
                    after += 1;
                }
            }
        }
    }
    if kind.is_some() && victims.category.is_none() {
        // "90 morts et 392 blessés parmi les civils"
        if let Some(v) = victims_among(ws, after, text) {
            victims = v;
        }
    }
    // "93 blessés de nationalité française": the victims' side
    let mut own_side = false;
    if kind.is_some()
        && victims.side.is_none()
        && is(ws, after, "de")
        && is(ws, after + 1, "nationalite")
        && !ws.get(after).is_some_and(|w| w.before.breaks())
    {
        // whatever the word: `de nationalité` names a nationality
        if let Some(n) = ws.get(after + 2).filter(|n| !n.before.breaks() && !n.cap) {
            victims.side = Some(n.span.slice(text).to_string());
            own_side = true;
        }
    }
    // 2. a verb before, or a death noun with "de"
    // (`was killed and two others were wounded`: a verb across `and` gives
    // way to the figure's own participle)
    if kind.is_none() {
        if let Some((k, across_and)) = verb_before(ws, p.start) {
            match passive_after(ws, after).filter(|_| across_and) {
                Some((k, at)) => {
                    kind = Some(k);
                    cue = Cue::Passive;
                    used.push(at);
                }
                None => {
                    kind = Some(k);
                    cue = Cue::VerbBefore;
                }
            }
        }
    }
    // 3. an auxiliary and a participle after, for victims or a bare count
    // ("5 ont été tués"; not "Les deux camps disent avoir tué")
    let bare_ok = ws.get(after).is_none_or(|w| {
        w.before.breaks()
            || kinds::is_auxiliary(&w.key)
            || kinds::is_adverb(&w.key)
            || matches!(w.key.as_str(), "et" | "and" | "dont" | "who" | "qui")
    });
    if kind.is_none() && (victims.category.is_some() || victims.side.is_some() || bare_ok) {
        if let Some((k, at)) = passive_after(ws, after) {
            kind = Some(k);
            cue = Cue::Passive;
            used.push(at);
        }
    }
    // 4. the claim before "dont"/"including", or a coordination with one
    if kind.is_none() {
        if let Some(prev) = before.last() {
            let introduced = p.start > 0
                && (is_any(ws, p.start - 1, &["dont", "including"])
                    || (is(ws, p.start - 1, "among") && is(ws, p.start, "them"))
                    || (is_any(ws, p.start - 1, &["et", "and"])
                        && prev.cue == Cue::Inherited
                        && prev.end + 1 == p.start));
            if introduced {
                kind = Some(prev.kind);
                cue = Cue::Inherited;
            }
        }
    }
    let kind = kind?;
    if victims.category.is_none() && victims.side.is_none() && p.year_like {
        return None;
    }
    Some(Found {
        kind,
        q: p.q,
        victims,
        carry_over,
        own_side,
        start: p.start,
        end: after,
        cue,
    })
}

fn followed_by_victims(ws: &[Word], end: usize, text: &str) -> bool {
    victims::victims_at(ws, end, text).is_some_and(|(v, _)| v.category.is_some())
        || ws
            .get(end)
            .is_some_and(|w| kinds::noun_kind(&w.key).is_some())
}

/// "parmi les civils", "among the civilians"
fn victims_among(ws: &[Word], from: usize, text: &str) -> Option<Victims> {
    let at = (from..(from + 6).min(ws.len()))
        .take_while(|&k| k == from || !ws[k].before.breaks())
        .find(|&k| is_any(ws, k, &["parmi", "among"]))?;
    let k = if is_any(ws, at + 1, &["les", "the", "des"]) {
        at + 2
    } else {
        at + 1
    };
    victims::victims_at(ws, k, text).map(|(v, _)| v)
}

/// A verb of harm right before the count (`tuant 21`, `en blessant au moins
/// 70`, `d'avoir tué 21`, `killing two`), or `la mort de 13`.
/// Also whether the verb stands across `and` (`killed and two`).
fn verb_before(ws: &[Word], start: usize) -> Option<(CasualtyKind, bool)> {
    verb_before_kind(ws, start).map(|k| {
        let across_and = (start.saturating_sub(2)..start).any(|b| is(ws, b, "and"));
        (k, across_and)
    })
}

fn verb_before_kind(ws: &[Word], start: usize) -> Option<CasualtyKind> {
    if start == 0 || ws[start].before.breaks() {
        return None;
    }
    let mut b = start;
    let mut skipped = 0;
    // adverbs, and a day between the verb and its count (`a tué samedi 20
    // personnes`, `ont blessé hier soir 12 civils`)
    while b > 0
        && skipped < 2
        && (matches!(
            ws[b - 1].key.as_str(),
            "deja"
                | "aussi"
                | "egalement"
                | "encore"
                | "also"
                | "at"
                | "and"
                | "hier"
                | "soir"
                | "matin"
                | "yesterday"
        ) || is_weekday(&ws[b - 1].key))
        && !ws[b].before.breaks()
    {
        b -= 1;
        skipped += 1;
    }
    // `a tué par balles trois personnes`
    if b >= 2
        && is_any(ws, b - 1, &["balles", "balle"])
        && is(ws, b - 2, "par")
        && !ws[b].before.breaks()
    {
        b -= 2;
    }
    if b == 0 || ws[b].before.breaks() {
        return None;
    }
    let prev = ws[b - 1].key.as_str();
    if let Some(k) = kinds::verb_kind(prev) {
        return Some(k);
    }
    // "shot and killed two": handled by "killed"; "shot two people" hurts them
    let passive = b >= 2 && kinds::is_auxiliary(&ws[b - 2].key);
    if (prev == "shot" || prev == "shooting" || prev == "shoots") && !passive {
        return Some(CasualtyKind::Injured);
    }
    if matches!(prev, "de" | "d'" | "of") && b >= 2 && !ws[b - 1].before.breaks() {
        let fatal = b >= 3 && is_any(ws, b - 3, &["fatal", "deadly", "mortelle", "mortel"]);
        return kinds::noun_of_kind(&ws[b - 2].key).map(|k| {
            if fatal {
                CasualtyKind::Killed
            } else {
                k
            }
        });
    }
    None
}

/// An auxiliary and a participle of harm within the next words, across
/// coordinated figures and `dont` appositions; returns the participle index.
fn passive_after(ws: &[Word], from: usize) -> Option<(CasualtyKind, usize)> {
    let mut k = from;
    let mut in_apposition = false;
    while k < ws.len() && k < from + 18 {
        let w = &ws[k];
        if w.before.stop || w.before.quote {
            return None;
        }
        if w.before.comma {
            if is_any(ws, k, &["dont", "including", "among", "parmi", "notamment"]) {
                in_apposition = true;
            } else if !in_apposition {
                return None;
            }
        }
        let key = w.key.as_str();
        if kinds::is_auxiliary(key) && !(key == "a" && k + 1 < ws.len() && ws[k + 1].cap) {
            let mut j = k + 1;
            while j < ws.len()
                && j < k + 5
                && (kinds::is_auxiliary(&ws[j].key) || kinds::is_adverb(&ws[j].key))
                && !ws[j].before.breaks()
            {
                j += 1;
            }
            let fatal = ws[k + 1..j.min(ws.len())]
                .iter()
                .any(|w| kinds::is_fatal_adverb(&w.key));
            let pk = ws
                .get(j)
                .filter(|w| !w.before.breaks())
                .and_then(|w| kinds::participle_kind(&w.key));
            // `avoir` alone makes an active past: `un homme a tué`, `have
            // killed` (the subject did it); but `ont péri`, `have died`, and
            // `quatre ont tuées` (an agreed participle: `été` left out)
            let active = (k..j).all(|i| AVOIR.contains(&ws[i].key.as_str()))
                && ws
                    .get(j)
                    .is_some_and(|w| kinds::is_active_participle(&w.key));
            if active {
                return None;
            }
            return pk.map(|kind| (upgrade(ws, j, kind, fatal), j));
        }
        if matches!(
            key,
            "died" | "perished" | "peri" | "succombe" | "meurent" | "mourut"
        ) {
            return Some((CasualtyKind::Killed, k));
        }
        if kinds::verb_kind(key).is_some()
            || matches!(key, "que" | "qu'" | "selon" | "said" | "according")
        {
            return None;
        }
        k += 1;
    }
    None
}

/// Forms of `avoir` / `have` among the auxiliaries.
const AVOIR: &[&str] = &[
    "a", "ont", "avait", "avaient", "aurait", "auraient", "avoir", "has", "have", "had",
];

/// "shot and killed", "shot dead", "shot to death", "fatally shot" are deaths.
fn upgrade(ws: &[Word], j: usize, kind: CasualtyKind, fatal: bool) -> CasualtyKind {
    if kind != CasualtyKind::Injured {
        return kind;
    }
    let next = |n: usize| {
        ws.get(j + n)
            .filter(|w| !w.before.breaks())
            .map(|w| w.key.as_str())
    };
    let killed_after = matches!(next(1), Some("dead") | Some("fatally"))
        || (next(1) == Some("and")
            && matches!(next(2), Some("killed") | Some("tues") | Some("died")))
        || (next(1) == Some("to") && next(2) == Some("death"));
    if fatal || killed_after {
        CasualtyKind::Killed
    } else {
        kind
    }
}

/// "dont 5 et 11 respectivement": the inherited figures take the victims of
/// as many figures before them, in order.
fn map_respectively(ws: &[Word], found: &mut [Found]) {
    let Some(r) = ws
        .iter()
        .position(|w| matches!(w.key.as_str(), "respectivement" | "respectively"))
    else {
        return;
    };
    let inherited: Vec<usize> = (0..found.len())
        .filter(|&i| found[i].cue == Cue::Inherited && found[i].end <= r)
        .collect();
    let heads: Vec<usize> = (0..found.len())
        .filter(|&i| found[i].cue != Cue::Inherited && found[i].end <= r)
        .collect();
    if inherited.len() < 2 || heads.len() < inherited.len() {
        return;
    }
    let heads = &heads[heads.len() - inherited.len()..];
    for (&i, &h) in inherited.iter().zip(heads) {
        if found[i].victims.category.is_none() {
            found[i].victims = found[h].victims.clone();
        }
    }
}

/// Figures without a victim category take the previous figure's.
fn carry_victims(found: &mut [Found]) {
    for i in 1..found.len() {
        let (prev, rest) = found.split_at_mut(i);
        let (p, f) = (&prev[i - 1], &mut rest[0]);
        if f.victims.category.is_none() || f.carry_over {
            f.victims.category = p.victims.category;
            if f.victims.side.is_none() && !p.own_side && (f.carry_over || f.cue != Cue::Inherited)
            {
                f.victims.side = p.victims.side.clone();
            }
        }
    }
}

/// One victim without a count: `a man was shot and killed`, `John Doe, 25,
/// was killed`, `il a été tué`, `the victim died`; also `killed him`.
fn implicit_singulars(ws: &[Word], text: &str, found: &mut Vec<Found>, used: &[usize]) {
    let mut k = 0;
    while k < ws.len() {
        let key = ws[k].key.as_str();
        let singular_aux = matches!(key, "was" | "is" | "est" | "fut" | "being")
            || (key == "a" && is(ws, k + 1, "ete"))
            || (matches!(key, "has" | "had") && is(ws, k + 1, "been"));
        let mut hit = None;
        if singular_aux && k > 0 && !ws[k].before.stop {
            let mut j = k + 1;
            while j < ws.len()
                && j < k + 5
                && (kinds::is_auxiliary(&ws[j].key) || kinds::is_adverb(&ws[j].key))
                && !ws[j].before.breaks()
            {
                j += 1;
            }
            let fatal = ws[k + 1..j.min(ws.len())]
                .iter()
                .any(|w| kinds::is_fatal_adverb(&w.key));
            if let Some(kind) = ws
                .get(j)
                .filter(|w| !w.before.breaks())
                .and_then(|w| kinds::participle_kind(&w.key))
            {
                // `s'est déplacé` travelled (`s'est blessé` is hurt)
                let travelled = kind == CasualtyKind::Displaced && is_any(ws, k - 1, &["s'", "se"]);
                let excluded =
                    travelled || matches!(ws[j].key.as_str(), "faits" | "taken" | "mort" | "morte");
                if !used.contains(&j) && !excluded {
                    hit = Some((upgrade(ws, j, kind, fatal), k, j + 1));
                }
            }
        } else if key == "death"
            && k > 0
            && (is(ws, k - 1, "shooting")
                || (is(ws, k + 1, "of")
                    && !ws[k + 1].before.breaks()
                    && is_any(ws, k + 2, &["a", "an", "his", "her", "the"])))
            && !used.contains(&k)
        {
            // "the shooting death of a 3-year-old", "13-year-old's death"
            hit = Some((CasualtyKind::Killed, k, k + 1));
        } else if kinds::participle_kind(key).is_some()
            && k > 1
            && !ws[k].before.breaks()
            && {
                // "Man shot", "Four-year-old fatally shot"
                let n = if kinds::is_fatal_adverb(&ws[k - 1].key) {
                    k - 2
                } else {
                    k - 1
                };
                is_singular_noun(&ws[n].key) && !ws[n + 1].before.breaks()
            }
            // "the suspect shot" is not a victim
            && (ws[k - 1].key != "suspect"
                || !is_any(ws, k - 2, &["the", "le", "ce", "this", "that", "his", "her"]))
            && !used.contains(&k)
            && !matches!(key, "faits" | "taken" | "mort" | "morte" | "missing")
        {
            // headline style: "Man shot on East Side", "Teen killed in crash"
            let fatal = kinds::is_fatal_adverb(&ws[k - 1].key);
            let kind = kinds::participle_kind(key).map(|kd| upgrade(ws, k, kd, fatal));
            hit = kind.map(|kd| (kd, k - 1, k + 1));
        } else if let Some(span) = injury_state(ws, k).filter(|_| !used.contains(&k)) {
            // "in critical condition", "suffered a gunshot wound",
            // "was struck by gunfire": one victim, injured
            hit = Some((CasualtyKind::Injured, span.0, span.1));
        } else if matches!(key, "died" | "dies")
            && k > 0
            && !is_plural_subject(ws, k)
            && !used.contains(&k)
        {
            hit = Some((CasualtyKind::Killed, k, k + 1));
        } else if let Some(kind) = kinds::verb_kind(key).or_else(|| {
            matches!(
                key,
                "shot" | "shoots" | "shooting" | "striking" | "wounding"
            )
            .then_some(CasualtyKind::Injured)
        }) {
            // "killed him", "shot himself", "shot the boy in the face",
            // "injured an 11-year-old boy"
            let passive = k > 0 && kinds::is_auxiliary(&ws[k - 1].key);
            if !passive && k + 1 < ws.len() && !ws[k + 1].before.breaks() {
                let kind = upgrade(ws, k, kind, false);
                if is_any(ws, k + 1, &["him", "her", "himself", "herself"]) {
                    hit = Some((kind, k, k + 2));
                } else if is_any(ws, k + 1, &["a", "an", "the", "his", "her", "their"]) {
                    let noun = (k + 2..(k + 6).min(ws.len()))
                        .take_while(|&j| !ws[j].before.breaks())
                        .find(|&j| is_singular_noun(&ws[j].key));
                    if let Some(j) = noun {
                        hit = Some((kind, k, j + 1));
                    }
                }
            }
        }
        if let Some((kind, s, e)) = hit {
            let subject = subject_victims(ws, s, text);
            if !found.iter().any(|f| f.kind == kind) {
                found.push(Found {
                    kind,
                    q: Quantity::exact(1),
                    victims: subject,
                    carry_over: false,
                    own_side: false,
                    start: s,
                    end: e,
                    cue: Cue::Implicit,
                });
            }
            k = e;
            continue;
        }
        k += 1;
    }
}

/// A singular injury stated as a state rather than a count, at word `k`:
/// `in critical condition`, `a gunshot wound`, `struck by gunfire`, `grazed`.
/// Gives the word range of the phrase.
fn injury_state(ws: &[Word], k: usize) -> Option<(usize, usize)> {
    let key = ws[k].key.as_str();
    let joined = |a: usize, b: usize| (a + 1..=b).all(|j| j < ws.len() && !ws[j].before.breaks());
    match key {
        "condition"
            if k >= 2
                && joined(k - 2, k)
                && matches!(
                    ws[k - 1].key.as_str(),
                    "critical" | "serious" | "stable" | "fair" | "grave"
                )
                && is_any(ws, k - 2, &["in", "critical", "non"]) =>
        {
            Some((k - 2, k + 1))
        }
        "wound" if k >= 2 && joined(k - 2, k) && ws[k - 1].key == "gunshot" => {
            is_any(ws, k - 2, &["a", "one"]).then_some((k - 2, k + 1))
        }
        "struck" | "hit"
            if joined(k, k + 2)
                && is(ws, k + 1, "by")
                && is_any(ws, k + 2, &["gunfire", "bullet", "a", "stray"]) =>
        {
            Some((k, k + 3))
        }
        "grazed" => Some((k, k + 1)),
        _ => None,
    }
}

fn is_singular_noun(k: &str) -> bool {
    matches!(
        k,
        "man"
            | "woman"
            | "old"
            | "teen"
            | "teenager"
            | "boy"
            | "girl"
            | "child"
            | "person"
            | "officer"
            | "deputy"
            | "trooper"
            | "toddler"
            | "baby"
            | "infant"
            | "student"
            | "driver"
            | "motorist"
            | "victim"
            | "resident"
            | "clerk"
            | "employee"
            | "suspect"
            | "gunman"
            | "father"
            | "mother"
            | "son"
            | "daughter"
            | "wife"
            | "husband"
            | "brother"
            | "sister"
            | "neighbor"
            | "customer"
            | "soldat"
            | "civil"
            | "homme"
            | "femme"
            | "enfant"
            | "policier"
            | "journaliste"
    )
}

fn is_plural_subject(ws: &[Word], k: usize) -> bool {
    let prev = ws[k - 1].key.as_str();
    matches!(
        prev,
        "people"
            | "men"
            | "women"
            | "both"
            | "they"
            | "victims"
            | "children"
            | "others"
            | "all"
            | "teens"
            | "officers"
    )
}

/// The victim noun just before a singular verb, if any (`a man was shot`).
fn subject_victims(ws: &[Word], verb: usize, text: &str) -> Victims {
    let from = verb.saturating_sub(3);
    for i in (from..verb).rev() {
        if let Some((v, _)) = victims::victims_at(ws, i, text) {
            if v.category.is_some() {
                return v;
            }
        }
    }
    Victims::default()
}

/// Whether the figure at `start` is a running toll.
fn is_cumulative(ws: &[Word], start: usize) -> bool {
    for (i, w) in ws.iter().enumerate() {
        match w.key.as_str() {
            "depuis" | "since" => {
                let death = is_any(ws, i + 1, &["la", "the"])
                    && is_any(ws, i + 2, &["mort", "death", "deaths", "killing"]);
                if !death {
                    return true;
                }
            }
            "total" if i > 0 && is_any(ws, i - 1, &["au", "in"]) => return true,
            "far" if i > 0 && is(ws, i - 1, "so") => return true,
            "date" if i > 0 && is(ws, i - 1, "to") => return true,
            "bilan" | "bilans" | "toll" | "guerre" | "war" if i < start => return true,
            _ => {}
        }
    }
    false
}

/// A place: `à`/`au`/`dans`/`sur`/`in`/`at`/`near` and capitalised words,
/// after the figure first, else anywhere in the sentence.
fn place_near(ws: &[Word], text: &str, start: usize) -> Option<String> {
    let find = |from: usize, to: usize| {
        (from..to).find_map(|i| {
            if !is_any(
                ws,
                i,
                &["a", "au", "aux", "dans", "sur", "in", "at", "near", "pres"],
            ) {
                return None;
            }
            let mut j = i + 1;
            if is_any(ws, j, &["la", "le", "l'", "les", "the"])
                && ws.get(j + 1).is_some_and(|w| w.cap)
            {
                j += 1;
            }
            let s = j;
            while j < ws.len()
                && ws[j].cap
                && !(j > s && ws[j].before.breaks())
                && ws[j].kind == TokenKind::Word
            {
                j += 1;
            }
            if j == s || is_calendar(&ws[s].key) || ws[s].key == "afp" {
                return None;
            }
            Some(text[ws[s].span.start as usize..ws[j - 1].span.end as usize].to_string())
        })
    };
    find(start, ws.len()).or_else(|| find(0, start))
}

fn is_calendar(k: &str) -> bool {
    is_weekday(k) || is_month(k)
}

pub(crate) fn is_weekday(k: &str) -> bool {
    matches!(
        k,
        "lundi"
            | "mardi"
            | "mercredi"
            | "jeudi"
            | "vendredi"
            | "samedi"
            | "dimanche"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "hier"
            | "yesterday"
    )
}

pub(crate) fn is_month(k: &str) -> bool {
    matches!(
        k,
        "janvier"
            | "fevrier"
            | "mars"
            | "avril"
            | "mai"
            | "juin"
            | "juillet"
            | "aout"
            | "septembre"
            | "octobre"
            | "novembre"
            | "decembre"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// Every weekday and `17 octobre` / `October 17` phrase of the sentence, in order.
fn date_phrases(ws: &[Word]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let k = ws[i].key.as_str();
        if is_weekday(k) {
            let e = if is_any(
                ws,
                i + 1,
                &["soir", "matin", "night", "morning", "evening", "afternoon"],
            ) {
                i + 2
            } else {
                i + 1
            };
            out.push((i, e));
            i = e;
            continue;
        }
        if ws[i].kind == TokenKind::Number
            && ws
                .get(i + 1)
                .is_some_and(|w| is_month(&w.key) && k.len() <= 2)
        {
            let s = if i > 0 && is(ws, i - 1, "le") {
                i - 1
            } else {
                i
            };
            out.push((s, i + 2));
            i += 2;
            continue;
        }
        if is_month(k)
            && k != "may"
            && k != "mai"
            && ws
                .get(i + 1)
                .is_some_and(|w| w.kind == TokenKind::Number && w.key.len() <= 2)
        {
            out.push((i, i + 2));
            i += 2;
            continue;
        }
        i += 1;
    }
    out
}

/// The date phrase closest to the figure at words `start..end` (a running
/// toll "depuis le 27 septembre" and its part "dont 5 depuis dimanche" each
/// keep their own), the earlier one on ties.
fn nearest(phrases: &[(usize, usize)], start: usize, end: usize) -> Option<(usize, usize)> {
    phrases.iter().copied().min_by_key(|&(s, e)| {
        if e <= start {
            start - e
        } else {
            s.saturating_sub(end)
        }
    })
}

#[cfg(test)]
mod tests;
