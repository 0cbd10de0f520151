//! A "written after" bound from a conflict named by its year.
//!
//! News names a war by its year once that war is a closed episode of the
//! past: "depuis la dernière guerre de 2020", "la guerre du Karabakh de
//! 2020", "the 2020 war", "the war of 1967". A writer inside the year still
//! says "la guerre", "les combats", "the current fighting". So a conflict noun
//! named by a year `Y` bounds the writing day from below by `Y + 1`-01-01
//! ([`BoundRule::NamedPastConflict`]).
//!
//! Only conflict nouns count (wars are not scheduled ahead, unlike "la Coupe
//! du monde de 2022" or "the 2024 election"), and only the naming forms:
//!
//! - French: a conflict noun, then at most three words of its name (articles,
//!   `du`/`des`/`d'`, capitalised words: "du Haut-Karabakh"), then `de Y`;
//! - English: `the Y [Name…] war` (an article before the year, so that "in
//!   2020 war broke out" is no name) or `war of Y`.
//!
//! Not bounds: "la guerre qui a commencé en 2020" (no naming `de`), "depuis
//! 2020", "en 2020" in any tense, a range "la guerre de 2020 à 2022" or "the
//! 2014-2015 war". The words must follow one another with only spaces or a
//! hyphen between them. Measured on OrangeSum (French, dated): see
//! `reports/clustering.md`.

use super::bound::{BoundRule, DateBound};
use veille_model::{PartialDate, Span};
use veille_text::{fold, tokenize, Token, TokenKind};

/// Folded conflict nouns (French and English), singular and plural.
const CONFLICT_NOUNS: &[&str] = &[
    "affrontements",
    "clashes",
    "combats",
    "conflict",
    "conflit",
    "conflits",
    "fighting",
    "guerre",
    "guerres",
    "hostilites",
    "hostilities",
    "offensive",
    "war",
    "wars",
];

/// Folded words allowed inside a French conflict name besides capitalised
/// words ("la guerre *du* Karabakh de 2020", "la guerre *des* Six Jours de 1967").
const NAME_LINKS: &[&str] = &["d'", "de", "des", "du", "l'", "la", "le", "les"];

/// Words after the year that make it the start of a range.
const RANGE_WORDS: &[&str] = &["a", "au", "et", "jusqu'", "to", "through", "until", "and"];

/// Folded words after a number that make it a count, not a year ("la
/// guerre de 2000 morts").
const COUNT_NOUNS: &[&str] = &[
    "blesses",
    "combattants",
    "dead",
    "deaths",
    "dollars",
    "euros",
    "hommes",
    "killed",
    "km",
    "morts",
    "people",
    "personnes",
    "soldats",
    "soldiers",
    "troops",
    "tues",
    "victimes",
];

/// Words of a name between the noun and `de`/the year and the noun.
const MAX_NAME_WORDS: usize = 3;

/// Years taken as years (four digits, a plausible span for news).
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

struct Words<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    folded: Vec<String>,
}

impl Words<'_> {
    fn word(&self, i: usize) -> Option<&str> {
        self.folded.get(i).map(String::as_str)
    }

    fn year(&self, i: usize) -> Option<i32> {
        let t = self.tokens.get(i)?;
        let s = t.text(self.text);
        if t.kind != TokenKind::Number || s.len() != 4 {
            return None;
        }
        s.parse().ok().filter(|y| YEARS.contains(y))
    }

    fn capitalised(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .and_then(|t| t.text(self.text).chars().next())
            .is_some_and(char::is_uppercase)
    }

    /// Whether tokens `i` and `i + 1` are separated by spaces or one hyphen
    /// only (no sentence or clause break).
    fn adjacent(&self, i: usize) -> bool {
        let (Some(a), Some(b)) = (self.tokens.get(i), self.tokens.get(i + 1)) else {
            return false;
        };
        let gap = self
            .text
            .get(a.span.end as usize..b.span.start as usize)
            .unwrap_or(".");
        gap.chars().all(char::is_whitespace) || gap.trim() == "-" || gap.is_empty()
    }

    fn conflict(&self, i: usize) -> bool {
        self.word(i).is_some_and(|w| CONFLICT_NOUNS.contains(&w))
    }

    /// Whether the year at `i` opens a range ("de 2020 à 2022", "2014-2015")
    /// or is a count ("2000 morts").
    fn not_a_name(&self, i: usize) -> bool {
        self.adjacent(i)
            && (self.year(i + 1).is_some()
                || self
                    .word(i + 1)
                    .is_some_and(|w| RANGE_WORDS.contains(&w) || COUNT_NOUNS.contains(&w)))
    }

    /// French: conflict noun at `i`, name words, `de`, year. The year's index.
    fn french(&self, i: usize) -> Option<usize> {
        let mut j = i;
        for _ in 0..=MAX_NAME_WORDS {
            if !self.adjacent(j) {
                return None;
            }
            j += 1;
            if self.word(j) == Some("de") && self.adjacent(j) && self.year(j + 1).is_some() {
                return Some(j + 1);
            }
            let w = self.word(j)?;
            if !(NAME_LINKS.contains(&w) || self.capitalised(j)) {
                return None;
            }
        }
        None
    }

    /// English `war of Y`: the year's index.
    fn english_of(&self, i: usize) -> Option<usize> {
        (self.adjacent(i)
            && self.word(i + 1) == Some("of")
            && self.adjacent(i + 1)
            && self.year(i + 2).is_some())
        .then_some(i + 2)
    }

    /// English `the Y [Name…] war` with the year at `y`: the noun's index.
    fn english_before(&self, y: usize) -> Option<usize> {
        if y == 0 || !matches!(self.word(y - 1), Some("the" | "a")) || !self.adjacent(y - 1) {
            return None;
        }
        let mut j = y;
        for _ in 0..=MAX_NAME_WORDS {
            if !self.adjacent(j) {
                return None;
            }
            j += 1;
            if self.conflict(j) {
                return Some(j);
            }
            if !self.capitalised(j) {
                return None;
            }
        }
        None
    }
}

/// The latest "written on or after" day given by a conflict named by its
/// year (see the module docs), with the naming phrase as its span; `None`
/// when the text names none.
pub fn retrospective_bound(text: &str) -> Option<DateBound> {
    let tokens = tokenize(text);
    let folded = tokens.iter().map(|t| fold(t.text(text))).collect();
    let w = Words {
        text,
        tokens,
        folded,
    };
    let mut best: Option<(i32, Span)> = None;
    for i in 0..w.tokens.len() {
        let found = if w.conflict(i) {
            w.french(i).or_else(|| w.english_of(i)).map(|y| (i, y))
        } else if w.year(i).is_some() {
            w.english_before(i).map(|n| (i, n))
        } else {
            None
        };
        let Some((from, to)) = found else { continue };
        let y = if w.year(from).is_some() { from } else { to };
        if w.not_a_name(y) {
            continue;
        }
        let (Some(year), Some(a), Some(b)) = (w.year(y), w.tokens.get(from), w.tokens.get(to))
        else {
            continue;
        };
        let span = Span::new(a.span.start as usize, b.span.end as usize);
        if best.is_none_or(|(b, _)| year > b) {
            best = Some((year, span));
        }
    }
    let (year, span) = best?;
    Some(DateBound {
        not_before: PartialDate::day(year + 1, 1, 1)?,
        rule: BoundRule::NamedPastConflict,
        span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn bound(t: &str) -> Option<(String, String)> {
        retrospective_bound(t).map(|b| {
            (
                b.not_before.to_string(),
                b.span.get(t).unwrap_or("").to_string(),
            )
        })
    }

    fn is(t: &str, day: &str, phrase: &str) {
        assert_eq!(
            bound(t),
            Some((day.to_string(), phrase.to_string())),
            "{t:?}"
        );
    }

    #[test]
    fn a_war_named_by_its_year_is_over() {
        is(
            "un contingent est déployé au Karabakh depuis la dernière guerre de 2020, d'avoir failli",
            "2021-01-01",
            "guerre de 2020",
        );
        is(
            "Depuis la guerre du Haut-Karabakh de 2020, la tension reste vive.",
            "2021-01-01",
            "guerre du Haut-Karabakh de 2020",
        );
        is(
            "Russia has kept peacekeepers there since the 2020 war.",
            "2021-01-01",
            "2020 war",
        );
        is(
            "It was the bloodiest day since the 2020 Nagorno-Karabakh war ended.",
            "2021-01-01",
            "2020 Nagorno-Karabakh war",
        );
        is(
            "Israel took the area in the war of 1967.",
            "1968-01-01",
            "war of 1967",
        );
        // the latest named conflict wins
        is(
            "Après la guerre de 1994 et les combats de 2016, la guerre de 2020.",
            "2021-01-01",
            "guerre de 2020",
        );
    }

    #[test]
    fn years_that_do_not_name_a_past_conflict_bound_nothing() {
        for t in [
            // an October 2020 dispatch: the war is under way
            "la guerre qui a commencé en 2020 se poursuit",
            "Les combats ont repris en 2020.",
            "La guerre en 2020 sera longue, prévient-il.",
            "Le conflit dure depuis 2020.",
            "depuis 2020, les combats",
            "In 2020 war broke out again.",
            "The war will last until 2021, he said.",
            // ranges, and names that are not conflicts
            "la guerre de 2020 à 2022",
            "la guerre de 1914-1918",
            "the 2014-2015 war",
            "la Coupe du monde de 2022",
            "the 2024 election",
            // a clause break between the noun and the year
            "la guerre, de 2020 jusqu'ici",
            "la guerre. De 2020 date la rupture",
            "a war. The 2020 budget",
            // numbers that are not years
            "la guerre de 44 jours",
            "la guerre de 1500 morts",
            "une guerre de 2000 morts",
        ] {
            assert_eq!(bound(t), None, "{t:?}");
        }
    }

    proptest! {
        #[test]
        fn any_text_gives_a_bound_inside_it_or_none(text in "\\PC{0,200}") {
            if let Some(b) = retrospective_bound(&text) {
                prop_assert!(b.span.get(&text).is_some());
                prop_assert!(b.not_before.year > 1900 && b.not_before.year <= 2101);
            }
        }

        #[test]
        fn shuffled_war_words_never_panic(words in proptest::collection::vec(
            prop::sample::select(vec!["la", "guerre", "de", "du", "2020", "1994", "the", "war",
                "of", "à", "-", ",", ".", "Karabakh", "1914-1918", "99999", "0000", "d'", "Haut",
                "combats", "a", "in"]), 0..30)) {
            let text = words.join(" ");
            if let Some(b) = retrospective_bound(&text) {
                prop_assert!(b.span.get(&text).is_some());
            }
        }
    }
}
