//! JSON Lines (one article a line) and JSON array files.
//!
//! JSONL is streamed a line at a time: a 100 MB file never sits in memory,
//! and a malformed line is one `Err` (with its 1-based line number and the
//! serde message) before reading goes on. Blank lines are skipped.
//!
//! Field names from the data sets we know map to [`RawDoc`] slots (first
//! present wins):
//!
//! | slot | fields |
//! |---|---|
//! | source_id | `id`, `doc_id`, `guid` (else `<file stem>:<line>`) |
//! | url | `url`, `uri`, `link` |
//! | title | `title` |
//! | lead | `heading`, `lead`, `summary`, `description` |
//! | published | `date`, `published`, `dct`, `pubDate`, `published_at`, `datePublished` (raw string kept as `meta.published_raw`) |
//! | body | `text`, `article`, `content`, `body`; else `html` through HTML extraction |
//! | site | `source`, `site` |
//! | author | `author` |
//! | lang_hint | `lang`, `language` |
//!
//! Every other field stays in `meta` as it was (GVA's `incident_uri` too: the
//! engine's `drop_fields` strips gold labels). A record with neither text nor
//! title is an error; one with a title but empty text (59 GVA pages whose
//! scrape failed) is kept with an empty body.

use super::{html, parse_published, Ctx, SourceError, Stream};
use serde_json::{Map, Value};
use std::io::BufRead;
use veille_model::{Format, RawDoc};

const ID: &[&str] = &["id", "doc_id", "guid"];
const URL: &[&str] = &["url", "uri", "link"];
const TITLE: &[&str] = &["title"];
const LEAD: &[&str] = &["heading", "lead", "summary", "description"];
const DATE: &[&str] = &[
    "date",
    "published",
    "dct",
    "pubDate",
    "published_at",
    "datePublished",
];
const BODY: &[&str] = &["text", "article", "content", "body"];
const SITE: &[&str] = &["source", "site"];
const AUTHOR: &[&str] = &["author"];
const LANG: &[&str] = &["lang", "language"];

/// The documents of a JSONL stream, read a line at a time.
pub(crate) struct JsonlDocs {
    ctx: Ctx,
    stream: Stream,
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl JsonlDocs {
    pub fn new(ctx: Ctx, stream: Stream) -> JsonlDocs {
        JsonlDocs {
            ctx,
            stream,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    /// Reads the next line into `buf`, at most `max` bytes of it (the rest
    /// of an over-long line is skipped). Returns the full length of the line.
    fn next_line(&mut self, max: u64) -> std::io::Result<Option<u64>> {
        self.buf.clear();
        let mut total = 0u64;
        loop {
            let available = self.stream.fill_buf()?;
            if available.is_empty() {
                return Ok((total > 0).then_some(total));
            }
            let (chunk, found) = match memchr_newline(available) {
                Some(i) => (&available[..=i], true),
                None => (available, false),
            };
            let room = max.saturating_sub(self.buf.len() as u64) as usize;
            self.buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
            let n = chunk.len();
            total += n as u64;
            self.stream.consume(n);
            if found {
                return Ok(Some(total));
            }
        }
    }
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

impl Iterator for JsonlDocs {
    type Item = Result<RawDoc, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        let max = self.ctx.cfg.max_file_bytes;
        while !self.done {
            let len = match self.next_line(max.saturating_add(1)) {
                Ok(Some(len)) => len,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(SourceError::Unreadable {
                        path: self.ctx.path(),
                        reason: format!("after line {}: {e}", self.line),
                    }));
                }
            };
            self.line += 1;
            let line = self.line;
            let content_len = len - u64::from(self.buf.ends_with(b"\n"));
            if content_len > max {
                return Some(Err(SourceError::TooLarge {
                    path: self.ctx.path(),
                    line: Some(line),
                    size: content_len,
                    max,
                }));
            }
            let text = match std::str::from_utf8(&self.buf) {
                Ok(t) => t.trim(),
                Err(e) => {
                    return Some(Err(SourceError::Encoding {
                        path: self.ctx.path(),
                        line: Some(line),
                        reason: format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
                    }))
                }
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            if text.is_empty() {
                continue;
            }
            let value: Value = match serde_json::from_str(text) {
                Ok(v) => v,
                Err(e) => {
                    return Some(Err(SourceError::JsonLine {
                        path: self.ctx.path(),
                        line,
                        reason: e.to_string(),
                    }))
                }
            };
            return Some(match value {
                Value::Object(obj) => doc_from_object(&self.ctx, obj, line, Format::Jsonl),
                other => Err(SourceError::JsonLine {
                    path: self.ctx.path(),
                    line,
                    reason: format!("expected an object, found {}", kind(&other)),
                }),
            });
        }
        None
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads a whole-file JSON value: an array of objects (one document each,
/// numbered from 1) or a single object.
pub(crate) fn read_json(ctx: &Ctx, bytes: &[u8]) -> Vec<Result<RawDoc, SourceError>> {
    let bytes = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(bytes);
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            return vec![Err(SourceError::Json {
                path: ctx.path(),
                line: None,
                reason: e.to_string(),
            })]
        }
    };
    match value {
        Value::Object(obj) => vec![doc_from_object(ctx, obj, 1, Format::Jsonl)],
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                let n = i as u64 + 1;
                match item {
                    Value::Object(obj) => doc_from_object(ctx, obj, n, Format::Jsonl),
                    other => Err(SourceError::Json {
                        path: ctx.path(),
                        line: Some(n),
                        reason: format!("item {n} is {}, not an object", kind(&other)),
                    }),
                }
            })
            .collect(),
        other => vec![Err(SourceError::Json {
            path: ctx.path(),
            line: None,
            reason: format!("the file holds {}", kind(&other)),
        })],
    }
}

/// Removes the first of `keys` holding a non-empty string and returns it.
/// Values of other types are left in the object (they end up in `meta`).
fn take_str(obj: &mut Map<String, Value>, keys: &[&str]) -> Option<String> {
    for k in keys {
        if let Some(Value::String(s)) = obj.get(*k) {
            if s.trim().is_empty() {
                continue;
            }
            if let Some(Value::String(s)) = obj.remove(*k) {
                return Some(s);
            }
        }
    }
    None
}

/// Like [`take_str`], also accepting numbers (ids are often integers).
fn take_id(obj: &mut Map<String, Value>, keys: &[&str]) -> Option<String> {
    for k in keys {
        match obj.get(*k) {
            Some(Value::String(s)) if !s.trim().is_empty() => return take_str(obj, &[k]),
            Some(Value::Number(n)) => {
                let s = n.to_string();
                obj.remove(*k);
                return Some(s);
            }
            _ => {}
        }
    }
    None
}

/// Builds a document from one JSON object (a JSONL line or an array item).
pub(crate) fn doc_from_object(
    ctx: &Ctx,
    mut obj: Map<String, Value>,
    line: u64,
    format: Format,
) -> Result<RawDoc, SourceError> {
    let source_id = take_id(&mut obj, ID).unwrap_or_else(|| format!("{}:{line}", ctx.input.stem()));
    let url = take_str(&mut obj, URL);
    let title = take_str(&mut obj, TITLE);
    let lead = take_str(&mut obj, LEAD);
    let date_raw = take_str(&mut obj, DATE);
    let site = take_str(&mut obj, SITE);
    let author = take_str(&mut obj, AUTHOR);
    let lang = take_str(&mut obj, LANG);
    let mut body = take_str(&mut obj, BODY);
    let mut extracted = None;
    if body.is_none() {
        if let Some(page) = take_str(&mut obj, &["html"]) {
            let ex = html::extract_html(&page, url.as_deref());
            body = Some(ex.body.clone());
            extracted = Some(ex);
        }
    }
    // Remove empty text fields so they do not linger in meta.
    for k in BODY {
        if matches!(obj.get(*k), Some(Value::String(s)) if s.trim().is_empty()) {
            obj.remove(*k);
        }
    }
    let body = body.unwrap_or_default();
    if body.trim().is_empty() && title.is_none() {
        return Err(SourceError::NoText {
            path: ctx.path(),
            line: Some(line),
            reason: "no text and no title (expected one of text, article, content, body, html); the record is skipped".into(),
        });
    }
    let mut doc = RawDoc::new(source_id, ctx.origin(Some(line)), format, body);
    doc.url = url;
    doc.title = title;
    doc.lead = lead;
    doc.site = site;
    doc.author = author;
    doc.lang_hint = lang;
    if let Some(raw) = date_raw {
        doc.published = parse_published(&raw);
        obj.insert("published_raw".into(), Value::String(raw));
    }
    if let Some(ex) = extracted {
        doc.title = doc.title.or(ex.title);
        doc.lead = doc.lead.or(ex.lead);
        doc.published = doc.published.or(ex.published);
        doc.site = doc.site.or(ex.site);
        doc.author = doc.author.or(ex.author);
        doc.lang_hint = doc.lang_hint.or(ex.lang);
        doc.url = doc.url.or(ex.url);
    }
    doc.meta = obj;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::super::tests::mem;
    use super::super::{read_input, SourceConfig, SourceError};
    use std::path::PathBuf;
    use veille_model::{Format, PartialDate, RawDoc};

    fn read(name: &str, text: &str) -> Vec<Result<RawDoc, SourceError>> {
        read_input(&mem(name, text.as_bytes()), &SourceConfig::default()).collect()
    }

    #[test]
    fn orangesum_style_line_maps_fields() {
        let docs = read(
            "os.jsonl",
            r#"{"article": "Le corps.", "date": "2020-07-02", "heading": "Le chapo.", "title": "Le titre", "id": "10"}"#,
        );
        let doc = docs[0].as_ref().expect("doc");
        assert_eq!(doc.source_id, "10");
        assert_eq!(doc.body, "Le corps.");
        assert_eq!(doc.lead.as_deref(), Some("Le chapo."));
        assert_eq!(doc.title.as_deref(), Some("Le titre"));
        assert_eq!(doc.published, PartialDate::day(2020, 7, 2));
        assert_eq!(
            doc.meta.get("published_raw").and_then(|v| v.as_str()),
            Some("2020-07-02")
        );
        assert_eq!(doc.origin.line, Some(1));
        assert_eq!(doc.format, Format::Jsonl);
    }

    #[test]
    fn gva_style_line_keeps_unknown_fields_in_meta() {
        let docs = read(
            "gva.jsonl",
            r#"{"incident_uri": "102443", "doc_id": "97fb", "title": "Two men charged - WNCT", "dct": "2014-01-31", "uri": "http://x.test/a", "content": "The Greene County Sheriff's Office..."}"#,
        );
        let doc = docs[0].as_ref().expect("doc");
        assert_eq!(doc.source_id, "97fb");
        assert_eq!(doc.url.as_deref(), Some("http://x.test/a"));
        assert_eq!(
            doc.meta.get("incident_uri").and_then(|v| v.as_str()),
            Some("102443")
        );
        assert_eq!(doc.published, PartialDate::day(2014, 1, 31));
    }

    #[test]
    fn bad_line_is_an_error_and_reading_goes_on() {
        let text = "{\"id\": \"a\", \"text\": \"un\"}\n{\"id\": \"b\", \"text\": \"tronqu\n\n[1]\n{\"text\": \"trois\"}\n";
        let docs = read("x.jsonl", text);
        assert_eq!(docs.len(), 4);
        assert!(docs[0].is_ok());
        match &docs[1] {
            Err(SourceError::JsonLine { line, path, reason }) => {
                assert_eq!(*line, 2);
                assert_eq!(path, &PathBuf::from("x.jsonl"));
                assert!(reason.contains("EOF"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            &docs[2],
            Err(SourceError::JsonLine { line: 4, .. })
        ));
        let last = docs[3].as_ref().expect("doc");
        assert_eq!(last.source_id, "x:5");
        assert_eq!(last.origin.line, Some(5));
    }

    #[test]
    fn invalid_utf8_line_is_an_error_for_that_line() {
        let mut bytes = b"{\"text\": \"caf\xe9\"}\n".to_vec();
        bytes.extend_from_slice(b"{\"text\": \"ok\"}\n");
        let docs: Vec<_> = read_input(&mem("x.jsonl", &bytes), &SourceConfig::default()).collect();
        assert!(matches!(
            &docs[0],
            Err(SourceError::Encoding { line: Some(1), .. })
        ));
        assert!(docs[1].is_ok());
    }

    #[test]
    fn over_long_line_is_refused_alone() {
        let cfg = SourceConfig {
            max_file_bytes: 40,
            ..SourceConfig::default()
        };
        let long = format!(
            "{{\"text\": \"{}\"}}\n{{\"text\": \"court\"}}\n",
            "x".repeat(100)
        );
        let docs: Vec<_> = read_input(&mem("x.jsonl", long.as_bytes()), &cfg).collect();
        assert!(matches!(
            &docs[0],
            Err(SourceError::TooLarge { line: Some(1), .. })
        ));
        assert_eq!(
            docs[1].as_ref().map(|d| d.body.as_str()).ok(),
            Some("court")
        );
    }

    #[test]
    fn json_array_file_and_html_field() {
        let docs = read(
            "a.json",
            r#"[{"guid": 7, "text": "un", "pubDate": "Wed, 28 Oct 2020 09:00:00 +0000", "extra": [1,2]},
                {"html": "<html><head><title>T</title></head><body><article><p>Premier paragraphe assez long pour compter.</p><p>Second paragraphe.</p></article></body></html>"},
                3]"#,
        );
        assert_eq!(docs.len(), 3);
        let a = docs[0].as_ref().expect("doc");
        assert_eq!(a.source_id, "7");
        assert_eq!(a.published, PartialDate::day(2020, 10, 28));
        assert!(a.meta.contains_key("extra"));
        let b = docs[1].as_ref().expect("doc");
        assert!(
            b.body
                .contains("Premier paragraphe assez long pour compter.\n\nSecond paragraphe."),
            "{:?}",
            b.body
        );
        assert_eq!(b.origin.line, Some(2));
        assert!(matches!(
            &docs[2],
            Err(SourceError::Json { line: Some(3), .. })
        ));
    }

    #[test]
    fn record_without_text_or_title_is_skipped_with_reason() {
        let docs = read(
            "x.jsonl",
            "{\"id\": \"z\", \"text\": \"\"}\n{\"title\": \"Seulement un titre\"}\n",
        );
        assert!(matches!(
            &docs[0],
            Err(SourceError::NoText { line: Some(1), .. })
        ));
        assert_eq!(docs[1].as_ref().map(|d| d.body.as_str()).ok(), Some(""));
    }

    /// Reads the shared data sets in full when they are present.
    #[test]
    fn shared_jsonl_data_sets_parse_completely() {
        let dir = std::env::var_os("VEILLE_DATA")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
            });
        for (set, want) in [
            ("orangesum/articles.jsonl", 36_152usize),
            ("gva/articles.jsonl", 3_049),
        ] {
            let path = dir.join(set);
            if !path.exists() {
                eprintln!("skipping: {} not found (set VEILLE_DATA)", path.display());
                continue;
            }
            let input = super::super::Input::File(path.clone());
            let mut ok = 0;
            for doc in read_input(&input, &SourceConfig::default()) {
                match doc {
                    Ok(d) => {
                        assert!(d.published.is_some(), "{}: no date", d.origin);
                        assert!(d.title.is_some(), "{}: no title", d.origin);
                        ok += 1;
                    }
                    Err(e) => panic!("{e}"),
                }
            }
            assert_eq!(ok, want, "{}", path.display());
        }
    }
}
