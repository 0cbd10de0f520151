//! Text processing for veille: cleaning, language, sentences, tokens, stems.
//!
//! Everything here is a pure function of its input text: no IO, no global
//! state beyond lazily built tables.

mod tokens;

pub use tokens::{fold, fold_into, folded_words, tokenize, Token, TokenKind};
