//! The analysis entry point: language, paragraphs, sentences, content hash.
//!
//! The language is whatlang's on the clean text (with the title when the text
//! alone is too short); the source's declared language (`RawDoc::lang_hint`)
//! is used only when detection gives `und`, with confidence 0. The content
//! hash is xxh3-128 over the folded words of the title and the text
//! ([`content_hash`]): documents that differ only in case, accents, quote
//! style, white space or punctuation hash the same.

use crate::lang::{detect_language, normalise_lang_tag};
use crate::sentences::SentenceSplitter;
use crate::tokens::fold_into;
use veille_model::{AnalysedDoc, CleanDoc, Lang};
use xxhash_rust::xxh3::Xxh3;

/// Turns a [`CleanDoc`] into an [`AnalysedDoc`]. Stateless, cheap, `Sync`.
#[derive(Debug, Clone, Default)]
pub struct Analyser {
    _private: (),
}

impl Analyser {
    pub fn new() -> Analyser {
        Analyser::default()
    }

    pub fn analyse(&self, clean: CleanDoc) -> AnalysedDoc {
        let lang = self.language(&clean);
        let splitter = SentenceSplitter::for_lang(&lang.code);
        let (paragraphs, sentences) = splitter.split(&clean.text);
        let content_hash = content_hash(clean.title.as_deref(), &clean.text);
        AnalysedDoc {
            clean,
            lang,
            paragraphs,
            sentences,
            content_hash,
        }
    }

    fn language(&self, clean: &CleanDoc) -> Lang {
        let mut lang = detect_language(&clean.text);
        if lang.code == "und" {
            if let Some(title) = clean.title.as_deref().filter(|t| !t.is_empty()) {
                lang = detect_language(&format!("{title}\n\n{}", clean.text));
            }
        }
        if lang.code == "und" {
            if let Some(code) = clean.raw.lang_hint.as_deref().and_then(normalise_lang_tag) {
                lang = Lang {
                    code,
                    confidence: 0.0,
                };
            }
        }
        lang
    }
}

/// Hex xxh3-128 digest of the folded title and text: letters and digits
/// folded as [`crate::fold`] does (lowercase, no accents), every run of other
/// characters (spaces, punctuation, apostrophes) as one space, title and text
/// apart.
pub fn content_hash(title: Option<&str>, text: &str) -> String {
    let mut hasher = Xxh3::new();
    let mut buf = String::with_capacity(text.len() + 64);
    for part in [title.unwrap_or(""), text] {
        buf.clear();
        fold_words(part, &mut buf);
        hasher.update(buf.as_bytes());
        hasher.update(b"\n");
    }
    format!("{:032x}", hasher.digest128())
}

/// Appends the folded words of `text`, one space between words.
fn fold_words(text: &str, out: &mut String) {
    let mut pending_space = false;
    let mut utf8 = [0u8; 4];
    for c in text.chars() {
        if !c.is_alphanumeric() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            fold_into(c.encode_utf8(&mut utf8), out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::Cleaner;
    use veille_model::{Format, Origin, RawDoc};

    fn doc(body: &str) -> RawDoc {
        RawDoc::new(
            "t",
            Origin {
                path: "t.txt".into(),
                line: None,
            },
            Format::Text,
            body.to_string(),
        )
    }

    #[test]
    fn same_content_same_hash() {
        let a = content_hash(Some("Titre"), "L’Arménie  accuse.");
        let b = content_hash(Some("titre"), "l'Armenie accuse !");
        let c = content_hash(Some("Titre"), "L'Arménie dément.");
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.len(), 32);
        assert_ne!(
            content_hash(Some("a b"), "c"),
            content_hash(Some("a"), "b c")
        );
    }

    #[test]
    fn falls_back_on_the_declared_language() {
        let mut raw = doc("Ok.");
        raw.lang_hint = Some("fr-FR".into());
        let a = Analyser::new().analyse(Cleaner::default().clean(raw));
        assert_eq!(a.lang.code, "fr");
        assert_eq!(a.lang.confidence, 0.0);

        let mut raw = doc("The ministry said on Wednesday that the shelling had killed several civilians in the town.");
        raw.lang_hint = Some("fr".into());
        let a = Analyser::new().analyse(Cleaner::default().clean(raw));
        assert_eq!(a.lang.code, "en");
    }

    #[test]
    fn analyses_an_empty_document() {
        let a = Analyser::new().analyse(Cleaner::default().clean(doc("")));
        assert_eq!(a.lang.code, "und");
        assert!(a.paragraphs.is_empty() && a.sentences.is_empty());
    }
}
