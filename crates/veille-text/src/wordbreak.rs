//! Unicode word boundaries (UAX #29) for the characters of Western European
//! news text, without the general tables.
//!
//! `unicode-segmentation`'s `unicode_word_indices` looks every character up
//! in the full word-break tables; on OrangeSum that lookup (with the
//! segmenter's state machine) was about a fifth of the clusterer's time
//! (`cargo xtask bench clustering` under `perf`). Almost every character of
//! a French or English article falls in a small set whose word-break classes
//! are known by heart: ASCII, the Latin-1 letters, Latin Extended-A/B, the
//! typographic quotes, dashes and spaces. [`word_indices`] segments such a
//! text with the rules of UAX #29 that can apply to those classes (WB5–WB13b)
//! and answers `None` as soon as the text holds any other character
//! (a combining mark, a soft hyphen, U+202F, Cyrillic, an emoji…), so the
//! caller falls back to the full segmenter. The property test in
//! `tokens.rs` checks both give the same words on texts mixing every class
//! with characters outside the set.
//!
//! Measured once (a throwaway test, release build, loaded machine): on the
//! 39,201 raw lines of OrangeSum and GVA the tokens are identical to the
//! full tables', 98% of the lines take this path, and tokenizing OrangeSum
//! took 3.6 s instead of 9.8 s.

/// The word-break class of a character of the known set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ALetter.
    Letter,
    /// Numeric.
    Digit,
    /// MidLetter: joins letters only (`:`, `·`).
    MidLetter,
    /// MidNum: joins digits only (`,`, `;`).
    MidNum,
    /// MidNumLet and Single_Quote: join letters or digits (`.`, `'`, `’`, `‘`).
    MidBoth,
    /// ExtendNumLet (`_`).
    Extend,
    /// Anything else of the set: a boundary on both sides, never a word.
    Other,
}

/// The class of `c`, or `None` when `c` is outside the known set.
fn class(c: char) -> Option<Class> {
    use Class::*;
    Some(match c {
        'A'..='Z' | 'a'..='z' => Letter,
        '0'..='9' => Digit,
        ':' => MidLetter,
        ',' | ';' => MidNum,
        '.' | '\'' => MidBoth,
        '_' => Extend,
        '\0'..='\x7f' => Other,
        // Latin-1: ª µ º and the letters are ALetter; × ÷ and the
        // punctuation are Other; the soft hyphen (Format), the superscript
        // digits and the fractions (alphanumeric but not Numeric) are left
        // to the full tables.
        '\u{aa}' | '\u{b5}' | '\u{ba}' => Letter,
        '\u{b7}' => MidLetter,
        '\u{ad}' | '\u{b2}' | '\u{b3}' | '\u{b9}' | '\u{bc}'..='\u{be}' => return None,
        '\u{d7}' | '\u{f7}' => Other,
        '\u{c0}'..='\u{ff}' => Letter,
        '\u{80}'..='\u{bf}' => Other,
        // Latin Extended-A and -B: all letters.
        '\u{100}'..='\u{24f}' => Letter,
        // General punctuation: spaces, dashes, quotes, ellipsis.
        '\u{2018}' | '\u{2019}' => MidBoth,
        '\u{2000}'..='\u{2006}'
        | '\u{2008}'..='\u{200a}'
        | '\u{2010}'..='\u{2017}'
        | '\u{201a}'..='\u{2023}'
        | '\u{2025}'..='\u{2026}'
        | '\u{2030}'..='\u{203e}'
        | '\u{20ac}' => Other,
        _ => return None,
    })
}

/// A word found by [`word_indices`]: its offset, its text, and what it is
/// made of (so the caller need not look at its characters again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word<'a> {
    pub start: usize,
    pub text: &'a str,
    pub letters: bool,
    pub digits: bool,
    /// Holds `'`, `’` or `‘` (a possible elision).
    pub quote: bool,
}

/// The words of `text` with their byte offsets, as `unicode_word_indices`
/// gives them, or `None` when `text` holds a character outside the set
/// this module knows.
pub(crate) fn word_indices(text: &str) -> Option<Vec<Word<'_>>> {
    let mut words = Vec::with_capacity(text.len() / 6);
    let mut it = text.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        let first = class(c)?;
        if !matches!(first, Class::Letter | Class::Digit | Class::Extend) {
            continue;
        }
        let mut w = Word {
            start,
            text: "",
            letters: first == Class::Letter,
            digits: first == Class::Digit,
            quote: false,
        };
        let mut last = first; // class of the last word character taken
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = it.peek() {
            let next = class(c)?;
            match next {
                Class::Letter | Class::Digit | Class::Extend => {
                    w.letters |= next == Class::Letter;
                    w.digits |= next == Class::Digit;
                    last = next;
                }
                Class::MidLetter | Class::MidNum | Class::MidBoth => {
                    // WB6/7 (letter mid letter) and WB11/12 (digit mid digit)
                    let mut ahead = it.clone();
                    ahead.next();
                    let after = match ahead.peek() {
                        Some(&(_, c)) => Some(class(c)?),
                        None => None,
                    };
                    let joins = matches!(
                        (last, next, after),
                        (
                            Class::Letter,
                            Class::MidLetter | Class::MidBoth,
                            Some(Class::Letter)
                        ) | (
                            Class::Digit,
                            Class::MidNum | Class::MidBoth,
                            Some(Class::Digit)
                        )
                    );
                    if !joins {
                        break;
                    }
                    w.quote |= matches!(c, '\'' | '\u{2019}' | '\u{2018}');
                }
                Class::Other => break,
            }
            end = i + c.len_utf8();
            it.next();
        }
        if w.letters || w.digits {
            w.text = &text[start..end];
            words.push(w);
        }
    }
    Some(words)
}
