//! Full-text search: the analyser that turns text into index terms, the
//! derived stage that keeps the store's FTS5 index current on ingest, and
//! queries with snippets.
//!
//! # The analyser
//!
//! Words are the tokens of `veille-text` (UAX #29 words, French elisions
//! split off), [folded](veille_text::fold) (lowercase, accents removed),
//! stop words of the document's language dropped, and reduced to their
//! Snowball stem in that language (`bombardements` → `bombard`,
//! `Arménie` → `armen`); languages without a stemmer keep the folded word.
//! A document's terms go to the store's `search_docs` table (title and text
//! columns).
//!
//! A query's language is not known, so each query word is looked up under
//! several terms: its stem in every language searched (French and English,
//! or the one of `--lang`) and the folded word itself (what documents in a
//! language without a stemmer hold). Documents stemmed in a third language
//! (German, Russian…) match only where their stem equals one of those. A word that is a stop
//! word in one of those languages is dropped from the query (it was never
//! indexed in documents of that language). Every remaining word must match.
//!
//! # Snippets
//!
//! FTS5 matches terms, not text, so highlights are computed here: the hits'
//! sentences are analysed again and every word whose term is one of the
//! query's is a highlight, a byte span of the cleaned text (and of the title
//! for title highlights). The snippet is the sentence with the most distinct
//! query words (then the earliest), cut to [`SNIPPET_BYTES`] around its
//! first highlight.
//!
//! Only what a snippet needs is read (the title, cleaned text and sentence
//! spans, [`Store::snippet_source`]), sentences are read until one holds
//! every query word, and in languages whose stemmer keeps a word's first
//! two letters a sentence is tokenized, and a word stemmed, only when a
//! word of it starts with the first two letters of a query term (a
//! property test and the seeds check this finds the same words as
//! analysing every word). Measured on 111k documents, 20 hits: snippets
//! went from ~20 ms to ~1–5 ms per query (`cargo xtask bench
//! search-phases`, loaded machine).
//!
//! # Measured
//!
//! See `reports/search.md` (`cargo run --release -p xtask -- bench search`).

use crate::stage::{catch_up, Stage, StageDoc};
use crate::Result;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use veille_model::{AnalysedDoc, DocId, Span};
use veille_store::{SearchFilter, SearchRow, SnippetSource, Store};
use veille_text::{fold_into, is_stop_word, tokenize, Stemmer};

/// The longest snippet, in bytes of the cleaned text (cut on char boundaries).
pub const SNIPPET_BYTES: usize = 280;

/// The languages a query is stemmed for when none is given.
const DEFAULT_QUERY_LANGS: &[&str] = &["fr", "en"];

/// The terms of a text in a language, with the byte span of each word.
pub fn terms(text: &str, lang: &str) -> Vec<(String, Span)> {
    let stemmer = Stemmer::for_lang(lang);
    let mut out = Vec::new();
    let mut folded = String::new();
    for token in tokenize(text) {
        folded.clear();
        fold_into(token.text(text), &mut folded);
        // a lone combining mark folds to nothing
        if folded.is_empty() || is_stop_word(lang, &folded) {
            continue;
        }
        let term = match &stemmer {
            Some(s) => s.stem(&folded).into_owned(),
            None => folded.clone(),
        };
        out.push((term, token.span));
    }
    out
}

fn joined_terms(text: &str, lang: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (term, _) in terms(text, lang) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&term);
    }
    out
}

/// The index row of a document: the terms of its title and text.
pub fn search_row(id: DocId, doc: &AnalysedDoc) -> SearchRow {
    let lang = doc.lang.code.as_str();
    SearchRow {
        doc: id,
        title: doc
            .clean
            .title
            .as_deref()
            .map(|t| joined_terms(t, lang))
            .unwrap_or_default(),
        body: joined_terms(&doc.clean.text, lang),
    }
}

/// One word of a query and the terms it is looked up under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueryWord {
    /// The word as typed.
    pub word: String,
    /// Its stems in the languages searched and its folded form, deduplicated.
    pub terms: Vec<String>,
}

/// The words of a query with their terms; stop words and words without a
/// letter or digit are dropped. `lang` restricts the stemmers to one
/// language.
pub fn parse_query(query: &str, lang: Option<&str>) -> Vec<QueryWord> {
    let langs: Vec<&str> = match lang {
        Some(l) => vec![l],
        None => DEFAULT_QUERY_LANGS.to_vec(),
    };
    let stemmers: Vec<Option<Stemmer>> = langs.iter().map(|l| Stemmer::for_lang(l)).collect();
    let mut out: Vec<QueryWord> = Vec::new();
    let mut keys: Vec<Vec<String>> = Vec::new();
    for token in tokenize(query) {
        let word = token.text(query);
        let folded = veille_text::fold(word);
        if folded.is_empty() {
            continue;
        }
        if langs.iter().any(|l| is_stop_word(l, &folded)) {
            continue;
        }
        let mut stems: Vec<String> = stemmers
            .iter()
            .flatten()
            .map(|st| st.stem(&folded).into_owned())
            .collect();
        stems.sort();
        stems.dedup();
        // the same word under another form ("frappe frappes") is searched once
        let key = if stems.is_empty() {
            vec![folded.clone()]
        } else {
            stems.clone()
        };
        if keys.contains(&key) {
            continue;
        }
        keys.push(key);
        // documents in a language without a stemmer (undetermined,
        // Armenian…) hold folded words
        let mut terms = stems;
        terms.push(folded);
        terms.sort();
        terms.dedup();
        out.push(QueryWord {
            word: word.to_string(),
            terms,
        });
    }
    out
}

/// A search: the query text, filters and paging.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SearchRequest {
    pub query: String,
    #[serde(flatten)]
    pub filter: SearchFilter,
}

/// The part of a document's text shown under a hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The index of the sentence it comes from.
    pub sentence: u32,
    /// Its byte range in the cleaned text.
    pub span: Span,
    pub text: String,
    /// Whether text was cut before or after it.
    pub cut_before: bool,
    pub cut_after: bool,
    /// The matched words, byte ranges of the cleaned text inside `span`.
    pub highlights: Vec<Span>,
}

/// One matching document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResult {
    #[serde(flatten)]
    pub doc: veille_store::DocSummary,
    /// BM25 (higher is better).
    pub score: f64,
    /// Matched words of the title, byte ranges of `title`.
    pub title_highlights: Vec<Span>,
    /// The best sentence, `None` when only the title matched.
    pub snippet: Option<Snippet>,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// The query words that were searched, with their terms.
    pub words: Vec<QueryWord>,
    pub hits: Vec<SearchResult>,
    /// `Some(n)`: the query matched more than `n` documents and only the
    /// newest `n` (by ingest order) were ranked ([`veille_store::RANK_WINDOW`]).
    pub ranked_newest: Option<usize>,
    /// Documents stored but not yet indexed (run `veille update`).
    pub unindexed: u64,
}

/// Runs a search on a store.
pub(crate) fn search(store: &Store, req: &SearchRequest) -> Result<SearchResults> {
    let words = parse_query(&req.query, req.filter.lang.as_deref());
    let terms: Vec<Vec<String>> = words.iter().map(|w| w.terms.clone()).collect();
    let found = store.search(&terms, &req.filter)?;
    let ids: Vec<DocId> = found.hits.iter().map(|h| h.doc.id).collect();
    let sources = store.snippet_sources(&ids)?;
    let query = QueryTerms::new(&words);
    let mut memo = Memo::default();
    let mut hits = Vec::with_capacity(found.hits.len());
    for (hit, doc) in found.hits.into_iter().zip(&sources) {
        let (title_highlights, snippet) = highlight_with(&query, doc, &mut memo);
        hits.push(SearchResult {
            doc: hit.doc,
            score: hit.score,
            title_highlights,
            snippet,
        });
    }
    let last = store.last_doc_id()?.0;
    let indexed = store.search_progress()?.0;
    Ok(SearchResults {
        words,
        hits,
        ranked_newest: found.ranked_newest,
        unindexed: u64::try_from(last - indexed.min(last)).unwrap_or(0),
    })
}

/// The languages whose Snowball stemmer never changes a word's first two
/// letters (it rewrites endings inside regions that start after them; no
/// prefix stripping as in Arabic), except the English forms of
/// [`IRREGULAR_HEADS`]. For them, and for languages without a stemmer
/// (terms are folded words), a word is analysed only when its first two
/// folded letters start a query term.
const STEM_KEEPS_HEAD: &[&str] = &["fr", "en", "de", "es", "it", "pt", "nl"];

/// English words whose Porter2 stem changes the second letter
/// (`dying` → `die`): always analysed.
const IRREGULAR_HEADS: &[&str] = &["dying", "lying", "tying"];

/// The first two folded letters of a word (one for a one-letter word).
fn head(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    head_into(chars, &mut out);
    out
}

/// [`head`] into `out` (cleared first), so that a loop reuses one buffer.
fn head_into(chars: impl Iterator<Item = char>, out: &mut String) {
    out.clear();
    let mut buf = [0u8; 4];
    for c in chars {
        fold_into(c.encode_utf8(&mut buf), out);
        if let Some((second, _)) = out.char_indices().nth(1) {
            // keep two chars: a char may fold to several
            let end = out[second..]
                .chars()
                .next()
                .map_or(out.len(), |c| second + c.len_utf8());
            out.truncate(end);
            return;
        }
    }
}

/// A head as one number, its first char above its second (0 for a
/// one-char head), so that heads compare as integers, without a string
/// comparison per word of the text. A one-char head's key sorts just before
/// the keys of the heads it starts.
type HeadKey = u64;

/// The bits of a [`HeadKey`] that hold its second char.
const SECOND_CHAR: HeadKey = (1 << 21) - 1;

/// The [`HeadKey`] of the first two chars of `s` (the head of a word
/// already folded: folding is idempotent, so this is [`head`] of the word).
fn head_key(s: &str) -> HeadKey {
    let mut cs = s.chars();
    let first = cs.next().map_or(0, HeadKey::from);
    let second = cs.next().map_or(0, HeadKey::from);
    (first << 21) | second
}

/// The [`HeadKey`] of a word's folded head when its first two chars are
/// ASCII letters or digits (folding lowercases them and, NFD leaving them
/// first, keeps them first); `None` otherwise.
fn ascii_head_key(word: &str) -> Option<HeadKey> {
    match word.as_bytes() {
        [a, b, ..] if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() => Some(
            (HeadKey::from(a.to_ascii_lowercase()) << 21) | HeadKey::from(b.to_ascii_lowercase()),
        ),
        _ => None,
    }
}

/// The [`HeadKey`] of the word of `text` starting at byte `at` with the
/// letter or digit `c`: the first two chars of the run of letters, digits
/// and non-ASCII chars there, folded (`buf` is scratch space). ASCII
/// needs no folding beyond lowercase, the common case.
fn text_head_key(text: &str, at: usize, c: char, buf: &mut String) -> HeadKey {
    let rest = &text[at + c.len_utf8()..];
    let next = rest.chars().next();
    if c.is_ascii() {
        let first = HeadKey::from(c.to_ascii_lowercase()) << 21;
        match next {
            Some(n) if n.is_ascii_alphanumeric() => {
                return first | HeadKey::from(n.to_ascii_lowercase())
            }
            None => return first,
            Some(n) if n.is_ascii() => return first,
            _ => {}
        }
    }
    head_into(
        text[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || !c.is_ascii()),
        buf,
    );
    head_key(buf)
}

/// The runs of `text` between ASCII whitespace, each with its byte offset,
/// that can be tokenized alone and give the tokens tokenizing all of
/// `text` gives there. Under UAX #29 a word never spans a space, but a
/// combining or format mark after a space belongs to the space (WB4), so a
/// run starts only where an ASCII character follows the spaces; otherwise
/// it goes on to the next space.
fn chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let b = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < b.len() && b[at].is_ascii_whitespace() {
            at += 1;
        }
        if at >= b.len() {
            return None;
        }
        let start = at;
        loop {
            while at < b.len() && !b[at].is_ascii_whitespace() {
                at += 1;
            }
            let mut next = at;
            while next < b.len() && b[next].is_ascii_whitespace() {
                next += 1;
            }
            if next >= b.len() || b[next].is_ascii() {
                break;
            }
            // a non-ASCII char after the spaces: it may belong to them
            at = next;
        }
        // `start` and `at` sit next to ASCII bytes: char boundaries
        Some((start, &text[start..at]))
    })
}

/// Per query and document language, what a folded word of the text comes
/// to: the index of the query word whose term it stems to, or `None` (a
/// stop word, or a term of no query word). Words repeat across a hit's
/// sentences and across hits; each is stemmed once per query.
#[derive(Default)]
struct Memo {
    by_lang: HashMap<String, HashMap<String, Option<usize>>>,
}

/// The query's terms, each with the index of the query word it belongs to,
/// and their heads.
struct QueryTerms<'q> {
    owners: HashMap<&'q str, usize>,
    /// The heads of the terms, sorted; `None` when a term starts with
    /// something else than a letter or digit (the shortcut is then off).
    heads: Option<Vec<HeadKey>>,
    words: usize,
}

impl<'q> QueryTerms<'q> {
    fn new(words: &'q [QueryWord]) -> QueryTerms<'q> {
        let mut owners = HashMap::new();
        let mut heads = Some(Vec::new());
        for (i, w) in words.iter().enumerate() {
            for t in &w.terms {
                owners.entry(t.as_str()).or_insert(i);
                if !t.starts_with(char::is_alphanumeric) {
                    heads = None;
                }
                if let Some(h) = heads.as_mut() {
                    h.push(head_key(&head(t.chars())));
                }
            }
        }
        if let Some(h) = heads.as_mut() {
            h.sort_unstable();
            h.dedup();
        }
        QueryTerms {
            owners,
            heads,
            words: words.len(),
        }
    }

    /// Whether a word of head `h` may have a query term: its head is a
    /// term's head, its first letter is a one-letter term, or it is one
    /// letter that starts a term (an empty head may match anything).
    fn may_match(heads: &[HeadKey], h: HeadKey) -> bool {
        if h == 0 {
            return true;
        }
        match heads.binary_search(&h) {
            Ok(_) => true,
            // a one-letter head sorts just before the heads it starts
            Err(i) if h & SECOND_CHAR == 0 => heads.get(i).is_some_and(|x| x >> 21 == h >> 21),
            Err(_) => heads.binary_search(&(h & !SECOND_CHAR)).is_ok(),
        }
    }

    /// Whether `text` may hold a query term, looking only at the first two
    /// letters of each run of letters and digits (every token starts such
    /// a run, so this is a superset of the tokens' heads); `true` for text
    /// in scripts whose words the tokenizer splits otherwise (CJK…).
    fn text_may_match(heads: &[HeadKey], text: &str) -> bool {
        let mut prev_alnum = false;
        let mut buf = String::new();
        for (i, c) in text.char_indices() {
            let alnum = c.is_alphanumeric();
            if alnum && !prev_alnum {
                if !c.is_ascii() && !matches!(c, '\u{00C0}'..='\u{024F}') {
                    return true;
                }
                if QueryTerms::may_match(heads, text_head_key(text, i, c, &mut buf)) {
                    return true;
                }
            }
            prev_alnum = alnum;
        }
        false
    }

    /// The words of `text` (in `lang`) whose term is a query term: the
    /// query word's index and the word's span in `text`. The same words as
    /// filtering [`terms`], without analysing the words that cannot match.
    #[cfg(test)]
    fn matches(&self, text: &str, lang: &str, out: &mut Vec<(usize, Span)>) {
        let stemmer = Stemmer::for_lang(lang);
        self.matches_with(text, lang, stemmer.as_ref(), &mut HashMap::new(), out);
    }

    /// [`QueryTerms::matches`] with the language's stemmer made once by the
    /// caller and the words already analysed in this language (`memo`).
    fn matches_with(
        &self,
        text: &str,
        lang: &str,
        stemmer: Option<&Stemmer>,
        memo: &mut HashMap<String, Option<usize>>,
        out: &mut Vec<(usize, Span)>,
    ) {
        let heads = self
            .heads
            .as_deref()
            .filter(|_| stemmer.is_none() || STEM_KEEPS_HEAD.contains(&lang));
        let irregular = lang == "en";
        if let Some(h) = heads {
            let lower = irregular.then(|| text.to_ascii_lowercase());
            let has_irregular = lower
                .as_deref()
                .is_some_and(|l| IRREGULAR_HEADS.iter().any(|w| l.contains(w)));
            if !has_irregular {
                // only the chunks between spaces that may hold a term are
                // tokenized: tokenizing every sentence was half of a
                // snippet's cost (`reports/search.md`)
                for (at, chunk) in chunks(text) {
                    if QueryTerms::text_may_match(h, chunk) {
                        let from = out.len();
                        self.analyse(chunk, lang, Some(h), stemmer, memo, out);
                        for (_, span) in &mut out[from..] {
                            *span = Span::new(at + span.start as usize, at + span.end as usize);
                        }
                    }
                }
                return;
            }
        }
        self.analyse(text, lang, heads, stemmer, memo, out);
    }

    /// The words of `text` whose term is a query term (see
    /// [`QueryTerms::matches_with`]), every token of `text` looked at.
    fn analyse(
        &self,
        text: &str,
        lang: &str,
        heads: Option<&[HeadKey]>,
        stemmer: Option<&Stemmer>,
        memo: &mut HashMap<String, Option<usize>>,
        out: &mut Vec<(usize, Span)>,
    ) {
        let irregular = lang == "en";
        let mut folded = String::new();
        for token in tokenize(text) {
            let word = token.text(text);
            if let (Some(h), Some(key)) = (heads, ascii_head_key(word)) {
                // the folded word's head, known without folding it
                if !irregular && !QueryTerms::may_match(h, key) {
                    continue;
                }
            }
            folded.clear();
            fold_into(word, &mut folded);
            if folded.is_empty() {
                continue;
            }
            if let Some(h) = heads {
                let keep = QueryTerms::may_match(h, head_key(&folded))
                    || (irregular && IRREGULAR_HEADS.contains(&folded.as_str()));
                if !keep {
                    continue;
                }
            }
            let owner = match memo.get(folded.as_str()) {
                Some(o) => *o,
                None => {
                    let o = if is_stop_word(lang, &folded) {
                        None
                    } else {
                        let term = match stemmer {
                            Some(s) => s.stem(&folded),
                            None => std::borrow::Cow::Borrowed(folded.as_str()),
                        };
                        self.owners.get(term.as_ref()).copied()
                    };
                    memo.insert(folded.clone(), o);
                    o
                }
            };
            if let Some(w) = owner {
                out.push((w, token.span));
            }
        }
    }
}

/// The title highlights and the best snippet of a document for a query.
pub fn highlight(doc: &SnippetSource, words: &[QueryWord]) -> (Vec<Span>, Option<Snippet>) {
    highlight_with(&QueryTerms::new(words), doc, &mut Memo::default())
}

/// [`highlight`] with the query's terms prepared once for all hits, and the
/// words already analysed for this query.
fn highlight_with(
    query: &QueryTerms<'_>,
    doc: &SnippetSource,
    memo: &mut Memo,
) -> (Vec<Span>, Option<Snippet>) {
    let lang = doc.lang.as_str();
    let stemmer = Stemmer::for_lang(lang);
    let memo = memo.by_lang.entry(doc.lang.clone()).or_default();
    let mut found = Vec::new();
    if let Some(t) = doc.title.as_deref() {
        query.matches_with(t, lang, stemmer.as_ref(), memo, &mut found);
    }
    let title_highlights = found.drain(..).map(|(_, span)| span).collect();
    // (distinct words, -index) best; spans of the best sentence
    let mut best: Option<(usize, u32, Vec<Span>)> = None;
    for (i, s) in doc.sentences.iter().enumerate() {
        let Some(text) = s.get(&doc.text) else {
            continue;
        };
        found.clear();
        query.matches_with(text, lang, stemmer.as_ref(), memo, &mut found);
        if found.is_empty() {
            continue;
        }
        let mut seen = vec![false; query.words];
        for (w, _) in &found {
            seen[*w] = true;
        }
        let distinct = seen.iter().filter(|b| **b).count();
        if distinct > 0 && best.as_ref().is_none_or(|(d, _, _)| distinct > *d) {
            let spans = found
                .iter()
                .map(|(_, span)| {
                    Span::new(
                        s.start as usize + span.start as usize,
                        s.start as usize + span.end as usize,
                    )
                })
                .collect();
            best = Some((distinct, i as u32, spans));
            if distinct == query.words {
                // no later sentence can beat it: stop reading the text
                break;
            }
        }
    }
    let snippet = best.map(|(_, i, spans)| cut(&doc.text, i, doc.sentences[i as usize], spans));
    (title_highlights, snippet)
}

/// The snippet of `sentence`: all of it when short, else [`SNIPPET_BYTES`]
/// starting a little before the first highlight, on char boundaries.
fn cut(text: &str, index: u32, sentence: Span, highlights: Vec<Span>) -> Snippet {
    let (s, e) = (sentence.start as usize, sentence.end as usize);
    let (mut start, mut end) = (s, e);
    if e - s > SNIPPET_BYTES {
        let first = highlights.first().map_or(s, |h| h.start as usize);
        start = first.saturating_sub(SNIPPET_BYTES / 4).max(s);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        // start at a word boundary when one is near
        if start > s {
            if let Some(sp) = text[start..first].find(' ') {
                start += sp + 1;
            }
        }
        end = (start + SNIPPET_BYTES).min(e);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if end < e {
            if let Some(sp) = text[start..end].rfind(' ') {
                if sp > SNIPPET_BYTES / 2 {
                    end = start + sp;
                }
            }
        }
    }
    let highlights = highlights
        .into_iter()
        .filter(|h| h.start as usize >= start && h.end as usize <= end)
        .collect();
    Snippet {
        sentence: index,
        span: Span::new(start, end),
        text: text[start..end].to_string(),
        cut_before: start > s,
        cut_after: end < e,
        highlights,
    }
}

impl crate::Engine {
    /// Documents matching a full-text query, best first, with highlights.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        search(self.store(), req)
    }

    /// Indexes every stored document the search index does not hold yet
    /// (what `update` does for this stage alone); the number indexed.
    pub fn index_search(&mut self) -> Result<u64> {
        let store = self.store_mut();
        let mark = store.search_progress()?;
        let fed = catch_up(store, &mut SearchIndexer, mark)?;
        merge_segments(store, 1)?;
        Ok(fed)
    }
}

/// The most FTS5 index segments the search stage leaves after adding a
/// batch of documents; more are merged into one. Every write transaction
/// adds a segment and FTS5's automerge folds them by fours, so documents
/// ingested in small batches leave a few per level; a query walks every
/// segment's doclists (7 segments cost twice the match-and-rank CPU of one
/// on OrangeSum, `reports/search.md`), while a merge rewrites the whole
/// index (0.6 s for 36k documents), so it is done only past this many.
/// A bulk build (`Engine::index_search`, the stage catching up at load)
/// ends with one segment.
const MAX_SEGMENTS: usize = 8;

/// Merges the search index into one segment when it has more than `max`.
fn merge_segments(store: &mut Store, max: usize) -> Result<()> {
    let segments = store.search_segments()?;
    if segments > max {
        let t = std::time::Instant::now();
        store.optimize_search_index()?;
        tracing::info!(
            segments,
            ms = t.elapsed().as_millis() as u64,
            "search index merged into one segment"
        );
    }
    Ok(())
}

/// The derived stage that keeps the search index current.
#[derive(Debug, Default)]
pub(crate) struct SearchIndexer;

impl SearchIndexer {
    /// Indexes every stored document above the search progress mark.
    pub fn load(store: &mut Store) -> Result<SearchIndexer> {
        let mut stage = SearchIndexer;
        let mark = store.search_progress()?;
        let fed = catch_up(store, &mut stage, mark)?;
        if fed > 0 {
            tracing::info!(documents = fed, "search index caught up");
            merge_segments(store, 1)?;
        }
        Ok(stage)
    }
}

impl Stage for SearchIndexer {
    fn name(&self) -> &'static str {
        "search"
    }

    fn add(&mut self, store: &mut Store, docs: &[StageDoc<'_>]) -> Result<()> {
        let Some(last) = docs.last().map(|d| d.id) else {
            return Ok(());
        };
        let rows: Vec<SearchRow> = docs.par_iter().map(|d| search_row(d.id, d.doc)).collect();
        store.index_for_search(&rows, last)?;
        merge_segments(store, MAX_SEGMENTS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn terms_are_folded_stemmed_and_without_stop_words() {
        let text = "Les bombardements sur l'Arménie";
        let t: Vec<(String, &str)> = terms(text, "fr")
            .into_iter()
            .map(|(t, s)| (t, s.slice(text)))
            .collect();
        assert_eq!(
            t,
            [
                ("bombard".to_string(), "bombardements"),
                ("armen".to_string(), "Arménie")
            ]
        );
    }

    #[test]
    fn a_query_word_is_searched_under_its_french_and_english_stems() {
        let q = parse_query("Bombardements le", None);
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].terms.contains(&"bombard".to_string()), "{q:?}");
        let q = parse_query("shelling", Some("en"));
        assert_eq!(q[0].terms, ["shell", "shelling"]);
        // a word repeated under another form is searched once
        assert_eq!(parse_query("frappe frappes", Some("fr")).len(), 1);
        // a language without a stemmer: the folded word
        let q = parse_query("Ղարաբաղ Երևան", Some("hy"));
        assert_eq!(q[0].terms, ["ղարաբաղ"]);
        assert_eq!(q.len(), 2);
    }

    #[test]
    fn snippets_cut_long_sentences_on_char_boundaries_around_the_match() {
        let sentence = format!("{} Barda {}", "é".repeat(400), "à".repeat(400));
        let at = sentence.find("Barda").unwrap();
        let s = cut(
            &sentence,
            0,
            Span::new(0, sentence.len()),
            vec![Span::new(at, at + 5)],
        );
        assert!(s.text.contains("Barda"));
        assert!(s.text.len() <= SNIPPET_BYTES);
        assert!(s.cut_before && s.cut_after);
        assert_eq!(s.highlights[0].slice(&sentence), "Barda");
        assert_eq!(s.span.slice(&sentence), s.text);
    }

    /// The spans [`QueryTerms::matches`] finds, against the reference: every
    /// word of [`terms`] whose term is a query term.
    fn agree(text: &str, lang: &str, query: &str) -> Result<(), String> {
        let words = parse_query(query, None);
        let q = QueryTerms::new(&words);
        let mut fast = Vec::new();
        q.matches(text, lang, &mut fast);
        let slow: Vec<(usize, Span)> = terms(text, lang)
            .into_iter()
            .filter_map(|(t, span)| q.owners.get(t.as_str()).map(|&w| (w, span)))
            .collect();
        if fast == slow {
            Ok(())
        } else {
            Err(format!("{lang} {query:?}: {fast:?} != {slow:?}"))
        }
    }

    #[test]
    fn skipping_words_by_their_head_finds_every_match_on_the_seeds() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let words: Vec<&str> = text.split_whitespace().step_by(5).collect();
            for w in words {
                agree(&text, "fr", w).unwrap();
                n += 1;
            }
        }
        assert!(n > 100, "{n} queries");
        // English irregular forms change letters after the first
        for (text, q) in [
            ("The dying man was lying", "dies lie"),
            ("possibility of abilities", "possible able"),
            ("Yesterday's early yields", "yield earli"),
            ("Le 1 mai, 1er et 10", "1"),
        ] {
            agree(text, "en", q).unwrap();
        }
    }

    proptest! {
        /// Highlighting with the first-letter shortcut finds the same words
        /// as analysing every word, in any text and language.
        #[test]
        fn head_shortcut_matches_the_full_analysis(
            text in "([a-zA-Zéèàçœÿï' -]{1,12} ){0,30}",
            pick in proptest::collection::vec(0usize..30, 1..4),
            lang in prop::sample::select(vec!["fr", "en", "de", "es", "it", "pt", "nl", "ar", "hy"]),
        ) {
            let words: Vec<&str> = text.split_whitespace().collect();
            let query: Vec<&str> = pick.iter().filter_map(|i| words.get(*i).copied()).collect();
            prop_assert!(agree(&text, lang, &query.join(" ")).is_ok(), "{:?}", agree(&text, lang, &query.join(" ")));
        }

        /// The same with spaces of every kind, marks after spaces, digits,
        /// punctuation and letters outside the fast tokenizer's set, so
        /// that tokenizing only some runs between spaces is checked
        /// against tokenizing the whole text.
        #[test]
        fn head_shortcut_by_runs_matches_on_any_spacing(
            text in "([a-zA-Z0-9éÉàçœ'’.,:\\-]{1,8}[ \t\n\r\u{a0}\u{202f}\u{301}\u{200d}\u{ad}Жж,.]{0,3}){0,30}",
            pick in proptest::collection::vec(0usize..30, 1..4),
            lang in prop::sample::select(vec!["fr", "en", "de", "hy"]),
        ) {
            let words: Vec<&str> = text.split_whitespace().collect();
            let query: Vec<&str> = pick.iter().filter_map(|i| words.get(*i).copied()).collect();
            prop_assert!(agree(&text, lang, &query.join(" ")).is_ok(), "{:?}", agree(&text, lang, &query.join(" ")));
        }

        /// Every term is non-empty and its span slices back to the text, whatever the text.
        #[test]
        fn term_spans_slice_back(text in ".{0,200}", lang in prop::sample::select(vec!["fr", "en", "hy"])) {
            for (term, span) in terms(&text, lang) {
                prop_assert!(span.get(&text).is_some());
                prop_assert!(!term.is_empty());
            }
        }

        /// Parsing never panics and never yields a word without terms.
        #[test]
        fn any_query_parses(q in ".{0,100}") {
            for w in parse_query(&q, None) {
                prop_assert!(!w.terms.is_empty());
            }
        }
    }
}
