//! Snowball stems (rust-stemmers 1.2) and French and English stop words.
//!
//! Stems are computed on folded words ([`crate::fold`]: lowercase, no
//! accents), so that "Arménie" and "armenie" meet. Snowball's French stemmer
//! expects accents; on folded input it still conflates the plural and verb
//! forms news comparison needs (bombardements/bombardement → bombard), and
//! its known gaps stay (STACK.md §2.2: "accusent" is left whole). There is no
//! Armenian or Azerbaijani Snowball stemmer: [`Stemmer::for_lang`] is `None`
//! for them, and callers compare folded words.
//!
//! Stop words are small hand lists (`stopwords/fr.txt`, `stopwords/en.txt`,
//! folded, one a line): function words only, no news vocabulary.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

/// A Snowball stemmer for one language.
pub struct Stemmer {
    lang: &'static str,
    inner: rust_stemmers::Stemmer,
}

impl fmt::Debug for Stemmer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Stemmer").field("lang", &self.lang).finish()
    }
}

impl Stemmer {
    /// The stemmer for an ISO 639-1 code (`fr`, `en`, `de`, `es`, `it`, `pt`,
    /// `nl`, `ru`, `tr`, `ar`, `da`, `fi`, `el`, `hu`, `no`/`nb`, `ro`, `sv`,
    /// `ta`); a region suffix is ignored (`fr-FR`). `None` for other languages.
    pub fn for_lang(code: &str) -> Option<Stemmer> {
        use rust_stemmers::Algorithm as A;
        let primary = code.split(['-', '_']).next().unwrap_or(code);
        let (lang, algorithm) = match primary.to_ascii_lowercase().as_str() {
            "fr" => ("fr", A::French),
            "en" => ("en", A::English),
            "de" => ("de", A::German),
            "es" => ("es", A::Spanish),
            "it" => ("it", A::Italian),
            "pt" => ("pt", A::Portuguese),
            "nl" => ("nl", A::Dutch),
            "ru" => ("ru", A::Russian),
            "tr" => ("tr", A::Turkish),
            "ar" => ("ar", A::Arabic),
            "da" => ("da", A::Danish),
            "fi" => ("fi", A::Finnish),
            "el" => ("el", A::Greek),
            "hu" => ("hu", A::Hungarian),
            "no" | "nb" | "nn" => ("no", A::Norwegian),
            "ro" => ("ro", A::Romanian),
            "sv" => ("sv", A::Swedish),
            "ta" => ("ta", A::Tamil),
            _ => return None,
        };
        Some(Stemmer {
            lang,
            inner: rust_stemmers::Stemmer::create(algorithm),
        })
    }

    /// The language code this stemmer was built for.
    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// The stem of a folded word.
    pub fn stem<'a>(&self, folded_word: &'a str) -> Cow<'a, str> {
        self.inner.stem(folded_word)
    }
}

static FRENCH: OnceLock<HashSet<&'static str>> = OnceLock::new();
static ENGLISH: OnceLock<HashSet<&'static str>> = OnceLock::new();

fn load(list: &'static str) -> HashSet<&'static str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Whether a folded word is a stop word of a language (`fr` or `en`; always
/// `false` for other languages). Elided forms match with or without their
/// apostrophe (`l'`, `l`, `qu'`).
pub fn is_stop_word(lang: &str, folded: &str) -> bool {
    let set = match lang {
        "fr" => FRENCH.get_or_init(|| load(include_str!("stopwords/fr.txt"))),
        "en" => ENGLISH.get_or_init(|| load(include_str!("stopwords/en.txt"))),
        _ => return false,
    };
    set.contains(folded) || set.contains(folded.trim_end_matches('\''))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold;

    #[test]
    fn stems_french_news_words() {
        let s = Stemmer::for_lang("fr").expect("french");
        assert_eq!(s.stem("bombardements"), s.stem("bombardement"));
        assert_eq!(s.stem("manifestations"), s.stem("manifestants"));
        assert_eq!(s.stem(&fold("tués")), s.stem("tuer"));
    }

    #[test]
    fn stems_other_languages() {
        let en = Stemmer::for_lang("en-GB").expect("english");
        assert_eq!(en.stem("killings"), en.stem("killing"));
        for code in ["de", "es", "it", "pt", "nl", "ru", "tr", "ar"] {
            let s = Stemmer::for_lang(code).expect(code);
            assert_eq!(s.lang(), code);
        }
        assert!(Stemmer::for_lang("hy").is_none());
        assert!(Stemmer::for_lang("az").is_none());
        assert!(Stemmer::for_lang("").is_none());
    }

    #[test]
    fn stop_words() {
        for w in ["le", "la", "des", "l'", "qu'", "a", "ete", "dans"] {
            assert!(is_stop_word("fr", w), "{w}");
        }
        for w in ["armenie", "bombardement", "morts", "paix"] {
            assert!(!is_stop_word("fr", w), "{w}");
        }
        for w in ["the", "of", "was", "and"] {
            assert!(is_stop_word("en", w), "{w}");
        }
        assert!(!is_stop_word("en", "shooting"));
        assert!(!is_stop_word("de", "der"));
    }
}
