//! Which party a claimant or an actor stands for: `Erevan`, `l'Arménie`,
//! `les forces arméniennes` and `le gouvernement arménien` are all Armenia.
//! A small list of states, capitals and demonyms (`parties.txt`); anything
//! not in it is its own party, keyed by its folded content words.

use std::collections::HashMap;
use std::sync::OnceLock;
use veille_text::{fold, is_stop_word, tokenize};

fn table() -> &'static HashMap<String, &'static str> {
    static T: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::new();
        for line in include_str!("parties.txt").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((name, words)) = line.split_once('\t') else {
                continue;
            };
            for w in words.split_whitespace() {
                m.insert(fold(w), name);
            }
        }
        m
    })
}

/// The folded content words of a phrase (elisions and stop words dropped).
fn content_words(text: &str) -> Vec<String> {
    tokenize(text)
        .iter()
        .map(|t| fold(t.text(text)))
        .map(|w| w.trim_end_matches('\'').to_string())
        .filter(|w| w.len() > 1 && !is_stop_word("fr", w) && !is_stop_word("en", w))
        .collect()
}

/// The listed state or group a phrase designates, if any (`Erevan` →
/// Armenia); `None` for anyone else (`le dernier bilan`, a person).
pub fn listed_party(phrase: &str) -> Option<&'static str> {
    let words = content_words(phrase);
    let t = table();
    // hyphenated names (etats-unis) are split by the tokenizer: try pairs too
    for pair in words.windows(2) {
        if let Some(p) = t.get(&format!("{}-{}", pair[0], pair[1])) {
            return Some(p);
        }
    }
    words.iter().find_map(|w| t.get(w).copied())
}

/// The party a phrase names: a listed state or group when one of its words
/// designates one (the first such word wins), else its folded content words
/// without a plural `-s`, joined by spaces; `None` for a phrase of function words only.
pub fn party_of(phrase: &str) -> Option<String> {
    if let Some(p) = listed_party(phrase) {
        return Some(p.to_string());
    }
    let words = content_words(phrase);
    // unlisted: the words without a plural -s, so "des bilans officiels"
    // and "le bilan officiel" meet
    let singular: Vec<&str> = words
        .iter()
        .map(|w| w.strip_suffix('s').filter(|s| s.len() > 2).unwrap_or(w))
        .collect();
    (!singular.is_empty()).then(|| singular.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_demonyms_and_states_meet() {
        for p in [
            "Erevan",
            "l'Arménie",
            "les forces arméniennes",
            "Yerevan",
            "Armenian authorities",
        ] {
            assert_eq!(party_of(p).as_deref(), Some("Armenia"), "{p}");
        }
        for p in [
            "Bakou",
            "L’Azerbaïdjan",
            "le bureau du Procureur général azerbaïdjanais",
        ] {
            assert_eq!(party_of(p).as_deref(), Some("Azerbaijan"), "{p}");
        }
        assert_eq!(party_of("les Etats-Unis").as_deref(), Some("United States"));
        assert_eq!(party_of("la police").as_deref(), Some("police"));
        assert_eq!(
            party_of("des bilans officiels"),
            party_of("Le bilan officiel")
        );
        assert_eq!(party_of("le la"), None);
    }
}
