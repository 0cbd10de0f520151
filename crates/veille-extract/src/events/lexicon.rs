//! The cue lists: parsed once from `cues_fr.txt` and `cues_en.txt`, stemmed
//! with the language's Snowball stemmer, and matched against sentence stems.
//!
//! Stems conflate more than inflections, so two sentence words never match a
//! cue word even when their stems do:
//! - a word ending in `-ment(s)` matches only a cue word that ends so too:
//!   `manifestement` (an adverb) is not `manifester`, `déplacement` (a trip)
//!   is not `déplacés`, while `bombardements` is `bombardement` (and the noun
//!   cue still covers `bombardé`);
//! - a capitalised word inside a sentence that is not in title case is a
//!   name and matches no one-word cue: `La Réunion` (the island) is no
//!   `réunion` (cues of several words, `groupe de Minsk`, may be names).

use super::EventType;
use std::collections::HashSet;
use std::sync::OnceLock;
use veille_model::Span;
use veille_text::{fold, tokenize, Stemmer};

/// A word of a sentence: its stem and span in the sentence.
#[derive(Debug, Clone)]
pub(crate) struct StemWord {
    pub stem: String,
    pub span: Span,
    /// The word ends in `-ment` or `-ments` (an adverb or a verbal noun).
    pub ment: bool,
    /// A capitalised word inside a sentence not in title case: a name.
    pub name: bool,
}

impl StemWord {
    /// Whether this sentence word can be the cue word `stem` (whose written
    /// form ends in `-ment(s)` when `cue_ment`); names only match cues of
    /// several words (`groupe de Minsk` is a name and a cue).
    fn is(&self, stem: &str, cue_ment: bool, names_ok: bool) -> bool {
        self.stem == stem && (names_ok || !self.name) && (!self.ment || cue_ment)
    }
}

fn ends_in_ment(folded: &str) -> bool {
    folded.ends_with("ment") || folded.ends_with("ments")
}

/// How far (in words) each cue word may be from the previous one.
const MAX_GAP: usize = 3;

/// One cue: stems in order, and context phrases one of which must occur.
#[derive(Debug, Clone)]
pub(crate) struct Cue {
    pub event_type: EventType,
    pub words: Vec<String>,
    /// For each word: its written form ends in `-ment(s)`.
    pub ment: Vec<bool>,
    /// Each phrase (`cessez-le-feu` → `cess le feu`) must occur as a run of
    /// consecutive words.
    pub context: Vec<Vec<String>>,
}

/// The first match of `words` in `ws`, each word within `gap` words of the
/// previous one: (first, last index). `ment` flags the cue words written
/// with `-ment(s)`; `None` (context phrases) compares stems only.
fn find_run(
    words: &[String],
    ment: Option<&[bool]>,
    ws: &[StemWord],
    gap: usize,
) -> Option<(usize, usize)> {
    let ok = |w: &StemWord, k: usize| match ment {
        Some(m) => w.is(
            &words[k],
            m.get(k).copied().unwrap_or(false),
            words.len() > 1,
        ),
        None => w.stem == words[k],
    };
    words.first()?;
    'start: for s in 0..ws.len() {
        if !ok(&ws[s], 0) {
            continue;
        }
        let mut at = s;
        for k in 1..words.len() {
            let end = (at + 1 + gap).min(ws.len());
            match (at + 1..end).find(|&j| ok(&ws[j], k)) {
                Some(j) => at = j,
                None => continue 'start,
            }
        }
        return Some((s, at));
    }
    None
}

impl Cue {
    /// The word range (first, last index) of the first match in `ws`, whose
    /// stems are `present`: a cue one of whose words (or each of whose
    /// context phrases) is missing from it is passed over without a scan.
    pub fn find(&self, ws: &[StemWord], present: &HashSet<&str>) -> Option<(usize, usize)> {
        let all_in = |words: &[String]| words.iter().all(|w| present.contains(w.as_str()));
        if !all_in(&self.words)
            || !self.context.is_empty() && !self.context.iter().any(|c| all_in(c))
        {
            return None;
        }
        if !self.context.is_empty()
            && !self
                .context
                .iter()
                .any(|c| find_run(c, None, ws, 1).is_some())
        {
            return None;
        }
        find_run(&self.words, Some(&self.ment), ws, MAX_GAP)
    }
}

fn stem_words(text: &str, stemmer: Option<&Stemmer>) -> Vec<StemWord> {
    let tokens = tokenize(text);
    let capitalised =
        |t: &veille_text::Token| t.text(text).chars().next().is_some_and(char::is_uppercase);
    let alphabetic: Vec<_> = tokens
        .iter()
        .filter(|t| t.text(text).chars().next().is_some_and(char::is_alphabetic))
        .collect();
    // a headline in title case capitalises its content words: no names then
    let title_case = alphabetic.len() >= 3
        && alphabetic.iter().filter(|t| capitalised(t)).count() * 2 > alphabetic.len();
    tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let folded = fold(t.text(text));
            let folded = folded.trim_end_matches('\'');
            let stem = match stemmer {
                Some(s) => s.stem(folded).into_owned(),
                None => folded.to_string(),
            };
            StemWord {
                stem,
                span: t.span,
                ment: ends_in_ment(folded),
                name: i > 0 && !title_case && capitalised(t),
            }
        })
        .collect()
}

/// Why a cue line is malformed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadCue(pub usize);

/// Parses a cue list (`type<TAB>words[<TAB>context]`, `#` comments).
pub(crate) fn parse(list: &str, stemmer: Option<&Stemmer>) -> Result<Vec<Cue>, BadCue> {
    let mut out = Vec::new();
    for (n, line) in list.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let ty = fields
            .next()
            .and_then(EventType::parse)
            .ok_or(BadCue(n + 1))?;
        let cue_words = stem_words(fields.next().unwrap_or(""), stemmer);
        let ment: Vec<bool> = cue_words.iter().map(|w| w.ment).collect();
        let words: Vec<String> = cue_words.into_iter().map(|w| w.stem).collect();
        if words.is_empty() {
            return Err(BadCue(n + 1));
        }
        let context = fields
            .next()
            .unwrap_or("")
            .split_whitespace()
            .map(|phrase| {
                stem_words(phrase, stemmer)
                    .into_iter()
                    .map(|w| w.stem)
                    .collect::<Vec<_>>()
            })
            .filter(|p| !p.is_empty())
            .collect();
        if fields.next().is_some() {
            return Err(BadCue(n + 1));
        }
        out.push(Cue {
            event_type: ty,
            words,
            ment,
            context,
        });
    }
    Ok(out)
}

pub(crate) const FRENCH: &str = include_str!("cues_fr.txt");
pub(crate) const ENGLISH: &str = include_str!("cues_en.txt");

fn french() -> &'static [Cue] {
    static L: OnceLock<Vec<Cue>> = OnceLock::new();
    L.get_or_init(|| parse(FRENCH, Stemmer::for_lang("fr").as_ref()).expect("cues_fr.txt parses"))
}

fn english() -> &'static [Cue] {
    static L: OnceLock<Vec<Cue>> = OnceLock::new();
    L.get_or_init(|| parse(ENGLISH, Stemmer::for_lang("en").as_ref()).expect("cues_en.txt parses"))
}

/// The cue lists for a language: its own, or both when it is neither French
/// nor English (each list then matches words stemmed its own way).
pub(crate) fn lexicon(lang: &str) -> Vec<&'static [Cue]> {
    match primary(lang) {
        "fr" => vec![french()],
        "en" => vec![english()],
        _ => vec![french(), english()],
    }
}

fn primary(lang: &str) -> &str {
    lang.split(['-', '_']).next().unwrap_or(lang)
}

/// The stems of a sentence for matching: French or English stems, or for
/// another language the folded words (matched against both lists, whose
/// single-word cues then only meet unstemmed forms).
pub(crate) fn stems_of(text: &str, lang: &str) -> Vec<StemWord> {
    match primary(lang) {
        "fr" | "en" => stem_words(text, Stemmer::for_lang(lang).as_ref()),
        _ => stem_words(text, None),
    }
}
