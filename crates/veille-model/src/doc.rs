use crate::{OffsetMap, PartialDate, Span};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The store's own id of a document (a positive integer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub i64);

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Jsonl,
    Html,
    Rss,
    Atom,
    Warc,
}

impl Format {
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
            Format::Rss => "rss",
            Format::Atom => "atom",
            Format::Warc => "warc",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "text" => Format::Text,
            "jsonl" => Format::Jsonl,
            "html" => Format::Html,
            "rss" => Format::Rss,
            "atom" => Format::Atom,
            "warc" => Format::Warc,
            _ => return None,
        })
    }
}

/// Where a document came from: a path (or `-` for stdin) and, for files that
/// hold many documents, the 1-based line (JSONL) or item/record number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}", self.path, l),
            None => f.write_str(&self.path),
        }
    }
}

/// A document as a source read it, before any cleaning.
///
/// `body` is the main text as the source gives it: a whole plain-text file
/// (title and date marker included, the cleaner takes them apart), the JSON
/// text field, or the main content extracted from an HTML page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawDoc {
    /// The id the source gives the document: JSONL `id`, file stem, feed guid,
    /// WARC record id.
    pub source_id: String,
    pub origin: Origin,
    pub format: Format,
    pub url: Option<String>,
    pub title: Option<String>,
    /// A standfirst or lead given apart from the body (OrangeSum's `heading`).
    pub lead: Option<String>,
    pub body: String,
    pub published: Option<PartialDate>,
    /// The publisher: site name or feed title.
    pub site: Option<String>,
    pub author: Option<String>,
    /// A language the source declares (`lang` attribute, JSON field).
    pub lang_hint: Option<String>,
    /// Fields the source had that veille has no slot for, kept as they were.
    pub meta: serde_json::Map<String, serde_json::Value>,
}

impl RawDoc {
    /// A document with only a source id, an origin, a format and a body.
    pub fn new(
        source_id: impl Into<String>,
        origin: Origin,
        format: Format,
        body: String,
    ) -> RawDoc {
        RawDoc {
            source_id: source_id.into(),
            origin,
            format,
            url: None,
            title: None,
            lead: None,
            body,
            published: None,
            site: None,
            author: None,
            lang_hint: None,
            meta: serde_json::Map::new(),
        }
    }
}

/// A part of the raw body that cleaning removed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    /// Byte span in `RawDoc::body`.
    pub raw: Span,
    /// A short reason such as `boilerplate`, `photo-credit`, `date-marker`.
    pub reason: String,
}

/// A document after cleaning: title and body apart, boilerplate removed,
/// whitespace and quotes normalised, and a map back to the raw body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CleanDoc {
    pub raw: RawDoc,
    pub title: Option<String>,
    /// The cleaned body: paragraphs separated by one blank line (`"\n\n"`).
    pub text: String,
    /// Maps offsets of `text` to offsets of `raw.body`.
    pub map: OffsetMap,
    /// The publication date: the source's, else one found in the text
    /// (such as the ` date 2020-10` marker of plain-text dispatches).
    pub published: Option<PartialDate>,
    pub removed: Vec<Removal>,
}

/// A detected language: an ISO 639-1 code where one exists (`fr`, `en`),
/// else ISO 639-3; `und` when undetermined.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lang {
    pub code: String,
    pub confidence: f32,
}

/// A sentence of the cleaned text and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceSpan {
    pub span: Span,
    pub paragraph: u32,
}

/// A cleaned document with its language, paragraphs and sentences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalysedDoc {
    pub clean: CleanDoc,
    pub lang: Lang,
    /// Paragraph spans in `clean.text`, in order, non-overlapping.
    pub paragraphs: Vec<Span>,
    /// Sentence spans in `clean.text`, in order, each inside its paragraph.
    pub sentences: Vec<SentenceSpan>,
    /// Hex digest of the normalised title and text: same content, same hash.
    pub content_hash: String,
}

impl AnalysedDoc {
    pub fn sentence_text(&self, i: usize) -> &str {
        self.sentences[i].span.slice(&self.clean.text)
    }
}
