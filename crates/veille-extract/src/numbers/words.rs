//! The word view the claim extractors scan: tokens with their folded key,
//! capitalisation and the punctuation that separates them from the previous
//! token (commas and clause breaks matter to attribution).

use veille_model::Span;
use veille_text::{fold_into, tokenize, TokenKind};

/// One token of a sentence, with spans relative to the sentence text.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub span: Span,
    /// Lowercase, accent-free form (`tuées` → `tuees`, `L’` → `l'`).
    pub key: String,
    pub kind: TokenKind,
    /// The first letter is uppercase.
    pub cap: bool,
    /// What separates this word from the previous one.
    pub before: Gap,
}

/// Punctuation found between two words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Gap {
    /// A comma.
    pub comma: bool,
    /// A clause break: `;`, `:`, `(`, `)`, `—`, a sentence end, a newline.
    pub stop: bool,
    /// A quotation mark (`«`, `»`, `"`, `“`, `”`).
    pub quote: bool,
    /// Only one plain or non-breaking space (used to join `5 000`).
    pub single_space: bool,
    /// A hyphen joins the two words (`vingt-et-un`, `25-year-old`).
    pub hyphen: bool,
}

impl Gap {
    fn of(between: &str) -> Gap {
        let mut g = Gap {
            single_space: matches!(between, " " | "\u{a0}" | "\u{202f}"),
            hyphen: between == "-",
            ..Gap::default()
        };
        for c in between.chars() {
            match c {
                ',' => g.comma = true,
                ';' | ':' | '(' | ')' | '—' | '–' | '.' | '!' | '?' | '\n' | '[' | ']' => {
                    g.stop = true
                }
                '«' | '»' | '"' | '“' | '”' => g.quote = true,
                _ => {}
            }
        }
        g
    }

    /// Any punctuation that breaks a phrase.
    pub fn breaks(&self) -> bool {
        self.comma || self.stop || self.quote
    }
}

/// Titles written before a name with a full stop (`Mr. Obama`, `Gov. Mike
/// Pence`, `M. Pachinian`, `Dr Smith` needs none): the stop after them does not
/// end a phrase.
const TITLES: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Me", "Mgr", "Dr", "Pr", "Mr", "Mrs", "Ms", "Messrs", "Gov",
    "Sen", "Rep", "Gen", "Lt", "Col", "Sgt", "Capt", "Cmdr", "Adm", "Maj", "Prof", "Rev", "Hon",
    "St", "Pres", "Amb", "Supt", "Insp", "Det", "Cpl", "Pvt",
];

/// Whether the token `prev` followed by `between` is a title or an initial
/// (`Donald J. Trump`) rather than the end of a sentence.
fn title_stop(prev: &str, between: &str) -> bool {
    between.trim_start_matches('.').trim().is_empty()
        && between.starts_with('.')
        && (TITLES.contains(&prev)
            || (prev.chars().count() == 1 && prev.chars().all(char::is_uppercase)))
}

/// The words of `text` with spans relative to `text`.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let toks = tokenize(text);
    let mut out = Vec::with_capacity(toks.len());
    let mut prev_end = 0usize;
    let mut prev = "";
    for t in toks {
        let r = t.span.range();
        let s = &text[r.clone()];
        let mut key = String::with_capacity(s.len());
        fold_into(s, &mut key);
        let between = text.get(prev_end..r.start).unwrap_or("");
        let mut before = Gap::of(between);
        let cap = s.chars().next().is_some_and(char::is_uppercase);
        if before.stop && cap && title_stop(prev, between) {
            before.stop = false;
        }
        out.push(Word {
            span: t.span,
            key,
            kind: t.kind,
            cap,
            before,
        });
        prev_end = r.end;
        prev = s;
    }
    out
}

/// Whether the word at `i` has key `k` (false past the end).
pub(crate) fn is(ws: &[Word], i: usize, k: &str) -> bool {
    ws.get(i).is_some_and(|w| w.key == k)
}

/// Whether the word at `i` has one of `keys`.
pub(crate) fn is_any(ws: &[Word], i: usize, keys: &[&str]) -> bool {
    ws.get(i).is_some_and(|w| keys.contains(&w.key.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_or_an_initial_does_not_break_a_name() {
        let ws = words("Mr. Obama and Donald J. Trump met M. Pachinian. Then Gov. Pence left.");
        let stops: Vec<&str> = ws
            .iter()
            .filter(|w| w.before.stop)
            .map(|w| w.key.as_str())
            .collect();
        assert_eq!(stops, ["then"]);
        // a stop after an ordinary word still ends the phrase
        assert!(words("He met Obama. Trump left.")[3].before.stop);
    }

    #[test]
    fn records_punctuation_between_words() {
        let text = "21 civils, selon Bakou; 5 000 morts";
        let ws = words(text);
        let keys: Vec<_> = ws.iter().map(|w| w.key.as_str()).collect();
        assert_eq!(
            keys,
            ["21", "civils", "selon", "bakou", "5", "000", "morts"]
        );
        assert!(ws[2].before.comma);
        assert!(ws[4].before.stop);
        assert!(ws[5].before.single_space);
        assert!(ws[3].cap);
    }
}
