//! Cleaning: from the body a source gave to the text the analysis reads.
//!
//! The cleaner works in three passes over the raw body, never editing a
//! string in place, so that the clean text keeps an exact [`OffsetMap`] back
//! to the raw body:
//!
//! 1. **Lines** ([`lines`]): the body is cut into trimmed lines, and lines are
//!    joined into logical lines when the next one starts with a lowercase
//!    letter (a hard-wrapped paragraph). Each logical line becomes one
//!    paragraph; paragraphs are separated by exactly `"\n\n"`.
//! 2. **Line rules**, on the normalised form of each short logical line:
//!    a ` date YYYY-MM` marker at the head of a line ([`markers`], plain-text
//!    dispatches only; the first one gives the date), "Posted: … Updated: …" stamps, navigation, sharing, cookie and
//!    copyright lines ([`boilerplate`]), photo credits, agency bylines at the
//!    end, the headline (plain text without a title: a short first line
//!    without sentence-final punctuation, minus a `/ Photo: …` tail) and a
//!    first line that repeats the title. A rule removes whole lines or a
//!    line's head or tail, never part of a sentence.
//! 3. **Characters** ([`whitespace`]): white space, quotes, sentences glued by
//!    a lost space, doubled names ([`glued_names`]).
//!
//! Every content removal is listed in [`CleanDoc::removed`] with its raw span
//! and a reason (`date-marker`, `timestamp`, `boilerplate`, `separator`,
//! `copyright`, `photo-credit`, `credit`, `title`, `duplicate-title`,
//! `glued-name`); white space, invisible characters and quote forms are
//! normalised without being listed (the map still accounts for them).
//!
//! Cleaning is idempotent: cleaning a document made of a clean document's
//! text, title and date gives the same text (`clean_is_idempotent`).

mod boilerplate;
mod glued_names;
mod lines;
mod markers;
mod site_title;
mod whitespace;

use crate::tokens::fold;
use lines::{is_blank_char, Line};
use veille_model::{CleanDoc, Format, OffsetMap, RawDoc, Removal, Span};
use whitespace::{EmitOptions, Emitter};

/// Logical lines with more visible characters than this are body text: the
/// line rules (all limited to shorter lines) are not tried on them, which
/// keeps long one-line articles on a single pass.
const LINE_RULES_MAX_CHARS: usize = 700;

/// Longest headline taken from the first line, in characters.
const MAX_HEADLINE_CHARS: usize = 200;

/// Which cleaning rules apply. All are on by default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanerConfig {
    /// For [`Format::Text`] bodies: read a leading ` date YYYY-MM` marker into
    /// the publication date and take a headline first line as the title.
    pub split_plain_text: bool,
    /// Remove navigation, sharing, cookie, copyright, credit and time-stamp lines.
    pub remove_boilerplate: bool,
    /// Keep one variant of doubled names ("AliyevAliev" → "Aliev").
    pub fix_glued_names: bool,
    /// Put back a lost space after a sentence ("Pyrénées.Alors" → "Pyrénées. Alors").
    pub fix_glued_sentences: bool,
}

impl Default for CleanerConfig {
    fn default() -> CleanerConfig {
        CleanerConfig {
            split_plain_text: true,
            remove_boilerplate: true,
            fix_glued_names: true,
            fix_glued_sentences: true,
        }
    }
}

/// Turns a [`RawDoc`] into a [`CleanDoc`]. Cheap to build, `Sync`, no state.
#[derive(Debug, Clone, Default)]
pub struct Cleaner {
    config: CleanerConfig,
}

/// A logical line: raw ranges (trimmed lines) joined by spaces.
#[derive(Debug)]
struct Kept {
    ranges: Vec<(usize, usize)>,
    /// The normalised text, for short lines only.
    norm: Option<String>,
    /// The whole line's character pass, when the line is kept whole: the
    /// final text reuses it instead of running the pass again.
    whole: Option<Fragment>,
}

/// The character pass over one line, alone.
#[derive(Debug)]
struct Fragment {
    map: OffsetMap,
    removed: Vec<Removal>,
}

impl Cleaner {
    pub fn new(config: CleanerConfig) -> Cleaner {
        Cleaner { config }
    }

    pub fn config(&self) -> &CleanerConfig {
        &self.config
    }

    fn emit_options(&self) -> EmitOptions {
        EmitOptions {
            glued_names: self.config.fix_glued_names,
            glued_sentences: self.config.fix_glued_sentences,
        }
    }

    /// Cleans one document. Never fails: a body that is all boilerplate gives
    /// an empty text.
    pub fn clean(&self, raw: RawDoc) -> CleanDoc {
        // invisible characters go first, so that every rule sees the text a
        // reader sees (and a second cleaning sees the same)
        let stripped = strip_invisible(&raw.body);
        let body = stripped
            .as_ref()
            .map_or(raw.body.as_str(), |s| s.0.as_str());
        let opts = self.emit_options();
        let is_text = raw.format == Format::Text && self.config.split_plain_text;
        let boiler = self.config.remove_boilerplate;
        let mut removed: Vec<Removal> = Vec::new();
        let mut published = raw.published;
        let mut kept: Vec<Kept> = Vec::new();

        for ranges in logical_lines(body) {
            if visible_chars(body, &ranges, LINE_RULES_MAX_CHARS) > LINE_RULES_MAX_CHARS {
                let mut ranges = ranges;
                if is_text {
                    strip_raw_date_markers(body, &mut ranges, &mut removed, &mut published);
                }
                kept.push(Kept {
                    ranges,
                    norm: None,
                    whole: None,
                });
                continue;
            }
            let (norm, map, frag_removed) = normalise_with_removals(body, &ranges, opts);
            let (mut a, mut b) = (0, norm.len());
            if is_text {
                while let Some((n, date)) = markers::date_marker(&norm[a..b]) {
                    push_removal(&mut removed, &map, a, a + n, "date-marker");
                    published = published.or(Some(date));
                    a += n;
                }
            }
            if boiler {
                while let Some(at) = markers::stamp_start(&norm[a..b]) {
                    push_removal(&mut removed, &map, a + at, b, "timestamp");
                    b = a + norm[a..a + at].trim_end().len();
                }
            }
            if a == b {
                continue;
            }
            let piece = &norm[a..b];
            if boiler {
                let reason = boilerplate::classify(piece)
                    .or_else(|| markers::is_photo_credit_line(piece).then_some("photo-credit"));
                if let Some(reason) = reason {
                    push_removal(&mut removed, &map, a, b, reason);
                    continue;
                }
            }
            let whole = (a == 0 && b == norm.len()).then_some(());
            let ranges = clip(body, &ranges, map.to_original(a), map.to_original(b));
            if !ranges.is_empty() {
                let piece = piece.to_string();
                kept.push(Kept {
                    ranges,
                    whole: whole.map(|()| Fragment {
                        map,
                        removed: frag_removed,
                    }),
                    norm: Some(piece),
                });
            }
        }

        if boiler {
            while let Some(last) = kept.last() {
                match &last.norm {
                    Some(n) if markers::is_agency_line(n) => {
                        removed.push(removal(extent(&last.ranges), "credit"));
                        kept.pop();
                    }
                    _ => break,
                }
            }
        }

        let mut title = raw
            .title
            .as_deref()
            .map(|t| self.clean_title(t, raw.url.as_deref(), raw.site.as_deref()))
            .filter(|t| !t.is_empty());
        if title.is_none() && is_text && kept.len() >= 2 && kept[0].norm.is_some() {
            if let Some((t, mut rm)) = self.headline(body, &kept[0].ranges) {
                title = Some(t);
                removed.append(&mut rm);
                kept.remove(0);
            }
        }
        if let Some(t) = &title {
            let folded_title = fold(t);
            while let Some(first) = kept.first() {
                match &first.norm {
                    Some(n) if repeats_title(&folded_title, n) => {
                        removed.push(removal(extent(&first.ranges), "duplicate-title"));
                        kept.remove(0);
                    }
                    _ => break,
                }
            }
        }

        let mut e = Emitter::new(body, opts);
        for k in kept {
            e.begin_paragraph();
            match (k.whole, k.norm) {
                (Some(frag), Some(text)) => e.append_fragment(&text, &frag.map, frag.removed),
                _ => emit_ranges(&mut e, &k.ranges),
            }
        }
        let (text, mut map, mut glued) = e.finish();
        removed.append(&mut glued);
        if let Some((_, pre)) = &stripped {
            map = compose(&map, pre, text.len());
            for r in &mut removed {
                r.raw = pre.span_to_original(r.raw);
            }
        }
        removed.sort_by_key(|r| (r.raw.start, r.raw.end));

        CleanDoc {
            raw,
            title,
            text,
            map,
            published,
            removed,
        }
    }

    /// The normalised form of a title the source gave: white space and quotes
    /// as in the text, photo credit and time stamp tails removed, and (with
    /// the boilerplate rules) the site's name when the address proves it
    /// ([`site_title`]).
    fn clean_title(&self, title: &str, url: Option<&str>, site: Option<&str>) -> String {
        let line = lines::trimmed(title, 0, title.len());
        let (norm, _) = normalise(title, &[(line.start, line.end)], self.emit_options());
        let end = title_end(&norm);
        let t = &norm[..end];
        if self.config.remove_boilerplate {
            site_title::strip_site_name(t, url, site).to_string()
        } else {
            t.to_string()
        }
    }

    /// The first line as a headline, with the removals it makes, when it is one.
    fn headline(&self, body: &str, ranges: &[(usize, usize)]) -> Option<(String, Vec<Removal>)> {
        let (norm, map) = normalise(body, ranges, self.emit_options());
        let end = title_end(&norm);
        let candidate = &norm[..end];
        if !is_headline(candidate) {
            return None;
        }
        let mut rm = Vec::new();
        push_removal(&mut rm, &map, 0, end, "title");
        if end < norm.len() {
            let tail = norm.len() - norm[end..].trim_start().len();
            push_removal(&mut rm, &map, tail, norm.len(), "photo-credit");
        }
        Some((candidate.to_string(), rm))
    }
}

/// `body` without its invisible characters and the map back to `body`, or
/// `None` when it has none (the common case: no copy).
fn strip_invisible(body: &str) -> Option<(String, OffsetMap)> {
    let first = body.find(lines::is_invisible)?;
    let mut out = String::with_capacity(body.len());
    let mut map = OffsetMap::identity();
    out.push_str(&body[..first]);
    for (i, c) in body[first..].char_indices() {
        if lines::is_invisible(c) {
            continue;
        }
        map.push(out.len(), first + i);
        out.push(c);
    }
    Some((out, map))
}

/// The map `outer` (clean → stripped) followed by `inner` (stripped → raw).
fn compose(outer: &OffsetMap, inner: &OffsetMap, derived_len: usize) -> OffsetMap {
    let mut out = OffsetMap::default();
    let a = outer.anchors();
    let b = inner.anchors();
    for (i, &(d, m)) in a.iter().enumerate() {
        let (d, m) = (d as usize, m as usize);
        let seg_end = a.get(i + 1).map_or(derived_len, |n| n.0 as usize);
        out.push(d, inner.to_original(m));
        let len = seg_end.saturating_sub(d);
        let from = b.partition_point(|x| (x.0 as usize) <= m);
        for &(bm, br) in &b[from..] {
            let bm = bm as usize;
            if bm >= m + len {
                break;
            }
            out.push(d + (bm - m), br as usize);
        }
    }
    if out.anchors().is_empty() {
        OffsetMap::identity()
    } else {
        out
    }
}

/// Where a title ends once photo credit and time stamp tails are cut off.
fn title_end(norm: &str) -> usize {
    let mut end = norm.len();
    loop {
        let cut = markers::photo_tail(&norm[..end])
            .or_else(|| markers::stamp_start(&norm[..end]).filter(|&at| at > 0));
        match cut {
            Some(at) => end = norm[..at].trim_end().len(),
            None => return end,
        }
    }
}

fn removal(span: Span, reason: &str) -> Removal {
    Removal {
        raw: span,
        reason: reason.to_string(),
    }
}

fn push_removal(out: &mut Vec<Removal>, map: &OffsetMap, a: usize, b: usize, reason: &str) {
    let span = map.span_to_original(Span::new(a, b));
    if !span.is_empty() {
        out.push(removal(span, reason));
    }
}

fn extent(ranges: &[(usize, usize)]) -> Span {
    let start = ranges.first().map_or(0, |r| r.0);
    let end = ranges.last().map_or(start, |r| r.1);
    Span::new(start, end.max(start))
}

fn emit_ranges(e: &mut Emitter<'_>, ranges: &[(usize, usize)]) {
    if !ranges.is_empty() {
        e.emit_line(ranges);
    }
}

/// The character pass over some ranges of `raw`, alone.
fn normalise_with_removals(
    raw: &str,
    ranges: &[(usize, usize)],
    opts: EmitOptions,
) -> (String, OffsetMap, Vec<Removal>) {
    let mut e = Emitter::new(raw, opts);
    emit_ranges(&mut e, ranges);
    e.finish()
}

fn normalise(raw: &str, ranges: &[(usize, usize)], opts: EmitOptions) -> (String, OffsetMap) {
    let mut e = Emitter::new(raw, opts);
    emit_ranges(&mut e, ranges);
    let (text, map, _) = e.finish();
    (text, map)
}

/// Trimmed lines grouped into logical lines (raw ranges): a line that starts
/// with a lowercase letter continues the line before it.
fn logical_lines(body: &str) -> Vec<Vec<(usize, usize)>> {
    let mut out: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut open = false;
    for Line { start, end } in lines::lines(body) {
        if start == end {
            open = false;
            continue;
        }
        let continues = open
            && body[start..end]
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
        match out.last_mut() {
            Some(last) if continues => last.push((start, end)),
            _ => out.push(vec![(start, end)]),
        }
        open = true;
    }
    out
}

/// Visible characters of the ranges, counting no further than `limit + 1`.
fn visible_chars(body: &str, ranges: &[(usize, usize)], limit: usize) -> usize {
    let mut n = 0;
    for &(s, e) in ranges {
        for c in body[s..e].chars() {
            if !is_blank_char(c) {
                n += 1;
                if n > limit {
                    return n;
                }
            }
        }
    }
    n
}

/// Date markers at the head of a long first line, read from the raw text.
fn strip_raw_date_markers(
    body: &str,
    ranges: &mut [(usize, usize)],
    removed: &mut Vec<Removal>,
    published: &mut Option<veille_model::PartialDate>,
) {
    let Some(first) = ranges.first_mut() else {
        return;
    };
    while let Some((n, date)) = markers::date_marker(&body[first.0..first.1]) {
        removed.push(removal(Span::new(first.0, first.0 + n), "date-marker"));
        *published = published.or(Some(date));
        first.0 += n;
    }
}

/// The parts of `ranges` between raw offsets `from` and `to`, trimmed.
fn clip(body: &str, ranges: &[(usize, usize)], from: usize, to: usize) -> Vec<(usize, usize)> {
    ranges
        .iter()
        .filter_map(|&(s, e)| {
            let (s, e) = (s.max(from), e.min(to));
            if s >= e {
                return None;
            }
            let l = lines::trimmed(body, s, e);
            (!l.is_blank()).then_some((l.start, l.end))
        })
        .collect()
}

/// A short line without sentence-final punctuation that starts like a title.
fn is_headline(s: &str) -> bool {
    let chars = s.chars().count();
    if !(3..=MAX_HEADLINE_CHARS).contains(&chars) {
        return false;
    }
    let words = s.split_whitespace().count();
    if !(2..=30).contains(&words) {
        return false;
    }
    let Some(first) = s.chars().next() else {
        return false;
    };
    if !(first.is_uppercase() || first.is_ascii_digit() || matches!(first, '«' | '"' | '“')) {
        return false;
    }
    let last = s
        .trim_end_matches(['»', '"', '”', ')', ' '])
        .chars()
        .next_back();
    match last {
        None => false,
        Some('.' | ',' | ';' | ':' | '…' | '-' | '–' | '—') => false,
        Some('?' | '!') => words <= 14 && !has_inner_sentence_end(s),
        Some(_) => !has_inner_sentence_end(s),
    }
}

/// "Foo bar. Baz" holds two sentences: not a headline.
fn has_inner_sentence_end(s: &str) -> bool {
    s.match_indices(". ").any(|(i, _)| {
        let before = s[..i]
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .count();
        before > 1 && s[i + 2..].chars().next().is_some_and(char::is_uppercase)
    })
}

/// Whether a first line repeats the title (GVA pages start with the headline;
/// the title often carries a " - SITE" suffix the line has not).
fn repeats_title(folded_title: &str, line: &str) -> bool {
    if line.len() > 2 * folded_title.len() + 8 {
        return false;
    }
    let l = fold(line);
    if l == folded_title {
        return true;
    }
    l.chars().count() >= 20
        && folded_title.starts_with(&l)
        && folded_title[l.len()..]
            .trim_start()
            .starts_with(['-', '|', '–', '—', ':'])
}

#[cfg(test)]
mod tests;
