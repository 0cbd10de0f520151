//! Cheap entity-like features until real named entities are available:
//! capitalised words that do not open a sentence (`Barda`, `Stepanakert`,
//! `Allen Ormond Jr`), folded. Each capitalised word is a feature, and so is
//! each run of two or more, so that "Ormond" still matches "Allen Ormond".
//!
//! This file is meant to be replaced: callers that have canonical entity
//! keys put them in `ClusterDoc::entities`, and these features are then not
//! computed at all.

use super::stopwords::is_stop_word;
use veille_text::{fold, tokenize, Token, TokenKind};

/// Characters after which the next word opens a sentence (or a quote, a
/// heading, a list item), so its capital says nothing.
fn opens_sentence(gap: &str) -> bool {
    gap.contains(['.', '!', '?', '\n', ':', '«', '"', '“', '—', '|', '•'])
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a title is in Title Case (English headlines), where capitals are
/// not evidence of a name.
pub fn is_title_case(title: &str) -> bool {
    let words: Vec<&str> = title
        .split_whitespace()
        .filter(|w| w.chars().count() > 3)
        .collect();
    let caps = words.iter().filter(|w| is_capitalised(w)).count();
    words.len() >= 3 && caps * 2 > words.len()
}

/// Also counts a capitalised sentence opener (a title's first word, say)
/// when the same word is a name elsewhere among `known`.
pub fn add_known_openers(text: &str, tokens: &[Token], known: &mut Vec<String>) {
    let mut extra = Vec::new();
    let mut prev_end = 0;
    for (i, tok) in tokens.iter().enumerate() {
        let gap = text.get(prev_end..tok.span.start as usize).unwrap_or("");
        prev_end = tok.span.end as usize;
        let word = tok.text(text);
        if (i == 0 || opens_sentence(gap)) && is_capitalised(word) {
            let f = fold(word);
            if known.contains(&f) {
                extra.push(f);
            }
        }
    }
    known.extend(extra);
}

/// Appends the folded entity-like features of `text` to `out`, looking at
/// no more than `max_words` words.
pub fn entity_like(text: &str, max_words: usize, out: &mut Vec<String>) {
    entity_like_tokens(text, &tokenize(text), max_words, out);
}

/// [`entity_like`] over tokens already made from `text`.
pub fn entity_like_tokens(text: &str, tokens: &[Token], max_words: usize, out: &mut Vec<String>) {
    let mut run: Vec<String> = Vec::new();
    let mut prev_end = 0;
    let mut first = true;
    let flush = |run: &mut Vec<String>, out: &mut Vec<String>| {
        if run.len() >= 2 {
            out.push(run.join(" "));
        }
        run.clear();
    };
    for tok in tokens.iter().take(max_words) {
        let word = tok.text(text);
        let gap = text.get(prev_end..tok.span.start as usize).unwrap_or("");
        prev_end = tok.span.end as usize;
        let starts = first || opens_sentence(gap);
        first = false;
        if !gap.trim().is_empty() && !gap.trim().chars().all(|c| c == '-' || c == '\'') {
            // punctuation other than a hyphen ends a name
            flush(&mut run, out);
        }
        let folded = fold(word);
        let is_name = tok.kind == TokenKind::Word
            && is_capitalised(word)
            && !starts
            && folded.chars().count() > 1
            && !is_stop_word(&folded);
        if is_name {
            out.push(folded.clone());
            run.push(folded);
        } else if !(starts && is_capitalised(word)) || is_stop_word(&folded) {
            flush(&mut run, out);
        } else {
            // a capitalised sentence opener may still start a name run
            flush(&mut run, out);
            if !is_stop_word(&folded) && tok.kind == TokenKind::Word {
                run.push(folded);
            }
        }
    }
    flush(&mut run, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ents(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        entity_like(text, 1000, &mut out);
        out
    }

    #[test]
    fn finds_names_not_sentence_openers() {
        let e = ents("L’Azerbaïdjan a accusé l'Arménie. Des tirs ont visé Barda mercredi.");
        assert!(e.contains(&"azerbaidjan".to_string()), "{e:?}");
        assert!(e.contains(&"armenie".to_string()), "{e:?}");
        assert!(e.contains(&"barda".to_string()), "{e:?}");
        assert!(!e.contains(&"des".to_string()), "{e:?}");
    }

    #[test]
    fn joins_runs_of_capitalised_words() {
        let e = ents("Friday, Allen Ormond Jr and his friend Kevin Elkins appeared in court.");
        assert!(e.contains(&"allen ormond jr".to_string()), "{e:?}");
        assert!(e.contains(&"kevin elkins".to_string()), "{e:?}");
        assert!(e.contains(&"ormond".to_string()), "{e:?}");
        assert!(!e.contains(&"friday".to_string()), "{e:?}");
    }

    #[test]
    fn recognises_title_case_headlines() {
        assert!(is_title_case(
            "Two Men Charged After Baby Girl Accidentally Shot"
        ));
        assert!(!is_title_case(
            "Azerbaïdjan : une frappe aérienne fait 21 morts à Barda"
        ));
    }
}
