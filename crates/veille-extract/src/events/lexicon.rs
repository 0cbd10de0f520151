//! The cue lists: parsed once from `cues_fr.txt` and `cues_en.txt`, stemmed
//! with the language's Snowball stemmer, and matched against sentence stems.

use super::EventType;
use std::sync::OnceLock;
use veille_model::Span;
use veille_text::{fold, tokenize, Stemmer};

/// A word of a sentence: its stem and span in the sentence.
#[derive(Debug, Clone)]
pub(crate) struct StemWord {
    pub stem: String,
    pub span: Span,
}

/// How far (in words) each cue word may be from the previous one.
const MAX_GAP: usize = 3;

/// One cue: stems in order, and context phrases one of which must occur.
#[derive(Debug, Clone)]
pub(crate) struct Cue {
    pub event_type: EventType,
    pub words: Vec<String>,
    /// Each phrase (`cessez-le-feu` → `cess le feu`) must occur as a run of
    /// consecutive words.
    pub context: Vec<Vec<String>>,
}

/// The first match of `words` in `ws`, each word within `gap` words of the
/// previous one: (first, last index).
fn find_run(words: &[String], ws: &[StemWord], gap: usize) -> Option<(usize, usize)> {
    let first = words.first()?;
    'start: for s in 0..ws.len() {
        if ws[s].stem != *first {
            continue;
        }
        let mut at = s;
        for w in &words[1..] {
            let end = (at + 1 + gap).min(ws.len());
            match (at + 1..end).find(|&j| ws[j].stem == *w) {
                Some(j) => at = j,
                None => continue 'start,
            }
        }
        return Some((s, at));
    }
    None
}

impl Cue {
    /// The word range (first, last index) of the first match in `ws`.
    pub fn find(&self, ws: &[StemWord]) -> Option<(usize, usize)> {
        if !self.context.is_empty() && !self.context.iter().any(|c| find_run(c, ws, 1).is_some()) {
            return None;
        }
        find_run(&self.words, ws, MAX_GAP)
    }
}

fn stem_words(text: &str, stemmer: Option<&Stemmer>) -> Vec<StemWord> {
    tokenize(text)
        .into_iter()
        .map(|t| {
            let folded = fold(t.text(text));
            let folded = folded.trim_end_matches('\'');
            let stem = match stemmer {
                Some(s) => s.stem(folded).into_owned(),
                None => folded.to_string(),
            };
            StemWord { stem, span: t.span }
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
        let words: Vec<String> = stem_words(fields.next().unwrap_or(""), stemmer)
            .into_iter()
            .map(|w| w.stem)
            .collect();
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
