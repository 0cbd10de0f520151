//! The token stream the date rules read: one fast pass over the text that
//! yields words, numbers and single punctuation marks with their byte spans
//! and a folded form (lowercase, no accents), plus a rough tense guess for a
//! position (past / future) used to place bare weekdays and dates.
//!
//! Written by hand rather than with Unicode word segmentation: the rules need
//! punctuation ("10/28/2020", "14 h 30", "avant-hier") and the adjacency of
//! tokens ("20h30", "1er"), and a byte scanner is several times faster.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters only.
    Word,
    /// ASCII digits, possibly with inner `.`/`,` groups ("1.120", "30,4").
    Number,
    /// One punctuation or symbol character.
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: u32,
    pub end: u32,
    pub kind: Kind,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
    /// A line break separates this token from the previous one.
    pub newline_before: bool,
    /// The first character is uppercase.
    pub upper: bool,
    norm: (u32, u32),
}

/// The tokens of a text and their folded forms.
#[derive(Debug)]
pub(crate) struct Tokens<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    norms: String,
}

impl<'a> Tokens<'a> {
    pub fn new(text: &'a str) -> Tokens<'a> {
        let mut toks = Vec::with_capacity(text.len() / 5);
        let mut norms = String::with_capacity(text.len());
        let bytes = text.as_bytes();
        let mut i = 0;
        let (mut space, mut newline) = (true, true);
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_whitespace() {
                space = true;
                newline |= b == b'\n';
                i += 1;
                continue;
            }
            let start = i;
            let kind;
            if b.is_ascii_digit() {
                kind = Kind::Number;
                while i < bytes.len() {
                    if bytes[i].is_ascii_digit() {
                        i += 1;
                    } else if (bytes[i] == b'.' || bytes[i] == b',')
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                    {
                        i += 2;
                    } else {
                        break;
                    }
                }
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                if c.is_alphabetic() {
                    kind = Kind::Word;
                    while i < bytes.len() {
                        let c = text[i..].chars().next().unwrap_or(' ');
                        if c.is_alphabetic() {
                            i += c.len_utf8();
                        } else {
                            break;
                        }
                    }
                } else {
                    kind = Kind::Punct;
                    i += c.len_utf8();
                    if c.is_whitespace() {
                        // Unicode spaces (no-break space, thin space).
                        space = true;
                        continue;
                    }
                }
            }
            let word = &text[start..i];
            let n0 = norms.len();
            veille_text::fold_into(word, &mut norms);
            let upper = word.chars().next().is_some_and(char::is_uppercase);
            toks.push(Tok {
                start: start as u32,
                end: i as u32,
                kind,
                space_before: space,
                newline_before: newline,
                upper,
                norm: (n0 as u32, norms.len() as u32),
            });
            space = false;
            newline = false;
        }
        Tokens { text, toks, norms }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// The folded form of token `i`, or `""` past the end.
    pub fn norm(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.norms[t.norm.0 as usize..t.norm.1 as usize],
            None => "",
        }
    }

    /// The text of token `i`, or `""` past the end.
    pub fn raw(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) => &self.text[t.start as usize..t.end as usize],
            None => "",
        }
    }

    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    pub fn is(&self, i: usize, word: &str) -> bool {
        self.norm(i) == word
    }

    pub fn is_any(&self, i: usize, words: &[&str]) -> bool {
        let n = self.norm(i);
        !n.is_empty() && words.contains(&n)
    }

    /// An integer written in digits without separators.
    pub fn int(&self, i: usize) -> Option<u32> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Number {
            return None;
        }
        let s = self.raw(i);
        if s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    }

    /// Token `i` follows token `i - 1` with no space between.
    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    /// Token `i` starts a new sentence or line (a boundary for tense and context).
    pub fn is_boundary(&self, i: usize) -> bool {
        matches!(self.norm(i), "." | "!" | "?" | ";")
            || self.toks.get(i).is_some_and(|t| t.newline_before)
    }
}

/// The tense a clause seems to be in, from auxiliaries and verb endings near a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    Unknown,
}

const PAST_WORDS: &[&str] = &[
    "ont",
    "avait",
    "avaient",
    "etait",
    "etaient",
    "fut",
    "furent",
    "eut",
    "eurent",
    "was",
    "were",
    "had",
    "did",
    "said",
    "ago",
    "dernier",
    "derniere",
    "last",
    "hier",
    "yesterday",
];
const FUTURE_WORDS: &[&str] = &[
    "sera",
    "seront",
    "va",
    "vont",
    "doit",
    "doivent",
    "devra",
    "devront",
    "devrait",
    "devraient",
    "prochain",
    "prochaine",
    "prevu",
    "prevue",
    "prevus",
    "prevues",
    "attendu",
    "attendus",
    "attendue",
    "will",
    "shall",
    "demain",
    "tomorrow",
    "next",
    "aura",
    "auront",
    "pourra",
    "pourront",
];
/// Words ending like a French future that are not verbs.
const NOT_FUTURE: &[&str] = &[
    "camera", "opera", "extra", "ultra", "cobra", "mantra", "sierra", "tiara", "aura", "entre",
    "contre", "autre", "notre", "votre", "ensuite",
];

/// The tense of the clause around tokens `[start, end)`: the nearest marker
/// within the sentence (at most 12 tokens away) decides.
pub(crate) fn tense_at(t: &Tokens<'_>, start: usize, end: usize) -> Tense {
    let mut best: Option<(usize, Tense)> = None;
    let mut consider = |i: usize, dist: usize| {
        if let Some(tense) = marker(t, i) {
            if best.is_none_or(|(d, _)| dist < d) {
                best = Some((dist, tense));
            }
        }
    };
    let mut i = start;
    let mut d = 0;
    while i > 0 && d < 12 && !t.is_boundary(i) {
        i -= 1;
        d += 1;
        if matches!(t.norm(i), "." | "!" | "?" | ";") {
            break;
        }
        consider(i, d);
    }
    let mut i = end;
    let mut d = 0;
    while i < t.len() && d < 12 && !t.is_boundary(i) {
        d += 1;
        consider(i, d);
        i += 1;
    }
    best.map_or(Tense::Unknown, |(_, tense)| tense)
}

fn marker(t: &Tokens<'_>, i: usize) -> Option<Tense> {
    let tok = t.toks.get(i)?;
    if tok.kind != Kind::Word || tok.upper {
        return None;
    }
    let n = t.norm(i);
    // "a" without accent is the auxiliary; "à" folds to the same key.
    if t.raw(i) == "a" || PAST_WORDS.contains(&n) {
        return Some(Tense::Past);
    }
    if FUTURE_WORDS.contains(&n) {
        return Some(Tense::Future);
    }
    if n.len() >= 5 && !NOT_FUTURE.contains(&n) {
        if n.ends_with("ront") || n.ends_with("rons") || n.ends_with("rai") {
            return Some(Tense::Future);
        }
        if n.ends_with("ra") && !n.ends_with("ara") && !n.ends_with("ira") {
            return Some(Tense::Future);
        }
        if n.ends_with("ait") || n.ends_with("aient") {
            return Some(Tense::Past);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_numbers_and_marks() {
        let t = Tokens::new("L’automne 20h30, 1.120 morts et 30,4 s");
        let norms: Vec<&str> = (0..t.len()).map(|i| t.norm(i)).collect();
        assert_eq!(
            norms,
            ["l", "'", "automne", "20", "h", "30", ",", "1.120", "morts", "et", "30,4", "s"]
        );
        assert!(t.glued(4) && !t.glued(3));
        assert_eq!(t.int(3), Some(20));
        assert_eq!(t.int(7), None);
    }

    #[test]
    fn guesses_tense_from_nearby_markers() {
        let t = Tokens::new("Il se rendra jeudi à Genève.");
        assert_eq!(tense_at(&t, 3, 4), Tense::Future);
        let t = Tokens::new("L'Azerbaïdjan a accusé mercredi l'Arménie.");
        assert_eq!(tense_at(&t, 5, 6), Tense::Past);
        let t = Tokens::new("Il est à Genève jeudi.");
        assert_eq!(tense_at(&t, 4, 5), Tense::Unknown);
    }
}
