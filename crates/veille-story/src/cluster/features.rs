//! From a document to weighted stems and entity keys.
//!
//! Words are tokenised and folded by `veille-text`, function words dropped,
//! the rest stemmed with Snowball (French or English by the document's
//! language; other languages are only folded). Each occurrence counts
//! `title_weight` in the title, `lead_weight` in the lead and 1 in the body,
//! and only the first `max_body_words` body words are read: news puts the
//! what/where/when first, and this bounds the cost of long articles. Stems
//! are hashed to `u64` (xxh3), so the state needs no vocabulary table.

use super::entities::{add_known_openers, entity_like_tokens, is_title_case};
use super::index::IntMap;
use super::stopwords::is_stop_word;
use super::ClusterDoc;
use rust_stemmers::{Algorithm, Stemmer};
use veille_text::{fold_into, tokenize, Token, TokenKind};
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// Salt of entity keys, so an entity never collides with a stem.
const ENTITY_SEED: u64 = 0x656e_7469_7479;
/// Salt of mentioned-date keys.
const DATE_SEED: u64 = 0x6461_7465;
/// The stem cache is dropped when it grows past this many words.
const CACHE_LIMIT: usize = 1 << 20;

/// The raw features of one document, before IDF weighting.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocFeatures {
    /// Stem hash and weighted count, sorted by hash.
    pub terms: Vec<(u64, f32)>,
    /// Entity key hashes, sorted, without duplicates.
    pub entities: Vec<u64>,
    /// Mentioned-date keys (month and day), sorted, without duplicates.
    pub dates: Vec<u64>,
    /// Mentioned days with their year ([`day_key`]), sorted, without
    /// duplicates.
    pub days: Vec<u64>,
    /// The title's last segment ([`title_tail`]): a site's title template
    /// when many titles end with it (`… : actualité automobile, infos,
    /// scoop`), which the clusterer then takes out of `terms`.
    pub title_tail: Option<TitleTail>,
    /// The title's stems alone, each counted once per occurrence, sorted by
    /// hash (the follow-up link compares titles, see `link`).
    pub title_terms: Vec<(u64, f32)>,
    /// Ages the start of the text gives its people ([`ages`]), sorted,
    /// without duplicates.
    pub ages: Vec<u8>,
    /// How many people the title and lead say were shot, killed or hurt
    /// ([`casualty_counts`]), sorted, without duplicates.
    pub counts: Vec<u16>,
}

/// A title's last segment: its key ([`tail_key`]) and what its words added
/// to [`DocFeatures::terms`] (sorted by stem hash).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TitleTail {
    pub key: u64,
    pub terms: Vec<(u64, f32)>,
}

/// Spaced separators before a title's last segment.
const TAIL_SEPARATORS: &[&str] = &[" : ", " - ", " | ", " – ", " — ", " :: "];
/// Words a title's last segment may have: a site's or a section's name, not
/// a clause of the headline.
const TAIL_WORDS: usize = 8;
/// Salt of title tail keys.
const TAIL_SEED: u64 = 0x7461_696c;

/// Where a title's last segment starts: after its last spaced separator
/// (` : `, ` - `, ` | `, dashes), when two words or more stand before it
/// and one to eight after. `(separator start, segment start)`.
pub fn title_tail(title: &str) -> Option<(usize, usize)> {
    let (at, sep) = TAIL_SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| (i, *sep)))
        .max_by_key(|x| x.0)?;
    let words = |s: &str| {
        s.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    };
    let tail = words(&title[at + sep.len()..]);
    ((1..=TAIL_WORDS).contains(&tail) && words(&title[..at]) >= 2).then_some((at, at + sep.len()))
}

/// The key of a title's last segment: its words folded (case, accents), so
/// that one template is one key however it is capitalised.
pub fn tail_key(tail: &str) -> u64 {
    let mut folded = String::new();
    for tok in tokenize(tail) {
        if tok.kind == TokenKind::Word {
            fold_into(tok.text(tail), &mut folded);
            folded.push(' ');
        }
    }
    xxh3_64_with_seed(folded.as_bytes(), TAIL_SEED)
}

/// Field weights and how much text is read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldWeights {
    pub title: f32,
    pub lead: f32,
    pub max_body_words: usize,
}

/// Turns documents into [`DocFeatures`]; holds the stemmers and a cache of
/// word → stem hash per language.
pub struct Analyzer {
    french: Stemmer,
    english: Stemmer,
    /// Keyed by the xxh3 hash of the word **as written** (no folding, string
    /// hashing, comparison or copy on a hit: folding accented French words
    /// through Unicode decomposition was a tenth of the OrangeSum profile;
    /// a 64-bit collision among a million words has a probability of about
    /// 3e-8). "Barda" and "barda" are two entries with the same stem.
    cache: [IntMap<u64, Option<u64>>; 3],
    word: String,
    /// (stem hash, weight) of each occurrence, reused between documents.
    occurrences: Vec<(u64, f32)>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field(
                "cached_words",
                &self.cache.iter().map(IntMap::len).sum::<usize>(),
            )
            .finish()
    }
}

impl Default for Analyzer {
    fn default() -> Analyzer {
        Analyzer {
            french: Stemmer::create(Algorithm::French),
            english: Stemmer::create(Algorithm::English),
            cache: Default::default(),
            word: String::new(),
            occurrences: Vec::new(),
        }
    }
}

/// The first `max_words` tokens of `body`, tokenising only a prefix when
/// that is enough (about 12 bytes a word; the word cut at the end of the
/// prefix is dropped).
fn body_tokens(body: &str, max_words: usize) -> Vec<Token> {
    let mut cut = body.len().min(max_words.saturating_mul(12));
    while !body.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut toks = tokenize(&body[..cut]);
    if cut < body.len() {
        toks.pop();
        if toks.len() < max_words {
            toks = tokenize(body);
        }
    }
    toks.truncate(max_words);
    toks
}

/// The key of a day-level TIMEX3 value with its year (`2020-10-28`, with
/// or without a time after it): `None` without a year (`XXXX-10-28`) or for
/// any other value. The follow-up link compares whole days: a month and day
/// alone recur every year.
pub fn day_key(value: &str) -> Option<u64> {
    let b = value.as_bytes();
    date_key(value)?;
    b[..4]
        .iter()
        .all(u8::is_ascii_digit)
        .then(|| xxh3_64_with_seed(&b[..10], DATE_SEED))
}

/// The key of a mentioned day-level TIMEX3 value (`2020-10-28`,
/// `XXXX-10-28`, with or without a time after it): its month and day; `None`
/// for any other value (months, weeks, durations, unanchored weekdays).
pub fn date_key(value: &str) -> Option<u64> {
    let b = value.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let day_level = b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(5..7)
        && digits(8..10)
        && (b.len() == 10 || b[10] == b'T');
    day_level.then(|| xxh3_64_with_seed(&b[5..10], DATE_SEED))
}

/// Bytes of lead and body read for [`ages`]: the people of a report are
/// introduced in its first paragraphs.
const AGE_BYTES: usize = 1500;

/// The ages in the first [`AGE_BYTES`] of lead and body.
fn ages_in_start(lead: &str, body: &str) -> Vec<u8> {
    let mut out = ages(lead);
    let mut cut = AGE_BYTES.saturating_sub(lead.len()).min(body.len());
    while !body.is_char_boundary(cut) {
        cut -= 1;
    }
    out.extend(ages(&body[..cut]));
    out
}

/// Number words that give a child's age ("four-year-old").
const AGE_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// The ages a text gives its people: "a 23-year-old man", "four-year-old",
/// "John Smith, 23, was…", "Smith (23)", and in French "âgé de 36 ans",
/// "Aimé Scheller, 36 ans," or "(36 ans)" — not "depuis 20 ans", a
/// duration. Two reports of one incident give the same ages; two shootings
/// in one city a day apart seldom do.
pub fn ages(text: &str) -> Vec<u8> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let lower_at = |i: usize, pat: &str| {
        b.get(i..i + pat.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(pat.as_bytes()))
    };
    let year_old = |i: usize| {
        [
            "-year-old",
            " year-old",
            "-years-old",
            " years old",
            " year old",
            "-year old",
        ]
        .iter()
        .any(|p| lower_at(i, p))
    };
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let word = &text[start..i];
        let value = if word.len() <= 2 && word.bytes().all(|c| c.is_ascii_digit()) {
            word.parse::<u8>().ok()
        } else if b.get(i) == Some(&b'-') && year_old(i) {
            // a number word counts only as "four-year-old"
            AGE_WORDS
                .iter()
                .position(|w| w.eq_ignore_ascii_case(word))
                .map(|k| k as u8 + 1)
        } else {
            None
        };
        let Some(age) = value else { continue };
        // "1.5", "3,200": part of a larger number
        let digits = word.as_bytes()[0].is_ascii_digit();
        let glued = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
        if digits
            && (start > 0 && matches!(b[start - 1], b'.' | b',') && start > 1 && glued(start - 2)
                || matches!(b.get(i), Some(b'.' | b',')) && glued(i + 1))
        {
            continue;
        }
        let before = &text[..start];
        let after = &text[i..];
        // after a name: ", 41," or "(17)"; in French ", 36 ans," or "(36 ans)"
        let apposition = before.ends_with(", ") && after.starts_with(',')
            || before.ends_with('(') && after.starts_with(')')
            || (before.ends_with(", ") || before.ends_with('('))
                && (after.starts_with(" ans,") || after.starts_with(" ans)"));
        let aged = after.starts_with(" ans")
            && ["âgé de", "âgée de", "âgés de", "âgées de"]
                .iter()
                .any(|p| before.trim_end().ends_with(p));
        if year_old(i) || digits && (apposition || aged) {
            out.push(age);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Number words of a casualty count, English and French (`un` and `une`
/// are left out: articles far more often than counts).
const COUNT_WORDS: &[(&str, u16)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("sept", 7),
    ("huit", 8),
    ("neuf", 9),
    ("dix", 10),
    ("onze", 11),
    ("douze", 12),
];

/// Words between a count and its casualty word ("3 teen boys shot", "2
/// people were killed", "trois personnes ont été tuées").
const COUNT_FILLERS: &[&str] = &[
    "people",
    "persons",
    "men",
    "women",
    "teens",
    "teenagers",
    "children",
    "kids",
    "boys",
    "girls",
    "others",
    "more",
    "adults",
    "officers",
    "teen",
    "were",
    "are",
    "have",
    "been",
    "personnes",
    "hommes",
    "femmes",
    "enfants",
    "autres",
    "civils",
    "soldats",
    "ont",
    "été",
    "sont",
];

/// Words that make the number before them a casualty count.
const CASUALTY_WORDS: &[&str] = &[
    "shot",
    "killed",
    "dead",
    "wounded",
    "injured",
    "hurt",
    "slain",
    "die",
    "died",
    "dies",
    "morts",
    "mort",
    "tués",
    "tuées",
    "tué",
    "blessés",
    "blessées",
    "blessé",
    "victimes",
];

/// "double shooting", "quadruple homicide", "triple meurtre".
const MULTIPLE_WORDS: &[(&str, u16)] = &[
    ("double", 2),
    ("triple", 3),
    ("quadruple", 4),
    ("quintuple", 5),
];
const MULTIPLE_OF: &[&str] = &[
    "shooting",
    "shootings",
    "homicide",
    "homicides",
    "murder",
    "murders",
    "slaying",
    "slayings",
    "meurtre",
    "fusillade",
];

/// The casualty counts a headline or lead gives: "2 killed, 7 wounded",
/// "Five Shot Dead", "3 teen boys shot", "quadruple murder", "deux morts".
/// A number cut from its word by punctuation is not one ("Boy, 16, shot"
/// gives an age), nor a part of a larger number or a compound
/// ("7-year-old"). Two reports of one shooting usually give the same count;
/// two shootings in one city seldom do.
pub fn casualty_counts(text: &str) -> Vec<u16> {
    let mut out = Vec::new();
    let words: Vec<&str> = text.split_whitespace().take(400).collect();
    let bare = |w: &str| !w.ends_with(|c: char| c.is_ascii_punctuation());
    let is = |w: &str, list: &[&str]| {
        let w = w.trim_end_matches(|c: char| c.is_ascii_punctuation());
        list.iter().any(|x| x.eq_ignore_ascii_case(w))
    };
    for (i, &w) in words.iter().enumerate() {
        if !bare(w) {
            // "16," is an apposition, "(3)" a list
            continue;
        }
        let number = if w.len() <= 4 && w.bytes().all(|c| c.is_ascii_digit()) {
            w.parse::<u16>().ok().filter(|&n| n > 0)
        } else {
            COUNT_WORDS
                .iter()
                .find(|c| c.0.eq_ignore_ascii_case(w))
                .map(|c| c.1)
        };
        if let Some(n) = number {
            // up to three fillers, then the casualty word
            for (k, &next) in words.iter().enumerate().skip(i + 1).take(4) {
                if is(next, CASUALTY_WORDS) {
                    out.push(n);
                    break;
                }
                if !bare(next) || !is(next, COUNT_FILLERS) || k == i + 4 {
                    break;
                }
            }
            continue;
        }
        if let Some(&(_, n)) = MULTIPLE_WORDS.iter().find(|m| m.0.eq_ignore_ascii_case(w)) {
            if words.get(i + 1).is_some_and(|&next| is(next, MULTIPLE_OF)) {
                out.push(n);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The key of an entity string (already folded or canonical).
pub fn entity_key(entity: &str) -> u64 {
    xxh3_64_with_seed(entity.as_bytes(), ENTITY_SEED)
}

impl Analyzer {
    pub fn features(&mut self, doc: &ClusterDoc, w: FieldWeights) -> DocFeatures {
        let lang = match doc.lang.as_str() {
            "fr" => 0,
            "en" => 1,
            _ => 2,
        };
        let body = doc
            .body
            .strip_prefix(doc.lead.as_str())
            .unwrap_or(&doc.body);
        let title_toks = tokenize(&doc.title);
        let lead_toks = tokenize(&doc.lead);
        let body_toks = body_tokens(body, w.max_body_words);
        self.occurrences.clear();
        self.count(&doc.title, &title_toks, lang, w.title);
        self.count(&doc.lead, &lead_toks, lang, w.lead);
        self.count(body, &body_toks, lang, 1.0);
        let terms = sum_by_term(&mut self.occurrences);
        self.occurrences.clear();
        self.count(&doc.title, &title_toks, lang, 1.0);
        let title_terms = sum_by_term(&mut self.occurrences);
        let title_tail = title_tail(&doc.title).map(|(_, at)| {
            let tail: Vec<Token> = title_toks
                .iter()
                .filter(|t| t.span.start as usize >= at)
                .copied()
                .collect();
            self.occurrences.clear();
            self.count(&doc.title, &tail, lang, w.title);
            TitleTail {
                key: tail_key(&doc.title[at..]),
                terms: sum_by_term(&mut self.occurrences),
            }
        });

        let mut names: Vec<String> = Vec::new();
        if doc.entities.is_empty() {
            if !is_title_case(&doc.title) {
                entity_like_tokens(&doc.title, &title_toks, usize::MAX, &mut names);
            }
            entity_like_tokens(&doc.lead, &lead_toks, usize::MAX, &mut names);
            entity_like_tokens(body, &body_toks, usize::MAX, &mut names);
            add_known_openers(&doc.title, &title_toks, &mut names);
            add_known_openers(&doc.lead, &lead_toks, &mut names);
        } else {
            names.extend(doc.entities.iter().cloned());
        }
        let mut entities: Vec<u64> = names.iter().map(|n| entity_key(n)).collect();
        entities.sort_unstable();
        entities.dedup();
        let keys = |key: fn(&str) -> Option<u64>| {
            let mut v: Vec<u64> = doc.mentioned_dates.iter().filter_map(|d| key(d)).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let dates = keys(date_key);
        let days = keys(day_key);
        let mut ages = ages(&doc.title);
        ages.extend(ages_in_start(&doc.lead, body));
        ages.sort_unstable();
        ages.dedup();
        let mut counts = casualty_counts(&doc.title);
        counts.extend(casualty_counts(&doc.lead));
        counts.sort_unstable();
        counts.dedup();
        DocFeatures {
            terms,
            entities,
            dates,
            days,
            title_tail,
            title_terms,
            ages,
            counts,
        }
    }

    /// Appends the stem hash and `weight` of each word of `tokens` to
    /// `self.occurrences`.
    fn count(&mut self, text: &str, tokens: &[Token], lang: usize, weight: f32) {
        for tok in tokens {
            if tok.kind != TokenKind::Word {
                continue;
            }
            if let Some(h) = self.stem_hash(tok.text(text), lang) {
                self.occurrences.push((h, weight));
            }
        }
    }

    /// The hash of a word's stem, or `None` for function words and single letters.
    fn stem_hash(&mut self, word: &str, lang: usize) -> Option<u64> {
        let key = xxh3_64(word.as_bytes());
        if let Some(h) = self.cache[lang].get(&key) {
            return *h;
        }
        self.word.clear();
        fold_into(word, &mut self.word);
        let h = if self.word.chars().count() < 2 || is_stop_word(&self.word) {
            None
        } else {
            let stem = match lang {
                0 => self.french.stem(&self.word),
                1 => self.english.stem(&self.word),
                _ => std::borrow::Cow::Borrowed(self.word.as_str()),
            };
            Some(xxh3_64(stem.as_bytes()))
        };
        if self.cache[lang].len() >= CACHE_LIMIT {
            self.cache[lang].clear();
        }
        self.cache[lang].insert(key, h);
        h
    }
}

/// The occurrences summed per stem, sorted by stem hash. The sort is stable
/// and the sum runs in occurrence order (title, lead, body), as a hash map
/// of counts filled in that order would give.
fn sum_by_term(occurrences: &mut [(u64, f32)]) -> Vec<(u64, f32)> {
    occurrences.sort_by_key(|e| e.0);
    let mut terms: Vec<(u64, f32)> = Vec::with_capacity(occurrences.len());
    for &(h, w) in occurrences.iter() {
        match terms.last_mut() {
            Some(last) if last.0 == h => last.1 += w,
            _ => terms.push((h, w)),
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, lead: &str, body: &str) -> ClusterDoc {
        ClusterDoc {
            key: 1,
            published: None,
            lang: "fr".into(),
            title: title.into(),
            lead: lead.into(),
            body: body.into(),
            ..ClusterDoc::default()
        }
    }

    #[test]
    fn ages_are_read_where_reports_give_them() {
        assert_eq!(
            ages("A 23-year-old man and a four-year-old girl were shot; John Smith, 41, and Ann Roe (17) were hurt."),
            [4, 17, 23, 41]
        );
        assert_eq!(ages("The 15 year old boy"), [15]);
        assert_eq!(
            ages("Aimé Scheller, 36 ans, sertisseur, et une femme âgée de 52 ans"),
            [36, 52]
        );
        // durations, counts, dates and larger numbers are no ages
        assert!(ages("depuis 20 ans, 1.5 million, March 3, 2016, 3,200 people, (2,5)").is_empty());
        assert!(ages("il y a 20 ans ; 10 ans de prison").is_empty());
        assert!(ages("").is_empty());
    }

    #[test]
    fn casualty_counts_are_read_from_headlines() {
        assert_eq!(
            casualty_counts("2 Killed, 7 Wounded in Miami Shooting"),
            [2, 7]
        );
        assert_eq!(casualty_counts("Five Shot Dead In South Shore"), [5]);
        assert_eq!(
            casualty_counts("4 Shot, 1 Fatally, At South Chicago Party"),
            [4]
        );
        assert_eq!(
            casualty_counts("3 Teen Boys Shot, Wounded In Marquette Park"),
            [3]
        );
        assert_eq!(
            casualty_counts("Police: 8 killed, 46 wounded in weekend shootings"),
            [8, 46]
        );
        assert_eq!(casualty_counts("Teen sentenced for quadruple murder"), [4]);
        assert_eq!(
            casualty_counts("Frappe sur Barda : deux morts et 3 blessés"),
            [2, 3]
        );
        assert_eq!(casualty_counts("trois personnes ont été tuées"), [3]);
        // ages, dates, compounds and other numbers are no counts
        assert!(casualty_counts("Boy, 16, shot in head on Far South Side").is_empty());
        assert!(casualty_counts("7-year-old shot in the July 26 shooting").is_empty());
        assert!(casualty_counts("Two men charged after baby girl shot").is_empty());
        assert!(casualty_counts("1,200 people were killed; (3) shot").is_empty());
        assert!(casualty_counts("").is_empty());
    }

    #[test]
    fn ages_count_in_the_first_paragraphs_only() {
        let far = format!("{} Smith, 41, was shot.", "word ".repeat(400));
        let f = Analyzer::default().features(
            &doc("Man shot", "A 23-year-old man was shot.", &far),
            FieldWeights {
                title: 3.0,
                lead: 2.0,
                max_body_words: 250,
            },
        );
        assert_eq!(f.ages, [23]);
    }

    fn weight_of(f: &DocFeatures, word: &str) -> f32 {
        let stem = Stemmer::create(Algorithm::French).stem(word).into_owned();
        let h = xxh3_64(stem.as_bytes());
        f.terms.iter().find(|e| e.0 == h).map_or(0.0, |e| e.1)
    }

    #[test]
    fn weights_title_and_lead_and_stems_inflections() {
        let w = FieldWeights {
            title: 3.0,
            lead: 2.0,
            max_body_words: 100,
        };
        let f = Analyzer::default().features(
            &doc(
                "Bombardements à Barda",
                "Barda bombardement",
                "Les bombardements continuent",
            ),
            w,
        );
        assert_eq!(weight_of(&f, "bombardements"), 3.0 + 2.0 + 1.0);
        assert_eq!(weight_of(&f, "barda"), 3.0 + 2.0);
        assert_eq!(weight_of(&f, "les"), 0.0, "stop words are dropped");
        assert!(f.entities.contains(&entity_key("barda")), "{f:?}");
    }

    #[test]
    fn body_is_read_up_to_its_limit_and_without_a_repeated_lead() {
        let w = FieldWeights {
            title: 1.0,
            lead: 1.0,
            max_body_words: 2,
        };
        let f = Analyzer::default().features(&doc("", "missile", "missile frappe ville proche"), w);
        assert_eq!(weight_of(&f, "missile"), 1.0, "{f:?}");
        assert_eq!(weight_of(&f, "ville"), 1.0);
        assert_eq!(weight_of(&f, "proche"), 0.0);
    }

    proptest::proptest! {
        #[test]
        fn summing_sorted_occurrences_equals_a_map_of_counts(
            occ in proptest::collection::vec((0u64..40, proptest::sample::select(vec![1.0f32, 2.0, 3.0, 0.5])), 0..200)
        ) {
            let mut map: std::collections::HashMap<u64, f32> = Default::default();
            for &(h, w) in &occ {
                *map.entry(h).or_insert(0.0) += w;
            }
            let mut want: Vec<(u64, f32)> = map.into_iter().collect();
            want.sort_unstable_by_key(|e| e.0);
            let mut occ = occ;
            proptest::prop_assert_eq!(sum_by_term(&mut occ), want);
        }

        #[test]
        fn casualty_counts_of_any_text_are_sorted_and_positive(
            text in "([0-9]{1,5}|[a-zé]{1,6}|two|people|were|shot|killed|morts|triple|murder|, |\\(|\\)|-|\\.| |é){0,40}"
        ) {
            let c = casualty_counts(&text);
            proptest::prop_assert!(c.windows(2).all(|w| w[0] < w[1]));
            proptest::prop_assert!(c.iter().all(|&x| (1..=9999).contains(&x)));
        }

        #[test]
        fn ages_of_any_text_are_sorted_small_numbers(
            text in "([0-9]{1,4}|[a-zéâ]{1,6}|, |\\(|\\)|-year-old| ans|âgé de |\\.| |é|,){0,40}"
        ) {
            let a = ages(&text);
            proptest::prop_assert!(a.windows(2).all(|w| w[0] < w[1]));
            proptest::prop_assert!(a.iter().all(|&x| x <= 99));
        }
    }

    #[test]
    fn a_word_as_written_and_folded_has_one_stem() {
        let mut a = Analyzer::default();
        for lang in [0, 1] {
            let folded = a.stem_hash("bombardements", lang);
            assert!(folded.is_some());
            assert_eq!(a.stem_hash("Bombardements", lang), folded);
            assert_eq!(a.stem_hash("BOMBARDEMENTS", lang), folded);
            assert_eq!(a.stem_hash("Élysée", lang), a.stem_hash("elysee", lang));
            assert_eq!(
                a.stem_hash("Les", lang),
                None,
                "stop words, whatever the case"
            );
        }
    }

    #[test]
    fn a_day_key_keeps_the_year() {
        assert_eq!(day_key("2020-10-28"), day_key("2020-10-28T20:00"));
        assert!(day_key("2020-10-28").is_some());
        assert_ne!(day_key("2020-10-28"), day_key("2021-10-28"));
        for v in ["XXXX-10-28", "2020-10", "2020-W43", "P3D", "", "2020-1"] {
            assert_eq!(day_key(v), None, "{v}");
        }
    }

    #[test]
    fn only_day_level_dates_are_keys_and_the_year_is_ignored() {
        assert_eq!(date_key("2020-10-28"), date_key("XXXX-10-28"));
        assert_eq!(date_key("2020-10-28"), date_key("2021-10-28T20:00"));
        assert!(date_key("2020-10-28").is_some());
        assert_ne!(date_key("2020-10-28"), date_key("2020-10-27"));
        for v in [
            "2020-10",
            "2020-W43",
            "P44D",
            "XXXX-WXX-3",
            "2020",
            "",
            "2020-1x-28",
        ] {
            assert_eq!(date_key(v), None, "{v}");
        }
    }

    #[test]
    fn given_entities_replace_the_derived_ones() {
        let w = FieldWeights {
            title: 1.0,
            lead: 1.0,
            max_body_words: 100,
        };
        let mut d = doc("", "", "Tirs sur Barda");
        d.entities = vec!["Q123".into()];
        let f = Analyzer::default().features(&d, w);
        assert_eq!(f.entities, vec![entity_key("Q123")]);
    }
}
