//! Word tokens with byte spans, and the normal form used to compare them.
//!
//! Words come from Unicode word boundaries (UAX #29), then French elisions are
//! split off (`l'Arménie` → `l'` + `Arménie`, `qu'Erevan` → `qu'` + `Erevan`),
//! except in words where the apostrophe belongs (`aujourd'hui`). Tokens keep
//! their span in the text they came from; [`fold`] gives the comparison key:
//! lowercase, accents removed, typographic apostrophes made plain.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;
use veille_model::Span;

/// A word of a text: its span and whether it is made of letters, digits or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters only (apostrophes and inner hyphens allowed).
    Word,
    /// Digits, possibly with `.`/`,` separators inside ("1.120", "8,5").
    Number,
    /// Letters and digits mixed ("G20", "A320").
    Mixed,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.slice(text)
    }
}

/// Elided French articles and conjunctions, as they appear before the apostrophe.
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "lorsqu", "puisqu", "jusqu", "quoiqu", "presqu",
];

/// Words in which an apostrophe is part of the word and is never split.
const KEEP_WHOLE: &[&str] = &["aujourd'hui", "aujourd’hui", "prud'hommes", "prud’hommes"];

/// The word tokens of `text`, in order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6);
    match crate::wordbreak::word_indices(text) {
        Some(words) => {
            for w in words {
                if w.quote {
                    push_word(&mut out, w.start, w.text);
                } else {
                    let kind = match (w.letters, w.digits) {
                        (_, false) => TokenKind::Word,
                        (false, true) => TokenKind::Number,
                        (true, true) => TokenKind::Mixed,
                    };
                    let span = Span::new(w.start, w.start + w.text.len());
                    out.push(Token { span, kind });
                }
            }
        }
        None => text
            .unicode_word_indices()
            .for_each(|(start, word)| push_word(&mut out, start, word)),
    }
    out
}

fn push_word(out: &mut Vec<Token>, start: usize, word: &str) {
    if let Some(pos) = word.find(['\'', '’']) {
        let head = &word[..pos];
        let is_elision = ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(head));
        let keep = KEEP_WHOLE.iter().any(|k| k.eq_ignore_ascii_case(word));
        if is_elision && !keep {
            let apostrophe_len = word[pos..].chars().next().map_or(1, char::len_utf8);
            let split = pos + apostrophe_len;
            out.push(Token {
                span: Span::new(start, start + split),
                kind: TokenKind::Word,
            });
            if split < word.len() {
                push_word(out, start + split, &word[split..]);
            }
            return;
        }
    }
    out.push(Token {
        span: Span::new(start, start + word.len()),
        kind: kind_of(word),
    });
}

fn kind_of(word: &str) -> TokenKind {
    let (mut letters, mut digits) = (false, false);
    for c in word.chars() {
        if c.is_numeric() {
            digits = true;
        } else if c.is_alphabetic() {
            letters = true;
        }
    }
    match (letters, digits) {
        (_, false) => TokenKind::Word,
        (false, true) => TokenKind::Number,
        (true, true) => TokenKind::Mixed,
    }
}

/// The comparison key of a word: lowercase, without accents, with plain
/// apostrophes (`Azerbaïdjan` → `azerbaidjan`, `L’` → `l'`).
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// [`fold`] appending to a buffer, for hot loops.
pub fn fold_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        for b in word.bytes() {
            out.push(b.to_ascii_lowercase() as char);
        }
        return;
    }
    for c in word.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            '’' | 'ʼ' | '‘' | '`' => out.push('\''),
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            'ı' => out.push('i'),
            _ => out.extend(c.to_lowercase()),
        }
    }
}

/// The folded words of `text` (no numbers dropped, no stop words removed).
pub fn folded_words(text: &str) -> Vec<String> {
    tokenize(text).iter().map(|t| fold(t.text(text))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_french_elisions() {
        assert_eq!(
            words("L’Azerbaïdjan a accusé l'Arménie d'avoir tué qu'Erevan"),
            [
                "L’",
                "Azerbaïdjan",
                "a",
                "accusé",
                "l'",
                "Arménie",
                "d'",
                "avoir",
                "tué",
                "qu'",
                "Erevan"
            ]
        );
    }

    #[test]
    fn keeps_aujourdhui_whole() {
        assert_eq!(words("aujourd'hui peuplée"), ["aujourd'hui", "peuplée"]);
    }

    #[test]
    fn numbers_keep_their_separators() {
        let text = "près de 1.120 personnes, 8,5 millions, G20";
        let toks = tokenize(text);
        let kinds: Vec<_> = toks.iter().map(|t| (t.text(text), t.kind)).collect();
        assert!(kinds.contains(&("1.120", TokenKind::Number)));
        assert!(kinds.contains(&("8,5", TokenKind::Number)));
        assert!(kinds.contains(&("G20", TokenKind::Mixed)));
    }

    #[test]
    fn fold_removes_accents_and_case() {
        assert_eq!(fold("Azerbaïdjan"), "azerbaidjan");
        assert_eq!(fold("L’"), "l'");
        assert_eq!(fold("ŒUVRE"), "oeuvre");
        assert_eq!(fold("Şuşa"), "susa");
    }

    /// The reference: the full UAX #29 tables of `unicode-segmentation`.
    fn reference(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        for (start, word) in text.unicode_word_indices() {
            push_word(&mut out, start, word);
        }
        out
    }

    #[test]
    fn the_fast_segmenter_agrees_with_the_tables_on_the_seeds() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/seeds");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            assert_eq!(tokenize(&text), reference(&text));
        }
    }

    #[test]
    fn the_fast_segmenter_handles_the_joining_rules() {
        let text = "1.120,5 a.b l'Arménie a:b 3:4 a_1 _ __x 1.a a.1 x,y a·b ab:";
        assert!(crate::wordbreak::word_indices(text).is_some());
        assert_eq!(tokenize(text), reference(text));
        // outside the known set: the full tables answer
        assert!(crate::wordbreak::word_indices("Шуша 5\u{202f}000").is_none());
    }

    proptest::proptest! {
        #[test]
        fn the_fast_segmenter_agrees_with_the_tables(
            text in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Z", "é", "Œ", "ş", "ª", "µ", "0", "7", ".", ",", ";", ":", "'", "’", "‘",
                "·", "_", " ", "-", "«", "»", "…", "–", "\u{a0}", "\u{202f}", "\u{ad}", "²",
                "\u{301}", "ш", "×", "€", "\n", "\"", "🙂", "\u{200d}", "½", "ǀ",
            ]), 0..40)
        ) {
            let text: String = text.concat();
            proptest::prop_assert_eq!(tokenize(&text), reference(&text));
        }
    }

    #[test]
    fn spans_slice_back_to_words() {
        let text = "« Le caractère disproportionné » d’attaques";
        for t in tokenize(text) {
            assert!(!t.text(text).is_empty());
        }
    }
}
