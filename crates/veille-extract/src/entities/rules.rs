//! The sentence rules: capitalised chunks, titles and roles, organisation
//! heads, gazetteer names and demonyms, each turned into a [`Candidate`]
//! that the document pass ([`super::resolve`]) settles.

use super::gazetteer::{name_key_of_folded, Gazetteer, NameRef};
use super::lexicon::*;
use veille_model::Span;
use veille_text::{fold, is_stop_word, tokenize, TokenKind};

/// A word of a sentence with what the rules look at.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub span: Span,
    pub folded: String,
    pub cap: bool,
    pub acronym: bool,
    /// The text between the previous word (or the sentence start) and this one.
    pub gap: Gap,
    /// The country this word is a demonym of ("arménienne"), unless it is
    /// capitalised and also a country's name ("Suisse").
    pub demonym: Option<u32>,
    /// The word lists it is in ([`lexicon`]).
    pub lex: u16,
}

impl Tok {
    /// Whether the word is in one of the lists of `set`.
    pub fn is(&self, set: Lex) -> bool {
        self.lex & set.0 != 0
    }
}

/// What a chunk was found to be, before the document pass.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Found {
    Person,
    Organisation,
    Country(u32),
    Demonym(u32),
    /// Gazetteer places with this name.
    Place(Vec<u32>),
    /// A place by its context only ("au Nagorny Karabakh").
    UnknownPlace,
    /// Places whose name sounds the same ("Goubadly" for Qubadlı): kept
    /// when the document names their country.
    SoundsLike(Vec<u32>),
    /// A capitalised word nothing classified: a person if the document names
    /// them in full elsewhere.
    Unknown,
}

/// A name found in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub span: Span,
    pub found: Found,
    pub sentence: usize,
    pub words: usize,
    pub title: Option<Span>,
    pub role: Option<Span>,
    /// The country a role's demonym names ("ministre arménien").
    pub role_country: Option<u32>,
    pub initial: bool,
    pub after_locative: bool,
    /// Not after a preposition and followed by a lowercase word: how a
    /// capital is used for its government ("Bakou a refusé").
    pub subject_like: bool,
    /// The whole mention as tagged: the name with its courtesy title, or
    /// the learned tagger's span (title and role words included, as in
    /// HIPE-2020).
    pub extent: Span,
    /// Proposed by the learned tagger: the document pass keeps it even
    /// when the gazetteer alone would not.
    pub confident: bool,
}

pub(crate) fn words(gaz: &Gazetteer, text: &str, sentence: Span) -> Vec<Tok> {
    let s = sentence.slice(text);
    let mut prev = 0;
    tokenize(s)
        .into_iter()
        .map(|t| {
            let w = t.text(s);
            let gap = Gap::of(&s[prev..t.span.start as usize]);
            prev = t.span.end as usize;
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            let folded = fold(w);
            let cap =
                w.chars().next().is_some_and(char::is_uppercase) && t.kind != TokenKind::Number;
            let demonym = gaz.demonym(&folded).filter(|_| {
                !cap || !gaz
                    .lookup(&folded)
                    .iter()
                    .any(|(_, r)| matches!(r, NameRef::Country(_)))
            });
            Tok {
                demonym,
                lex: lexicon(&folded),
                span: Span::new(
                    sentence.start as usize + t.span.start as usize,
                    sentence.start as usize + t.span.end as usize,
                ),
                folded,
                cap,
                acronym: (2..=7).contains(&letters)
                    && w.chars()
                        .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&'),
                gap,
            }
        })
        .collect()
}

/// What the rules need to know of the text between two words, computed
/// once per word (no allocation).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Gap {
    /// Spaces, a hyphen or nothing: the two words may be one name.
    joins: bool,
    /// Punctuation that opens a sentence, quote or heading.
    opens: bool,
    comma: bool,
    /// Only a comma (and spaces).
    comma_only: bool,
    /// Only a period (and spaces): an abbreviation's.
    period_only: bool,
    empty: bool,
    /// At most one byte.
    short: bool,
}

impl Gap {
    /// A small code of what separates two words, for the learned tagger's
    /// features: 0 nothing, 1 spaces or hyphen, 2 comma, 3 period, 4 other
    /// opening punctuation, 5 anything else.
    pub(crate) fn class(&self) -> u8 {
        if self.empty {
            0
        } else if self.comma_only {
            2
        } else if self.period_only {
            3
        } else if self.joins {
            1
        } else if self.opens {
            4
        } else {
            5
        }
    }

    /// Spaces, a hyphen or nothing: the two words may be one name.
    pub(crate) fn joins_words(&self) -> bool {
        self.joins
    }

    fn of(gap: &str) -> Gap {
        let trimmed = gap.trim();
        Gap {
            joins: gap.chars().all(|c| c == ' ' || c == '-' || c == '\u{a0}'),
            opens: opens_text(gap),
            comma: gap.contains(','),
            comma_only: trimmed == ",",
            period_only: trimmed == "." && gap.trim_start().starts_with('.'),
            empty: gap.is_empty(),
            short: gap.len() <= 1,
        }
    }
}

fn joins(gap: &Gap) -> bool {
    gap.joins
}

fn opens(gap: &Gap) -> bool {
    gap.opens
}

fn opens_text(gap: &str) -> bool {
    gap.contains([
        '.', '!', '?', '\n', ':', '«', '"', '“', '—', '(', '[', '•', '|', '–',
    ])
}

pub(crate) fn is_title_at(toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    if !t.is(TITLES) || !t.cap {
        return false;
    }
    let next_gap = toks.get(i + 1).map_or(Gap::default(), |n| n.gap);
    let abbreviated = t.folded.len() <= 4;
    // "M. Pachinian": an abbreviation needs its period; full words a space.
    (abbreviated && next_gap.period_only)
        || (!abbreviated && joins(&next_gap))
        || (abbreviated && joins(&next_gap) && t.folded != "m" && t.folded != "me")
}

/// The rules over one sentence.
pub(crate) struct SentenceRules<'a> {
    pub gaz: &'a Gazetteer,
    /// The document's text.
    pub text: &'a str,
    pub lang: &'a str,
    pub toks: &'a [Tok],
    pub sentence: usize,
}

/// `de`, `d'` or `du`: what joins a role or a body to its town.
fn is_of(folded: &str) -> bool {
    matches!(folded, "de" | "d'" | "du")
}

impl SentenceRules<'_> {
    fn demonym(&self, i: usize) -> Option<u32> {
        self.toks[i].demonym
    }

    fn shouting(&self) -> bool {
        let caps = self.toks.iter().filter(|t| t.acronym).count();
        self.toks.len() >= 4 && caps * 2 > self.toks.len()
    }

    /// Every candidate of the sentence, in order.
    pub fn run(&self) -> Vec<Candidate> {
        let toks = self.toks;
        let shouting = self.shouting();
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if let Some(c) = self.demonym(i) {
                out.push(self.candidate(i, i + 1, Found::Demonym(c)));
                i += 1;
                continue;
            }
            if !toks[i].cap {
                if toks[i].is(ORG_HEADS) {
                    if let Some(end) = self.org_after_lowercase_head(i) {
                        out.push(self.candidate(i, end, Found::Organisation));
                        i = end;
                        continue;
                    }
                }
                i += 1;
                continue;
            }
            let end = self.chunk_end(i);
            if let Some(c) = self.classify(i, end, shouting) {
                out.push(c);
            }
            i = end;
        }
        out
    }

    /// The end of the capitalised run starting at `i` (titles and name
    /// particles between capitals included).
    fn chunk_end(&self, i: usize) -> usize {
        let toks = self.toks;
        let mut j = i + 1;
        loop {
            if j >= toks.len() {
                return j;
            }
            let prev_title = is_title_at(toks, j - 1) && j - 1 == i;
            if toks[j].cap && (joins(&toks[j].gap) || prev_title) && self.demonym(j).is_none() {
                j += 1;
                continue;
            }
            // a particle between capitals: "Charles de Gaulle", "Conseil de l'Europe"
            let mut k = j;
            while k < toks.len()
                && k < j + 2
                && toks[k].is(NAME_PARTICLES)
                && !toks[k].cap
                && (joins(&toks[k].gap) || toks[k].gap.empty)
            {
                k += 1;
            }
            if k > j && k < toks.len() && toks[k].cap && joins(&toks[k].gap)
                || (k > j && k < toks.len() && toks[k].cap && toks[k].gap.empty)
            {
                j = k + 1;
                continue;
            }
            return j;
        }
    }

    /// Where an organisation named by its head word ends: over particles,
    /// capitals, adjectives after the head and nouns after a particle
    /// ("Cour européenne des droits de l'homme", "Conseil de sécurité").
    fn org_extent(&self, mut end: usize) -> usize {
        let toks = self.toks;
        let mut last = end;
        let mut after_particle = false;
        let mut after_head = true;
        while end < toks.len() && end < last + 4 && joins(&toks[end].gap)
            || (end < toks.len() && toks[end].gap.empty)
        {
            let t = &toks[end];
            let adjective = [
                "al", "ale", "aux", "ique", "ien", "ienne", "ais", "aise", "ain", "aine", "aire",
                "el", "elle", "ees", "ee", "ies", "unies", "al",
            ]
            .iter()
            .any(|s| t.folded.ends_with(s));
            if t.is(NAME_PARTICLES) && !t.cap {
                after_particle = true;
            } else if t.cap
                || (!is_stop_word(self.lang, &t.folded)
                    && (after_particle || (after_head && adjective)))
            {
                after_particle = false;
                after_head = adjective && after_head;
                last = end + 1;
            } else {
                break;
            }
            end += 1;
        }
        last
    }

    fn org_after_lowercase_head(&self, i: usize) -> Option<usize> {
        let toks = self.toks;
        let mut j = i + 1;
        while j < toks.len() && j <= i + 4 && !opens(&toks[j].gap) && !toks[j].gap.comma {
            if toks[j].cap {
                let mut end = self.chunk_end(j);
                while end < toks.len()
                    && !toks[end].cap
                    && joins(&toks[end].gap)
                    && toks[end].is(ROLE_FILLERS)
                    && !toks[end].is(NAME_PARTICLES)
                {
                    end += 1;
                }
                return Some(end);
            }
            if !(toks[j].is(NAME_PARTICLES) || self.demonym(j).is_some()) {
                return None;
            }
            j += 1;
        }
        None
    }

    pub(crate) fn candidate(&self, a: usize, b: usize, found: Found) -> Candidate {
        let toks = self.toks;
        let before = a.checked_sub(1).map(|p| toks[p].folded.as_str());
        let initial = a == 0 || opens(&toks[a].gap);
        let after_locative = !initial && a > 0 && toks[a - 1].is(LOCATIVES);
        let after_preposition = after_locative
            || before.is_some_and(|w| {
                matches!(
                    w,
                    "de" | "d'"
                        | "du"
                        | "des"
                        | "of"
                        | "par"
                        | "by"
                        | "avec"
                        | "with"
                        | "pour"
                        | "for"
                        | "entre"
                        | "between"
                        | "contre"
                        | "against"
                        | "et"
                        | "and"
                )
            });
        let followed_by_word = toks
            .get(b)
            .is_some_and(|n| !n.cap && joins(&n.gap) && n.gap.short);
        let span = Span::new(toks[a].span.start as usize, toks[b - 1].span.end as usize);
        Candidate {
            span,
            extent: span,
            confident: false,
            found,
            sentence: self.sentence,
            words: b - a,
            title: None,
            role: None,
            role_country: None,
            initial,
            after_locative,
            subject_like: !after_preposition && followed_by_word,
        }
    }

    fn classify(&self, a0: usize, end: usize, shouting: bool) -> Option<Candidate> {
        let toks = self.toks;
        let mut a = a0;
        let initial = a == 0 || opens(&toks[a].gap);
        // Leading words that are not names: days, "Selon", a capitalised
        // article opening the sentence.
        while a < end
            && (toks[a].is(NOT_NAMES)
                || toks[a].folded.ends_with('\'')
                || (a == a0
                    && initial
                    && is_stop_word(self.lang, &toks[a].folded)
                    && !is_title_at(toks, a)))
        {
            a += 1;
        }
        if a >= end {
            return None;
        }
        // Titles and roles inside the run ("M. Pachinian", "Prime Minister
        // Boris Johnson", "Azerbaijani President Ilham Aliyev"): the name is
        // what follows the last of them.
        let mut title = None;
        let mut role_start = None;
        let mut role_country = None;
        let mut name_start = a;
        for k in a..end {
            let t = &toks[k];
            if is_title_at(toks, k) {
                title = Some(t.span);
                name_start = k + 1;
            } else if t.is(ROLES) && k + 1 < end {
                role_start.get_or_insert(k);
                name_start = k + 1;
            } else if let Some(c) = self.demonym(k) {
                if k + 1 < end {
                    role_country = Some(c);
                    name_start = k + 1;
                }
            } else if role_start.is_some() && t.is(ROLE_FILLERS) && k + 1 < end {
                name_start = k + 1;
            }
        }
        let role_in_run = role_start.map(|r| {
            Span::new(
                toks[r].span.start as usize,
                toks[name_start - 1].span.end as usize,
            )
        });
        let a = name_start;
        if a >= end {
            return None;
        }
        let all_filler = toks[a..end]
            .iter()
            .all(|t| t.is(ROLE_FILLERS) || t.is(ROLES) || t.is(TITLES));
        if all_filler || (end - a == 1 && is_stop_word(self.lang, &toks[a].folded)) {
            return None;
        }
        let key = toks[a..end]
            .iter()
            .map(|t| t.folded.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let refs = self.gaz.lookup(&name_key_of_folded(&key));
        let country = refs.iter().find_map(|(_, r)| match r {
            NameRef::Country(c) => Some(*c),
            _ => None,
        });
        let places: Vec<u32> = refs
            .iter()
            .filter_map(|(_, r)| match r {
                NameRef::Place(p) => Some(*p),
                _ => None,
            })
            .collect();
        let (pre_role, pre_country) = self.role_before(a0.min(a), title.is_some());
        let post_role = self.role_after(end);
        let role = role_in_run.or(pre_role).or(post_role.map(|(s, _)| s));
        let role_country = role_country
            .or(pre_country)
            .or(post_role.and_then(|(_, c)| c));
        let head = &toks[a];
        let tail = &toks[end - 1];
        // A head word alone ("le Conseil", "l'Union") names no organisation.
        let org_end = if head.is(ORG_HEADS) {
            self.org_extent(end)
        } else {
            end
        };
        let big_place = places
            .iter()
            .any(|&p| self.gaz.place(p).population >= 15_000);
        // what would be a person: "Hôpitaux de Paris", "PS de Paris",
        // "l'Olympique de Marseille", "la République de Paris" after
        // `procureur` are bodies of the city ("Charles de Gaulle" names no
        // city; "M. Jean de Paris" has a title)
        let person_or_city_body = if title.is_none() && self.ends_with_a_city(a, end) {
            Found::Organisation
        } else {
            Found::Person
        };
        let found = if (end - a == 1 && head.is(ORG_NAMES))
            || head.is(ORG_HEADS) && (end - a >= 2 || org_end > end)
            || (end - a >= 2 && tail.is(ORG_TAILS))
        {
            Found::Organisation
        } else if let Some(c) = country {
            Found::Country(c)
        } else if end - a == 1 && toks[a].acronym && big_place {
            // "PARIS, 3 août": a dateline in capitals
            Found::Place(places.clone())
        } else if end - a == 1 && head.is(ORG_HEADS) {
            return None;
        } else if end - a == 1 && toks[a].acronym && !shouting {
            Found::Organisation
        } else if title.is_none()
            && role_in_run.is_none()
            && pre_role.is_some()
            && big_place
            && a > 0
            && is_of(&toks[a - 1].folded)
        {
            // the role's complement, not its holder: "le maire de Londres",
            // "l'évêque de Rome" (a town of 15,000 or more; "le général de
            // Gaulle" is none)
            Found::Place(places.clone())
        } else if title.is_some() || role.is_some() {
            person_or_city_body
        } else if !places.is_empty() {
            Found::Place(places)
        } else if end - a >= 2 && !initial {
            let before = a.checked_sub(1).map(|p| toks[p].folded.as_str());
            if before.is_some_and(|w| {
                is_in(LOCATIVES, w) || matches!(w, "le" | "la" | "les" | "l'" | "du" | "des")
            }) {
                Found::UnknownPlace
            } else {
                person_or_city_body
            }
        } else if end - a >= 2 {
            person_or_city_body
        } else if a > 0 && toks[a - 1].is(LOCATIVES) && !initial {
            let sounding = self.gaz.places_sounding(&super::translit_key(&key));
            if sounding.is_empty() {
                Found::UnknownPlace
            } else {
                Found::SoundsLike(sounding)
            }
        } else {
            let sounding = self.gaz.places_sounding(&super::translit_key(&key));
            if sounding.is_empty() {
                Found::Unknown
            } else {
                Found::SoundsLike(sounding)
            }
        };
        let end = if found == Found::Organisation {
            org_end
        } else {
            end
        };
        let mut c = self.candidate(a, end, found);
        if let Some(t) = title {
            c.extent = Span::new(t.start as usize, c.span.end as usize);
        }
        c.title = title;
        c.role = role;
        c.role_country = role_country;
        // A run's own title or role makes its first name word no sentence opener.
        c.initial = initial && a == a0;
        Some(c)
    }

    /// Whether the run `a..end` ends with `de`, `d'` or `du` and a place of
    /// 100,000 inhabitants or more, with capitalised words before it.
    fn ends_with_a_city(&self, a: usize, end: usize) -> bool {
        let toks = self.toks;
        let Some(p) = (a + 1..end.saturating_sub(1))
            .rev()
            .find(|&p| is_of(&toks[p].folded))
        else {
            return false;
        };
        let key = toks[p + 1..end]
            .iter()
            .map(|t| t.folded.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        self.gaz.lookup(&name_key_of_folded(&key)).iter().any(
            |(_, r)| matches!(r, NameRef::Place(i) if self.gaz.place(*i).population >= 100_000),
        )
    }

    /// A role just before a name: the nearest role word within six words,
    /// with only role fillers, demonyms and capitals between
    /// ("ministre arménien des Affaires étrangères Zohrab Mnatsakanian").
    pub(crate) fn role_before(&self, a: usize, has_title: bool) -> (Option<Span>, Option<u32>) {
        let toks = self.toks;
        if a == 0 || opens(&toks[a].gap) || toks[a].gap.comma {
            return (None, None);
        }
        let mut k = a;
        let mut country = None;
        let mut found = None;
        while k > 0 && a - k < 6 {
            k -= 1;
            let t = &toks[k];
            if t.is(ROLES) {
                found = Some(k);
                // "Premier ministre", "vice-président": keep role words together
                while k > 0 && toks[k - 1].is(ROLES) && !opens(&toks[k].gap) {
                    k -= 1;
                    found = Some(k);
                }
                break;
            }
            if let Some(c) = self.demonym(k) {
                country = Some(c);
            } else if !(t.is(ROLE_FILLERS) || t.cap) {
                break;
            }
            if opens(&t.gap) || t.gap.comma {
                break;
            }
        }
        let _ = has_title;
        match found {
            Some(r) => (
                Some(Span::new(
                    toks[r].span.start as usize,
                    toks[a - 1].span.end as usize,
                )),
                country,
            ),
            None => (None, None),
        }
    }

    /// A role in apposition: ", conseiller du président azerbaïdjanais".
    fn role_after(&self, end: usize) -> Option<(Span, Option<u32>)> {
        let toks = self.toks;
        let first = toks.get(end)?;
        if !first.gap.comma_only {
            return None;
        }
        let mut k = end;
        while k < toks.len()
            && k < end + 2
            && matches!(
                toks[k].folded.as_str(),
                "le" | "la"
                    | "l'"
                    | "the"
                    | "a"
                    | "an"
                    | "un"
                    | "une"
                    | "son"
                    | "sa"
                    | "his"
                    | "her"
            )
        {
            k += 1;
        }
        if k >= toks.len() || !toks[k].is(ROLES) {
            return None;
        }
        let start = k;
        let mut last = k;
        let mut country = None;
        k += 1;
        while k < toks.len() && k < start + 10 && joins(&toks[k].gap) {
            let t = &toks[k];
            if let Some(c) = self.demonym(k) {
                country.get_or_insert(c);
            } else {
                // a capital that is no role word opens the next name
                let filler = t.is(ROLE_FILLERS);
                let role_word = filler || (!t.cap && (t.is(ROLES) || t.is(NAME_PARTICLES)));
                if !role_word {
                    break;
                }
            }
            last = k;
            k += 1;
        }
        while last > start && toks[last].is(NAME_PARTICLES) {
            last -= 1;
        }
        Some((
            Span::new(
                toks[start].span.start as usize,
                toks[last].span.end as usize,
            ),
            country,
        ))
    }
}
