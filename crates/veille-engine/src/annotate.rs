//! Annotations of a stored document for `veille show ID --annotate`: its
//! entity mentions (the entity stage's tagger) and its temporal
//! expressions (the date tagger, anchored on the publication date), as
//! spans of the cleaned text, and the text rendered with them marked.
//!
//! The tags are computed again from the stored text and sentences with the
//! same taggers as the stages, so they are what the stages record.

use serde::Serialize;
use veille_extract::entities::EntityTagger;
use veille_extract::DateTagger;
use veille_model::Span;
use veille_store::StoredDoc;

/// One marked span of a document's cleaned text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Annotation {
    /// Byte span in the document's cleaned text.
    pub span: Span,
    pub text: String,
    /// `person`, `organisation`, `place` or `date`.
    pub kind: String,
    /// The entity's canonical name, or the date's ISO value.
    pub label: String,
    /// The entity key (`per:…`, `geo:…`, `country:…`); none for dates.
    pub key: Option<String>,
}

/// The entity and date annotations of a document, in text order; where two
/// overlap, the first (then the longer) is kept so that they can be marked
/// inline.
pub fn annotate(doc: &StoredDoc) -> Vec<Annotation> {
    let text = &doc.text;
    let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
    let mut out: Vec<Annotation> = EntityTagger::new()
        .tag(text, &sentences, &doc.lang)
        .into_iter()
        .map(|m| Annotation {
            span: m.span,
            text: text[m.span.range()].to_string(),
            kind: m.kind.as_str().to_string(),
            label: m.canonical,
            key: Some(m.key),
        })
        .collect();
    out.extend(
        DateTagger::default()
            .tag(text, doc.published, &doc.lang)
            .into_iter()
            .map(|t| Annotation {
                span: t.span,
                text: text[t.span.range()].to_string(),
                kind: "date".to_string(),
                label: t.value,
                key: None,
            }),
    );
    out.sort_by_key(|a| (a.span.start, std::cmp::Reverse(a.span.end)));
    let mut kept: Vec<Annotation> = Vec::with_capacity(out.len());
    for a in out {
        if kept.last().is_none_or(|k| k.span.end <= a.span.start) {
            kept.push(a);
        }
    }
    kept
}

/// How annotated text is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marking {
    /// `[[Barda|place]]`, for pipes and files.
    Brackets,
    /// ANSI colours per kind, for terminals.
    Colours,
}

/// `text[span]` with the annotations inside it marked; annotations are
/// byte spans of `text`, sorted and non-overlapping (see [`annotate`]).
pub fn mark(text: &str, span: Span, annotations: &[Annotation], how: Marking) -> String {
    let mut out = String::with_capacity(span.len() + 16);
    let mut at = span.start as usize;
    for a in annotations
        .iter()
        .filter(|a| span.contains(a.span) && text.get(a.span.range()).is_some())
    {
        out.push_str(&text[at..a.span.start as usize]);
        let inner = &text[a.span.range()];
        match how {
            Marking::Brackets => {
                out.push_str("[[");
                out.push_str(inner);
                out.push('|');
                out.push_str(&a.kind.to_uppercase());
                if a.kind == "date" {
                    out.push(' ');
                    out.push_str(&a.label);
                }
                out.push_str("]]");
            }
            Marking::Colours => {
                let colour = match a.kind.as_str() {
                    "person" => "1;34",
                    "organisation" => "1;35",
                    "place" => "1;32",
                    _ => "1;33",
                };
                out.push_str(&format!("\x1b[{colour}m{inner}\x1b[0m"));
            }
        }
        at = a.span.end as usize;
    }
    out.push_str(&text[at..span.end as usize]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ann(start: usize, end: usize, kind: &str, label: &str) -> Annotation {
        Annotation {
            span: Span::new(start, end),
            text: String::new(),
            kind: kind.into(),
            label: label.into(),
            key: None,
        }
    }

    #[test]
    fn brackets_mark_kinds_and_date_values() {
        let text = "Lundi, Aliev était à Barda.";
        let a = [
            ann(0, 5, "date", "2020-10-26"),
            ann(7, 12, "person", "Ilham Aliev"),
            ann(
                text.find("Barda").unwrap(),
                text.find("Barda").unwrap() + 5,
                "place",
                "Barda",
            ),
        ];
        let whole = Span::new(0, text.len());
        assert_eq!(
            mark(text, whole, &a, Marking::Brackets),
            "[[Lundi|DATE 2020-10-26]], [[Aliev|PERSON]] était à [[Barda|PLACE]]."
        );
        let coloured = mark(text, whole, &a, Marking::Colours);
        assert!(coloured.contains("\x1b[1;32mBarda\x1b[0m"));
        // a sentence shows only the annotations inside it
        assert_eq!(
            mark(
                text,
                Span::new(7, text.find(" à").unwrap()),
                &a,
                Marking::Brackets
            ),
            "[[Aliev|PERSON]] était"
        );
    }

    proptest::proptest! {
        #[test]
        fn marking_keeps_the_text(text in "[a-zé ,.]{0,40}", cuts in proptest::collection::vec(0usize..48, 0..6)) {
            let mut cuts: Vec<usize> = cuts.into_iter().filter(|&c| c <= text.len() && text.is_char_boundary(c)).collect();
            cuts.sort_unstable();
            cuts.dedup();
            let a: Vec<Annotation> = cuts.chunks_exact(2).map(|c| ann(c[0], c[1], "place", "x")).collect();
            let out = mark(&text, Span::new(0, text.len()), &a, Marking::Brackets);
            let stripped = out.replace("[[", "").replace("|PLACE]]", "");
            proptest::prop_assert_eq!(stripped, text);
        }
    }
}
