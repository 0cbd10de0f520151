//! Paragraphs and sentences of a cleaned text.
//!
//! **Choice: our own rule-based splitter, not sentencex.** STACK.md measured
//! sentencex 0.1.33 as the best library on French quotes, but it, like every
//! library tried there, breaks "M. Poutine" and "sept. 2020". Measured here
//! (a scratch comparison on the cleaned seeds and the first 5,000 cleaned
//! OrangeSum articles, see reports/text-analysis.md): sentencex splits the
//! seeds after "M." twice ("… a assuré jeudi M." / "Pachinian."), and on
//! OrangeSum gives 5,222 sentences ours does not have, at least 825 of them
//! ending on an abbreviation or initial ("M.", "S.r.L.") and 2,667 cut
//! inside a quotation; it is also 3.6 times slower (0.195 s against 0.054 s
//! for 9.9 MB). An abbreviation merge pass on top of it would be the same
//! amount of rules as this splitter, so the rules below stand alone: they
//! handle the brief's cases directly, add no dependency, and run at about
//! 180 MB/s. On the five seeds they give the counts a reader gives (the
//! tests assert them).
//!
//! Rules:
//! - paragraphs are runs of non-blank lines; a paragraph end always ends a
//!   sentence, so a headline without final punctuation is one sentence;
//! - a sentence may end after `.`, `!`, `?` or `…` (and runs of them), with the
//!   closing quotes and brackets that follow (`! »`, `."`), when white space
//!   follows and the next word does not start with a lowercase letter
//!   (`… ." a-t-il dit` stays one sentence);
//! - not after an abbreviation (M., MM., Mme, Dr, Gen., sept., art., p.,
//!   No., …) nor after an initial (J.-Y., U.S., J. K.);
//! - not inside a quotation that closes later in the same paragraph
//!   (« … », “ … ” and paired straight quotes, up to [`MAX_QUOTE_BYTES`]):
//!   a quoted passage stays whole with its attribution;
//! - not after the rank of a list item (`: 12. Camenzind. 23. Huser.`, `1.
//!   Pourquoi ?`): one to three digits and a dot at a paragraph's start or
//!   after a colon, a semicolon, a sentence end or a closing bracket;
//! - numbers never split ("1.120", "8,5", "5 000": no white space after the dot);
//! - an AFP subheading run into the text (`… éleveurs. - "Pas grand chose" -
//!   La nouvelle …`, what the cleaner makes of OrangeSum's glued ones) is a
//!   sentence of its own.

use veille_model::{SentenceSpan, Span};

/// Quotations longer than this are not kept whole: a stray quote mark must not
/// swallow a paragraph.
pub const MAX_QUOTE_BYTES: usize = 800;

/// Titles and abbreviations written with a capital (compared exactly).
const CAPITAL_ABBREVIATIONS: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Drs", "Pr", "Me", "Mgr", "St", "Ste", "Mr",
    "Mrs", "Ms", "Env", "Messrs", "Jr", "Sr", "Gen", "Gén", "Lt", "Col", "Sgt", "Gov", "Sen",
    "Rep", "No", "Nos", "Nr", "Capt", "Cpt", "Cmdr", "Adm", "Maj", "Prof", "Rev", "Hon", "Mt",
    "Ft", "Vol", "Art", "Fig", "Jan", "Feb", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
    "Janv", "Févr", "Av", "Bd", "Ave", "Ch", "Cie", "Ets",
];

/// Abbreviations written in lowercase (compared exactly).
const LOWER_ABBREVIATIONS: &[&str] = &[
    "p", "pp", "art", "env", "hab", "janv", "févr", "fév", "avr", "juil", "sept", "oct", "nov",
    "déc", "av", "apr", "bd", "cf", "ex", "vol", "n", "no", "vs", "approx", "dept", "éd", "coll",
    "chap", "réf", "tél", "resp", "min", "ca", "bzw", "usw", "vgl", "nr", "str", "sr", "sra",
    "dña", "dott", "sig", "ecc", "pag",
];

/// Splits cleaned text into paragraphs and sentences.
#[derive(Debug, Clone)]
pub struct SentenceSplitter {
    lang: String,
}

impl SentenceSplitter {
    /// A splitter for a language code (`fr`, `en`, …). The abbreviation lists
    /// cover French, English and a few German, Spanish and Italian forms and
    /// serve every language; the code is kept for callers that ask.
    pub fn for_lang(code: &str) -> SentenceSplitter {
        SentenceSplitter {
            lang: code.to_ascii_lowercase(),
        }
    }

    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// The paragraphs (trimmed spans) and sentences (trimmed spans, each
    /// inside its paragraph, in order) of `text`.
    pub fn split(&self, text: &str) -> (Vec<Span>, Vec<SentenceSpan>) {
        let paragraphs = paragraphs(text);
        let mut sentences = Vec::with_capacity(text.len() / 120 + paragraphs.len());
        for (i, p) in paragraphs.iter().enumerate() {
            let index = u32::try_from(i).unwrap_or(u32::MAX);
            split_paragraph(text, *p, index, &mut sentences);
        }
        (paragraphs, sentences)
    }
}

/// The paragraphs of `text`: maximal runs of non-blank lines, trimmed.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(s, end));
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            if start.is_none() {
                start = Some(line_start + lead);
            }
            end = line_start + lead + trimmed.len();
        }
        line_start += line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, end));
    }
    out
}

fn split_paragraph(text: &str, para: Span, index: u32, out: &mut Vec<SentenceSpan>) {
    let p = para.slice(text);
    let base = para.start as usize;
    let quotes = quote_ranges(p);
    let mut cursor = 0;
    let bytes = p.as_bytes();
    let mut i = 0;
    if let Some(end) = subheading_end(p, 0) {
        push_trimmed(p, base, 0, end, index, out);
        cursor = end;
        i = end;
    }
    while i < p.len() {
        let b = bytes[i];
        let is_term = matches!(b, b'.' | b'!' | b'?') || is_ellipsis(bytes, i);
        if !is_term {
            i += 1;
            continue;
        }
        let term_start = i;
        // the run of terminators
        while i < p.len() {
            if matches!(bytes[i], b'.' | b'!' | b'?') {
                i += 1;
            } else if is_ellipsis(bytes, i) {
                i += 3;
            } else {
                break;
            }
        }
        let end = closers_end(p, i);
        i = end;
        if end >= p.len() {
            break;
        }
        let Some(next) = next_word_start(p, end) else {
            break;
        };
        if next == end {
            // no white space after: "8.5", "Pyrénées.Alors", "U.S.A"
            continue;
        }
        if p[next..].chars().next().is_some_and(char::is_lowercase) {
            continue;
        }
        if bytes[term_start] == b'.'
            && (end_is_abbreviation(p, term_start, i) || is_list_rank(p, term_start, i))
        {
            continue;
        }
        if quotes
            .iter()
            .any(|&(open, close)| open < end && end <= close)
        {
            continue;
        }
        push_trimmed(p, base, cursor, end, index, out);
        cursor = end;
        if let Some(sub_end) = subheading_end(p, end) {
            push_trimmed(p, base, cursor, sub_end, index, out);
            cursor = sub_end;
            i = sub_end;
        }
    }
    push_trimmed(p, base, cursor, p.len(), index, out);
}

/// An AFP subheading run into the text (`- Juste une étape - En désespoir`):
/// where `- … -` ends when a sentence starting at `from` is one, followed by
/// an uppercase word.
fn subheading_end(p: &str, from: usize) -> Option<usize> {
    let start = next_word_start(p, from)?;
    let inner = p[start..].strip_prefix("- ")?;
    let limit = inner.len().min(120);
    let mut at = 0;
    while let Some(i) = inner[at..].find(" - ") {
        let close = at + i;
        if close > limit {
            return None;
        }
        let next = inner[close + 3..].chars().next();
        if close >= 3 && next.is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '«')) {
            return Some(start + 2 + close + 2);
        }
        at = close + 3;
    }
    None
}

/// `…` (U+2026, E2 80 A6) at byte `i`.
fn is_ellipsis(bytes: &[u8], i: usize) -> bool {
    bytes.get(i..i + 3) == Some(&[0xE2, 0x80, 0xA6])
}

fn push_trimmed(
    p: &str,
    base: usize,
    from: usize,
    to: usize,
    index: u32,
    out: &mut Vec<SentenceSpan>,
) {
    let s = &p[from..to];
    let t = s.trim_start();
    let start = from + (s.len() - t.len());
    let end = start + t.trim_end().len();
    if end > start {
        out.push(SentenceSpan {
            span: Span::new(base + start, base + end),
            paragraph: index,
        });
    }
}

/// After the terminators at `i`: the closing quotes and brackets that follow,
/// with the space French puts before `»` and `”`.
fn closers_end(p: &str, mut i: usize) -> usize {
    loop {
        let rest = &p[i..];
        let mut chars = rest.chars();
        match chars.next() {
            Some(c @ ('»' | '"' | '”' | '\'' | '’' | ')' | ']')) => i += c.len_utf8(),
            Some(' ' | '\u{a0}' | '\u{202f}') => {
                let after = chars.next();
                if matches!(after, Some('»' | '”')) {
                    i += rest.chars().next().map_or(1, char::len_utf8);
                } else {
                    return i;
                }
            }
            _ => return i,
        }
    }
}

/// The start of the next non-white-space character from `at`, or `None`.
fn next_word_start(p: &str, at: usize) -> Option<usize> {
    p[at..]
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map(|(i, _)| at + i)
}

/// Whether the dot at `dot` closes an abbreviation or an initial.
fn end_is_abbreviation(p: &str, dot: usize, run_end: usize) -> bool {
    if run_end - dot > 1 {
        // "..." is an ellipsis, not an abbreviation
        return false;
    }
    let before = &p[..dot];
    let token_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '[' | '«' | '"' | '“' | '\'' | '’'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let token = &before[token_start..];
    if token.is_empty() {
        return false;
    }
    // initials: "J.-Y", "U.S", "J", "e.g"
    let last_part = token.rsplit(['.', '-']).next().unwrap_or(token);
    if last_part.chars().count() == 1 && last_part.chars().all(char::is_alphabetic) {
        return true;
    }
    CAPITAL_ABBREVIATIONS.contains(&token) || LOWER_ABBREVIATIONS.contains(&token)
}

/// Whether the dot at `dot` closes the rank of a list item ("Puis les
/// Suisses : 12. Camenzind. 23. Huser."): a number of one to three digits
/// that opens the paragraph or follows a colon, a semicolon, a sentence's
/// final dot or a closing bracket or quote, i.e. the rank begins an item. The item's text
/// stays with its rank; "l'article 12. Le texte" and "en 2012. Le" still end
/// a sentence.
fn is_list_rank(p: &str, dot: usize, run_end: usize) -> bool {
    if run_end - dot > 1 {
        return false;
    }
    let before = &p[..dot];
    let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=3).contains(&digits) {
        return false;
    }
    let head = &before[..dot - digits];
    if head.ends_with(|c: char| !c.is_whitespace()) {
        // "44.", "A12.", "1'02."
        return false;
    }
    let head = head.trim_end();
    match head.chars().next_back() {
        None => true,
        // a dot that ends a sentence, not "p. 12."
        Some('.') => !end_is_abbreviation(p, head.len() - 1, head.len()),
        Some(c) => matches!(c, ':' | ';' | ')' | ']' | '»' | '"' | '”'),
    }
}

/// Byte ranges `(open, close)` of quotations that open and close within the
/// paragraph and are at most [`MAX_QUOTE_BYTES`] long; `close` is the offset
/// of the closing mark.
fn quote_ranges(p: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut guillemets: Vec<usize> = Vec::new();
    let mut curly: Vec<usize> = Vec::new();
    let mut straight: Option<usize> = None;
    for (i, c) in p.char_indices() {
        let range = match c {
            '«' => {
                guillemets.push(i);
                None
            }
            '»' => guillemets.pop().map(|o| (o, i)),
            '“' => {
                curly.push(i);
                None
            }
            '”' => curly.pop().map(|o| (o, i)),
            '"' => match straight.take() {
                Some(o) => Some((o, i)),
                None => {
                    straight = Some(i);
                    None
                }
            },
            _ => None,
        };
        if let Some((o, c)) = range {
            if c - o <= MAX_QUOTE_BYTES {
                out.push((o, c));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sentences(text: &str) -> Vec<&str> {
        let (_, s) = SentenceSplitter::for_lang("fr").split(text);
        s.iter().map(|s| s.span.slice(text)).collect()
    }

    #[test]
    fn keeps_french_abbreviations() {
        assert_eq!(
            sentences("M. Poutine a parlé à MM. Dupont et Durand. Mme Martin aussi."),
            [
                "M. Poutine a parlé à MM. Dupont et Durand.",
                "Mme Martin aussi."
            ]
        );
        assert_eq!(
            sentences("Le 3 sept. 2020, voir art. 5 et p. 12. Fin."),
            ["Le 3 sept. 2020, voir art. 5 et p. 12.", "Fin."]
        );
        assert_eq!(
            sentences("Jean-Yves Le Drian (J.-Y. Le Drian) est là. Env. 300 hab. Fin."),
            [
                "Jean-Yves Le Drian (J.-Y. Le Drian) est là.",
                "Env. 300 hab. Fin."
            ]
        );
    }

    #[test]
    fn keeps_english_abbreviations_and_initials() {
        assert_eq!(
            sentences("Mr. Smith met Gen. Lee in the U.S. Army. Then No. 5 left."),
            [
                "Mr. Smith met Gen. Lee in the U.S. Army.",
                "Then No. 5 left."
            ]
        );
    }

    #[test]
    fn numbers_do_not_split() {
        assert_eq!(
            sentences("Près de 1.120 morts, 30.000 blessés, 8,5 millions et 5 000 soldats. Fin."),
            [
                "Près de 1.120 morts, 30.000 blessés, 8,5 millions et 5 000 soldats.",
                "Fin."
            ]
        );
    }

    #[test]
    fn a_list_rank_stays_with_its_item() {
        assert_eq!(
            sentences("Puis les Suisses : 12. Camenzind. 23. Huser. 1. Pourquoi ? Fin."),
            [
                "Puis les Suisses : 12. Camenzind.",
                "23. Huser.",
                "1. Pourquoi ?",
                "Fin."
            ]
        );
        // a number that ends a sentence is no rank: after a word, after an
        // abbreviation, a year
        assert_eq!(
            sentences("Voir l'article 12. Le texte, p. 12. Puis en 2012. Fin."),
            [
                "Voir l'article 12.",
                "Le texte, p. 12.",
                "Puis en 2012.",
                "Fin."
            ]
        );
    }

    #[test]
    fn quotes_stay_whole() {
        assert_eq!(
            sentences("« C'est la guerre ! » Il est parti. « Nous avons frappé. Ils ont riposté », a-t-il dit."),
            [
                "« C'est la guerre ! »",
                "Il est parti.",
                "« Nous avons frappé. Ils ont riposté », a-t-il dit."
            ]
        );
        assert_eq!(
            sentences("\"C'est fini.\" a-t-il dit. Ensuite ?"),
            ["\"C'est fini.\" a-t-il dit.", "Ensuite ?"]
        );
        assert_eq!(
            sentences("Il a dit « non ! » et il est parti. Fin."),
            ["Il a dit « non ! » et il est parti.", "Fin."]
        );
    }

    #[test]
    fn question_exclamation_ellipsis() {
        assert_eq!(
            sentences("Pourquoi ? Parce que ! Et puis… Rien. Alors... Voilà"),
            [
                "Pourquoi ?",
                "Parce que !",
                "Et puis…",
                "Rien.",
                "Alors...",
                "Voilà"
            ]
        );
    }

    #[test]
    fn subheadings_run_into_text_are_sentences() {
        assert_eq!(
            sentences("Fin des éleveurs. - \"Pas grand chose\" - La nouvelle feuille. Suite."),
            [
                "Fin des éleveurs.",
                "- \"Pas grand chose\" -",
                "La nouvelle feuille.",
                "Suite."
            ]
        );
        assert_eq!(
            sentences("- Bakou saisit la CEDH -"),
            ["- Bakou saisit la CEDH -"]
        );
        assert_eq!(
            sentences("- Oui - a-t-il dit. Fin."),
            ["- Oui - a-t-il dit.", "Fin."]
        );
    }

    #[test]
    fn headline_paragraph_is_one_sentence() {
        let text = "Manifestations à Erevan\n\nSur la place. Des milliers.";
        let (paras, sents) = SentenceSplitter::for_lang("fr").split(text);
        assert_eq!(paras.len(), 2);
        assert_eq!(sents.len(), 3);
        assert_eq!(sents[0].span.slice(text), "Manifestations à Erevan");
        assert_eq!(sents[2].paragraph, 1);
    }

    #[test]
    fn empty_and_blank_text() {
        assert_eq!(SentenceSplitter::for_lang("fr").split(""), (vec![], vec![]));
        assert_eq!(
            SentenceSplitter::for_lang("fr").split(" \n\n \t"),
            (vec![], vec![])
        );
    }

    proptest! {
        #[test]
        fn spans_slice_back(text in "([a-zA-Zé«»\"“”.!?… \n\u{a0}-]|M\\. |\\n\\n|U\\.S\\.|1\\.120| - ){0,80}") {
            let (paras, sents) = SentenceSplitter::for_lang("fr").split(&text);
            let mut covered = vec![false; text.len()];
            let mut last_end = 0usize;
            for s in &sents {
                let p = paras[s.paragraph as usize];
                prop_assert!(p.contains(s.span));
                prop_assert!(!s.span.is_empty());
                prop_assert!(s.span.start as usize >= last_end);
                last_end = s.span.end as usize;
                let slice = s.span.get(&text);
                prop_assert!(slice.is_some());
                let slice = slice.unwrap_or_default();
                prop_assert_eq!(slice, slice.trim());
                for i in s.span.range() {
                    covered[i] = true;
                }
            }
            for (i, c) in text.char_indices() {
                if !c.is_whitespace() {
                    prop_assert!(covered[i], "char {:?} at {} not covered", c, i);
                }
            }
            for w in paras.windows(2) {
                prop_assert!(w[0].end < w[1].start);
            }
        }
    }
}
