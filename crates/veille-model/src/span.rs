use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a text, usually the cleaned text
/// of a document. Both ends always fall on `char` boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// A span from `usize` offsets; panics if `start > end` (a bug in the caller).
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span start {start} after end {end}");
        Span {
            start: u32::try_from(start).expect("offset fits in u32"),
            end: u32::try_from(end).expect("offset fits in u32"),
        }
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The text this span covers, or `None` when it does not fit `text`.
    pub fn get<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.range())
    }

    /// The text this span covers; panics when the span does not fit `text`.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.range()]
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Bytes between the two spans, 0 when they touch or overlap: how far a
    /// date phrase stands from a figure.
    pub fn gap(&self, other: Span) -> u32 {
        if other.end <= self.start {
            self.start - other.end
        } else {
            other.start.saturating_sub(self.end)
        }
    }
}

/// Maps byte offsets of a derived text (the cleaned text) back to byte offsets
/// of the text it was derived from (the raw text).
///
/// It is a list of anchors `(derived, original)` sorted by `derived`; between
/// two anchors the texts advance together byte for byte, so an offset maps to
/// `original + (offset - derived)` of the last anchor at or before it, clamped
/// to the next anchor's original offset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetMap {
    anchors: Vec<(u32, u32)>,
}

impl OffsetMap {
    /// The identity map.
    pub fn identity() -> OffsetMap {
        OffsetMap {
            anchors: vec![(0, 0)],
        }
    }

    /// Records that derived offset `derived` corresponds to original offset
    /// `original`. Anchors must be pushed in non-decreasing `derived` order;
    /// an anchor at the same derived offset as the previous one replaces it.
    pub fn push(&mut self, derived: usize, original: usize) {
        let (d, o) = (derived as u32, original as u32);
        match self.anchors.last_mut() {
            Some(last) if last.0 == d => *last = (d, o),
            Some(last) if last.0 > d => panic!("offset map anchors out of order"),
            Some(&mut (ld, lo)) if d - ld == o.wrapping_sub(lo) && o >= lo => {}
            _ => self.anchors.push((d, o)),
        }
    }

    /// The original offset of a derived offset.
    pub fn to_original(&self, derived: usize) -> usize {
        let d = derived as u32;
        let i = self.anchors.partition_point(|a| a.0 <= d);
        if i == 0 {
            return derived;
        }
        let (ad, ao) = self.anchors[i - 1];
        let mapped = ao + (d - ad);
        match self.anchors.get(i) {
            Some(&(_, next_o)) if next_o >= ao => mapped.min(next_o) as usize,
            _ => mapped as usize,
        }
    }

    /// The original span of a derived span. Both ends are anchored on
    /// boundaries of the original text; an end that falls right before text
    /// the derivation removed maps past that text (the map cannot tell a
    /// removal after the span from a replacement at its end).
    pub fn span_to_original(&self, span: Span) -> Span {
        let start = self.to_original(span.start as usize);
        let end = self.to_original(span.end as usize).max(start);
        Span::new(start, end)
    }

    pub fn anchors(&self) -> &[(u32, u32)] {
        &self.anchors
    }

    pub fn from_anchors(anchors: Vec<(u32, u32)>) -> OffsetMap {
        OffsetMap { anchors }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gap_is_the_bytes_between_and_zero_when_touching() {
        let figure = Span::new(10, 14);
        assert_eq!(figure.gap(Span::new(2, 6)), 4);
        assert_eq!(figure.gap(Span::new(20, 25)), 6);
        assert_eq!(figure.gap(Span::new(14, 20)), 0);
        assert_eq!(figure.gap(Span::new(12, 30)), 0);
        assert_eq!(Span::new(2, 6).gap(figure), 4);
    }

    #[test]
    fn span_slices_back() {
        let text = "Barda, région proche";
        let s = Span::new(7, 14);
        assert_eq!(s.slice(text), "région");
        assert_eq!(s.len(), 7);
        assert!(Span::new(0, 20).contains(s));
        assert!(!Span::new(0, 7).overlaps(s));
    }

    #[test]
    fn offset_map_follows_deletions() {
        // original: "ab  cd" -> derived: "ab cd" (one space removed at 3)
        let mut m = OffsetMap::identity();
        m.push(3, 4);
        assert_eq!(m.to_original(0), 0);
        assert_eq!(m.to_original(2), 2);
        assert_eq!(m.to_original(3), 4);
        assert_eq!(m.to_original(5), 6);
        assert_eq!(m.span_to_original(Span::new(3, 5)), Span::new(4, 6));
    }

    #[test]
    fn offset_map_merges_collinear_anchors() {
        let mut m = OffsetMap::identity();
        m.push(5, 5);
        m.push(9, 9);
        assert_eq!(m.anchors().len(), 1);
    }
}
