//! Documents for tests: a realistic synthetic generator and a proptest
//! strategy of arbitrary documents.

use proptest::prelude::*;
use veille_model::{
    AnalysedDoc, CleanDoc, Format, Lang, OffsetMap, Origin, PartialDate, RawDoc, Removal,
    SentenceSpan, Span,
};

/// A French-looking document of `n_sentences` sentences in paragraphs of
/// four, with a title, a date and a lead; `version` changes its content.
pub(crate) fn synthetic(source_id: &str, n_sentences: usize, version: u32) -> AnalysedDoc {
    let mut text = String::new();
    let mut paragraphs = Vec::new();
    let mut sentences = Vec::new();
    let mut para_start = 0;
    for i in 0..n_sentences {
        if i > 0 && i % 4 == 0 {
            paragraphs.push(Span::new(para_start, text.len() - 1));
            text.push('\n');
            para_start = text.len();
        } else if i > 0 {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(&format!(
            "Phrase {i} (v{version}) : les forces arméniennes ont annoncé des frappes près de Stepanakert, à l'aube."
        ));
        sentences.push(SentenceSpan {
            span: Span::new(start, text.len()),
            paragraph: paragraphs.len() as u32,
        });
    }
    if n_sentences > 0 {
        paragraphs.push(Span::new(para_start, text.len()));
    }
    let body = format!("  {text}\nPhoto AFP");
    let mut map = OffsetMap::identity();
    map.push(0, 2);
    let mut raw = RawDoc::new(
        source_id,
        Origin {
            path: "corpus.jsonl".into(),
            line: Some(7),
        },
        Format::Jsonl,
        body,
    );
    raw.title = Some(format!("Titre {source_id}"));
    raw.published = PartialDate::day(2020, 10, 28);
    raw.site = Some("AFP".into());
    raw.meta
        .insert("category".into(), serde_json::json!("monde"));
    AnalysedDoc {
        clean: CleanDoc {
            title: raw.title.clone(),
            published: raw.published,
            removed: vec![Removal {
                raw: Span::new(text.len() + 3, text.len() + 12),
                reason: "photo-credit".into(),
            }],
            raw,
            text,
            map,
        },
        lang: Lang {
            code: "fr".into(),
            confidence: 0.97,
        },
        paragraphs,
        sentences,
        content_hash: format!("{source_id}-v{version}"),
    }
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of("\\PC{0,12}")
}

fn date() -> impl Strategy<Value = Option<PartialDate>> {
    proptest::option::of(prop_oneof![
        (1000..=9999i32).prop_map(PartialDate::year),
        (1000..=9999i32, 1..=12u8).prop_filter_map("month", |(y, m)| PartialDate::month(y, m)),
        (1000..=9999i32, 1..=12u8, 1..=31u8)
            .prop_filter_map("day", |(y, m, d)| PartialDate::day(y, m, d)),
    ])
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    // No floats: serde_json does not promise a bit-exact float round trip.
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "\\PC{0,8}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..3).prop_map(serde_json::Value::from),
            proptest::collection::btree_map("[a-z]{1,4}", inner, 0..3)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

prop_compose! {
    /// Any document the pipeline could hand over: spans need not slice the
    /// text, the store does not interpret them.
    pub(crate) fn arbitrary_doc()(
        source_id in "\\PC{1,12}",
        path in "\\PC{0,12}",
        line in proptest::option::of(0..=i64::MAX as u64),
        format in prop_oneof![Just(Format::Text), Just(Format::Jsonl), Just(Format::Html), Just(Format::Rss), Just(Format::Atom), Just(Format::Warc)],
        (url, source_title, lead, site, author, lang_hint, title) in (opt_text(), opt_text(), opt_text(), opt_text(), opt_text(), opt_text(), opt_text()),
        (source_published, published) in (date(), date()),
        body in "\\PC{0,60}",
        text in "\\PC{0,60}",
        anchors in proptest::collection::vec((any::<u32>(), any::<u32>()), 0..6),
        removed in proptest::collection::vec((any::<(u32, u32)>(), "[a-z-]{0,12}"), 0..3),
        meta in proptest::collection::btree_map("\\PC{0,6}", json_value(), 0..4),
        (lang, confidence) in ("[a-z]{2,3}", 0.0f32..=1.0),
        paragraphs in proptest::collection::vec(any::<(u32, u32)>(), 0..5),
        sentences in proptest::collection::vec((any::<(u32, u32)>(), any::<u32>()), 0..30),
        content_hash in "[0-9a-f]{0,64}",
    ) -> AnalysedDoc {
        let span = |(a, b): (u32, u32)| Span { start: a.min(b), end: a.max(b) };
        let raw = RawDoc {
            source_id, origin: Origin { path, line }, format, url, title: source_title, lead, body,
            published: source_published, site, author, lang_hint, meta: meta.into_iter().collect(),
        };
        AnalysedDoc {
            clean: CleanDoc {
                raw, title, text, map: OffsetMap::from_anchors(anchors), published,
                removed: removed.into_iter().map(|(s, reason)| Removal { raw: span(s), reason }).collect(),
            },
            lang: Lang { code: lang, confidence },
            paragraphs: paragraphs.into_iter().map(span).collect(),
            sentences: sentences.into_iter().map(|(s, paragraph)| SentenceSpan { span: span(s), paragraph }).collect(),
            content_hash,
        }
    }
}

/// Writes `docs` in one batch: their ids, in order.
pub(crate) fn stored(store: &mut crate::Store, docs: &[AnalysedDoc]) -> Vec<veille_model::DocId> {
    store
        .write_batch(docs)
        .unwrap()
        .iter()
        .map(|o| o.id())
        .collect()
}
