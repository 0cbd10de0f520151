//! Text processing for veille: cleaning, language, sentences, tokens, stems.
//!
//! Everything here is a pure function of its input text: no IO, no global
//! state beyond lazily built tables.
//!
//! ```
//! use veille_model::{Format, Origin, RawDoc};
//! use veille_text::{Analyser, Cleaner};
//!
//! let body = " date 2020-10 Karabakh : les combats continuent\n\n\
//!             M. Poutine a appelé à l’arrêt des combats. Bakou a refusé.\n\nAFP";
//! let raw = RawDoc::new("x", Origin { path: "x.txt".into(), line: None }, Format::Text, body.into());
//! let clean = Cleaner::default().clean(raw);
//! assert_eq!(clean.title.as_deref(), Some("Karabakh : les combats continuent"));
//! assert_eq!(clean.published.map(|d| d.to_string()).as_deref(), Some("2020-10"));
//! let doc = Analyser::default().analyse(clean);
//! assert_eq!(doc.lang.code, "fr");
//! assert_eq!(doc.sentence_text(0), "M. Poutine a appelé à l'arrêt des combats.");
//! assert_eq!(doc.sentences.len(), 2);
//! ```

mod analyse;
pub mod calendar;
mod clean;
mod lang;
mod sentences;
mod stems;
mod tokens;
mod wordbreak;

pub use analyse::{content_hash, Analyser};
pub use clean::{Cleaner, CleanerConfig};
pub use lang::{detect_language, normalise_lang_tag, undetermined};
pub use sentences::{paragraphs, SentenceSplitter, MAX_QUOTE_BYTES};
pub use stems::{is_stop_word, Stemmer};
pub use tokens::{fold, fold_into, folded_words, tokenize, Token, TokenKind};
