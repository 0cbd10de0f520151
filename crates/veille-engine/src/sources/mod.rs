//! Document sources: turn files, directories, stdin or in-memory bytes into
//! [`RawDoc`]s, one format per file of this folder.
//!
//! The flow is [`discover`] (paths → [`Input`]s, directories walked in sorted
//! order, hidden entries skipped) then [`read_input`] (one input → a lazy
//! iterator of documents). Every failure is an `Err` item naming the path and,
//! for files holding many documents, the line, item or record number; the
//! iterator then goes on with the next document when the format allows it (a
//! bad JSONL line, a malformed WARC record, a feed item without text).
//!
//! Format detection ([`detect`]) looks at the content first (the first 8 KiB:
//! `WARC/1.`, gzip magic, `<rss`/`<feed`, `<html`, one JSON object a line)
//! and at the extension only when the content says nothing. Text is decoded
//! by [`encoding`]: BOM, UTF-8, the page's declared charset, then a chardetng
//! guess (Latin-1/Windows-1252 pages exist); a non-UTF-8 encoding is recorded
//! in `meta.encoding`.
//!
//! Memory: JSONL and WARC are streamed (a line or a record at a time, so a
//! 100 MB file is never held whole); single-document formats (text, HTML,
//! feeds, JSON arrays) are read whole and refused above
//! [`SourceConfig::max_file_bytes`] (16 MiB by default: no single article is larger, a larger file is a dump or a mistake).

mod detect;
mod encoding;
mod feed;
mod html;
mod jsonl;
mod published;
mod text;
mod warc;

pub use detect::Detected;
pub use html::{extract_html, html_fragment_text, Extracted};
pub use published::parse_published;

use std::fmt;
use std::fs;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use veille_model::{Origin, RawDoc};

/// Why an input, or a document inside it, could not be read.
///
/// Every variant names the path and, where it applies, the 1-based line
/// (JSONL), item (JSON array, feed) or record (WARC) number. The message
/// says what went wrong, where, and what to do.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error(
        "{}: cannot read: {reason}; check that the path exists and is readable",
        at(path, None)
    )]
    Unreadable { path: PathBuf, reason: String },
    #[error(
        "{}: binary file, not text; pass text, JSONL, JSON, HTML, RSS/Atom or WARC files",
        at(path, None)
    )]
    Binary { path: PathBuf },
    #[error("{}: cannot decode text: {reason}; re-encode it as UTF-8", at(path, *line))]
    Encoding {
        path: PathBuf,
        line: Option<u64>,
        reason: String,
    },
    #[error("{}: empty file; nothing to read", at(path, None))]
    Empty { path: PathBuf },
    #[error("{}: too large ({size} bytes, the limit is {max} bytes for this format); split it or raise the size limit", at(path, *line))]
    TooLarge {
        path: PathBuf,
        line: Option<u64>,
        size: u64,
        max: u64,
    },
    #[error("{}: malformed JSON line: {reason}; fix or remove the line", at(path, Some(*line)))]
    JsonLine {
        path: PathBuf,
        line: u64,
        reason: String,
    },
    #[error("{}: malformed JSON: {reason}; expected an object or an array of objects", at(path, *line))]
    Json {
        path: PathBuf,
        line: Option<u64>,
        reason: String,
    },
    #[error(
        "{}: malformed feed: {reason}; check that it is complete RSS 2.0 or Atom XML",
        at(path, None)
    )]
    Feed { path: PathBuf, reason: String },
    #[error("{}: malformed WARC record {record}: {reason}; the record is skipped", at(path, Some(*record)))]
    Warc {
        path: PathBuf,
        record: u64,
        reason: String,
    },
    #[error("{}: no text: {reason}", at(path, *line))]
    NoText {
        path: PathBuf,
        line: Option<u64>,
        reason: String,
    },
}

fn at(path: &Path, line: Option<u64>) -> String {
    match line {
        Some(l) => format!("{}:{l}", path.display()),
        None => path.display().to_string(),
    }
}

impl SourceError {
    /// The file the error is about (`-` for stdin).
    pub fn path(&self) -> &Path {
        match self {
            SourceError::Unreadable { path, .. }
            | SourceError::Binary { path }
            | SourceError::Encoding { path, .. }
            | SourceError::Empty { path }
            | SourceError::TooLarge { path, .. }
            | SourceError::JsonLine { path, .. }
            | SourceError::Json { path, .. }
            | SourceError::Feed { path, .. }
            | SourceError::Warc { path, .. }
            | SourceError::NoText { path, .. } => path,
        }
    }

    /// The 1-based line (JSONL), item (JSON array, feed) or record (WARC)
    /// number, when the error is about one document of the file.
    pub fn line(&self) -> Option<u64> {
        match self {
            SourceError::Encoding { line, .. }
            | SourceError::TooLarge { line, .. }
            | SourceError::Json { line, .. }
            | SourceError::NoText { line, .. } => *line,
            SourceError::JsonLine { line, .. } => Some(*line),
            SourceError::Warc { record, .. } => Some(*record),
            SourceError::Unreadable { .. }
            | SourceError::Binary { .. }
            | SourceError::Empty { .. }
            | SourceError::Feed { .. } => None,
        }
    }

    /// The message without its `path:line: ` prefix.
    pub fn reason(&self) -> String {
        let full = self.to_string();
        let prefix = format!("{}: ", at(self.path(), self.line()));
        match full.strip_prefix(&prefix) {
            Some(rest) => rest.to_string(),
            None => full,
        }
    }

    fn unreadable(path: &Path, e: &io::Error) -> SourceError {
        SourceError::Unreadable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }
    }
}

/// How sources are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceConfig {
    /// The largest file read whole (text, HTML, feeds, JSON arrays), and the
    /// largest single JSONL line or WARC record. JSONL and WARC files
    /// themselves may be of any size: they are streamed.
    pub max_file_bytes: u64,
    /// Whether a directory walk follows symbolic links. Paths given
    /// explicitly are always followed.
    pub follow_symlinks: bool,
    /// Whether a directory walk enters hidden entries (names starting with
    /// `.`, such as `.git`).
    pub include_hidden: bool,
}

impl Default for SourceConfig {
    fn default() -> SourceConfig {
        SourceConfig {
            max_file_bytes: 16 * 1024 * 1024,
            follow_symlinks: false,
            include_hidden: false,
        }
    }
}

/// One thing to read: a file, stdin, or bytes already in memory (an HTTP
/// upload, a test).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
    Memory { name: PathBuf, bytes: Vec<u8> },
}

impl Input {
    /// The path shown in errors and origins: the file, `-` for stdin, the
    /// given name for memory inputs.
    pub fn path(&self) -> &Path {
        match self {
            Input::File(p) => p,
            Input::Stdin => Path::new("-"),
            Input::Memory { name, .. } => name,
        }
    }

    /// The id a single-document input gives its document: the file stem
    /// (`000_b173b38ccefd84c3` for `000_b173b38ccefd84c3.txt`).
    /// The source id of a single-document input holding `bytes`: the file
    /// stem, or for stdin `stdin-` and a digest of the content, so that two
    /// different articles piped in are two documents, not two versions.
    pub fn single_doc_id(&self, bytes: &[u8]) -> String {
        match self {
            Input::Stdin => format!("stdin-{}", &blake3::hash(bytes).to_hex()[..16]),
            _ => self.stem(),
        }
    }

    pub fn stem(&self) -> String {
        match self {
            Input::Stdin => "stdin".to_string(),
            _ => {
                let name = self
                    .path()
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let name = name.strip_suffix(".gz").unwrap_or(&name);
                match name.rsplit_once('.') {
                    Some((stem, _)) if !stem.is_empty() => stem.to_string(),
                    _ => name.to_string(),
                }
            }
        }
    }

    fn origin(&self, line: Option<u64>) -> Origin {
        Origin {
            path: self.path().display().to_string(),
            line,
        }
    }
}

/// Extensions read by a directory walk; other files in a directory (images,
/// scripts, archives) are passed over. Files named explicitly are always read.
const WALK_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "jsonl", "ndjson", "json", "html", "htm", "xhtml", "xml", "rss", "atom",
    "warc", "gz",
];

/// The inputs named by `paths`, with the default [`SourceConfig`]: files as
/// they are, directories walked recursively in sorted order (hidden entries
/// and symbolic links skipped, see [`WALK_EXTENSIONS`]), `-` for stdin.
pub fn discover(paths: &[PathBuf]) -> Vec<Result<Input, SourceError>> {
    discover_with(paths, &SourceConfig::default())
}

/// [`discover`] with an explicit configuration.
pub fn discover_with(paths: &[PathBuf], cfg: &SourceConfig) -> Vec<Result<Input, SourceError>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(Input::Stdin));
            continue;
        }
        match fs::metadata(p) {
            Err(e) => out.push(Err(SourceError::unreadable(p, &e))),
            Ok(m) if m.is_dir() => {
                let mut seen = Vec::new();
                walk(p, cfg, &mut seen, &mut out);
            }
            Ok(_) => out.push(Ok(Input::File(p.clone()))),
        }
    }
    out
}

fn walk(
    dir: &Path,
    cfg: &SourceConfig,
    seen: &mut Vec<PathBuf>,
    out: &mut Vec<Result<Input, SourceError>>,
) {
    // Guard against symlink loops when links are followed.
    if let Ok(canon) = fs::canonicalize(dir) {
        if seen.contains(&canon) {
            return;
        }
        seen.push(canon);
    }
    let entries = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            out.push(Err(SourceError::unreadable(dir, &e)));
            return;
        }
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden && !cfg.include_hidden {
            continue;
        }
        let Ok(lmeta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if lmeta.file_type().is_symlink() && !cfg.follow_symlinks {
            continue;
        }
        match fs::metadata(&path) {
            Err(e) => out.push(Err(SourceError::unreadable(&path, &e))),
            Ok(m) if m.is_dir() => walk(&path, cfg, seen, out),
            Ok(m) if m.is_file() => {
                let ext = path
                    .extension()
                    .map(|e| e.to_string_lossy().to_ascii_lowercase());
                let wanted = match ext.as_deref() {
                    None => true,
                    Some(e) => WALK_EXTENSIONS.contains(&e),
                };
                if wanted {
                    out.push(Ok(Input::File(path)));
                }
            }
            Ok(_) => {}
        }
    }
}

/// The documents of an input, read lazily. Created by [`read_input`].
pub struct Docs {
    inner: Box<dyn Iterator<Item = Result<RawDoc, SourceError>> + Send>,
}

impl fmt::Debug for Docs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Docs { .. }")
    }
}

impl Iterator for Docs {
    type Item = Result<RawDoc, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next()
    }
}

impl Docs {
    fn one(item: Result<RawDoc, SourceError>) -> Docs {
        Docs {
            inner: Box::new(std::iter::once(item)),
        }
    }

    fn many(items: Vec<Result<RawDoc, SourceError>>) -> Docs {
        Docs {
            inner: Box::new(items.into_iter()),
        }
    }
}

/// A reader over the input's bytes, with its first bytes already read for
/// sniffing (`head`) and put back in front of the stream.
pub(crate) type Stream = Box<dyn BufRead + Send>;

/// How many bytes are sniffed to detect the format.
const SNIFF_BYTES: usize = 8 * 1024;

/// Reads the documents of one input. JSONL and WARC inputs are streamed;
/// a malformed line or record is an `Err` item and reading goes on.
pub fn read_input(input: &Input, cfg: &SourceConfig) -> Docs {
    let path = input.path().to_path_buf();
    let reader: Box<dyn Read + Send> = match input {
        Input::File(p) => match fs::File::open(p) {
            Ok(f) => Box::new(f),
            Err(e) => return Docs::one(Err(SourceError::unreadable(p, &e))),
        },
        Input::Stdin => Box::new(io::stdin()),
        Input::Memory { bytes, .. } => Box::new(Cursor::new(bytes.clone())),
    };
    let (head, stream) = match sniff(reader) {
        Ok(x) => x,
        Err(e) => return Docs::one(Err(SourceError::unreadable(&path, &e))),
    };
    if head.is_empty() {
        return Docs::one(Err(SourceError::Empty { path }));
    }
    // A gzip stream: look inside (a `.warc.gz`, or any other format gzipped).
    let (head, stream) = if head.starts_with(&[0x1f, 0x8b]) {
        let decoder = match libflate::gzip::MultiDecoder::new(stream) {
            Ok(d) => d,
            Err(e) => {
                return Docs::one(Err(SourceError::Unreadable {
                    path,
                    reason: format!("not a valid gzip stream: {e}"),
                }))
            }
        };
        match sniff(Box::new(decoder)) {
            Ok((h, s)) if h.is_empty() => {
                drop(s);
                return Docs::one(Err(SourceError::Empty { path }));
            }
            Ok(x) => x,
            Err(e) => {
                return Docs::one(Err(SourceError::Unreadable {
                    path,
                    reason: format!("not a valid gzip stream: {e}"),
                }))
            }
        }
    } else {
        (head, stream)
    };
    let detected = detect::detect(&head, &path);
    let ctx = Ctx {
        input: input.clone_light(),
        cfg: cfg.clone(),
    };
    match detected {
        Detected::Binary => Docs::one(Err(SourceError::Binary { path })),
        Detected::Jsonl => Docs {
            inner: Box::new(jsonl::JsonlDocs::new(ctx, stream)),
        },
        Detected::Warc => Docs {
            inner: Box::new(warc::WarcDocs::new(ctx, stream)),
        },
        whole => {
            let bytes = match read_whole(stream, input, cfg) {
                Ok(b) => b,
                Err(e) => return Docs::one(Err(e)),
            };
            match whole {
                Detected::Json => Docs::many(jsonl::read_json(&ctx, &bytes)),
                Detected::Feed => Docs::many(feed::read_feed(&ctx, &bytes)),
                Detected::Html => Docs::one(html::read_html(&ctx, &bytes)),
                _ => Docs::one(text::read_text(&ctx, &bytes)),
            }
        }
    }
}

/// What a format reader needs to know about its input.
#[derive(Debug, Clone)]
pub(crate) struct Ctx {
    pub input: Input,
    pub cfg: SourceConfig,
}

impl Ctx {
    pub fn path(&self) -> PathBuf {
        self.input.path().to_path_buf()
    }

    pub fn origin(&self, line: Option<u64>) -> Origin {
        self.input.origin(line)
    }
}

impl Input {
    /// A copy without the bytes of a memory input (readers only need its name).
    fn clone_light(&self) -> Input {
        match self {
            Input::Memory { name, .. } => Input::Memory {
                name: name.clone(),
                bytes: Vec::new(),
            },
            other => other.clone(),
        }
    }
}

/// Reads up to [`SNIFF_BYTES`] from `reader` and gives them back with a
/// stream that yields them again, then the rest.
fn sniff(mut reader: Box<dyn Read + Send>) -> io::Result<(Vec<u8>, Stream)> {
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&mut reader)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)?;
    let stream: Stream = Box::new(BufReader::with_capacity(
        64 * 1024,
        Cursor::new(head.clone()).chain(reader),
    ));
    Ok((head, stream))
}

/// Reads a single-document input whole, refusing it above the size limit.
fn read_whole(stream: Stream, input: &Input, cfg: &SourceConfig) -> Result<Vec<u8>, SourceError> {
    let path = input.path().to_path_buf();
    let max = cfg.max_file_bytes;
    let mut bytes = Vec::new();
    stream
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| SourceError::unreadable(&path, &e))?;
    if bytes.len() as u64 > max {
        let size = match input {
            Input::File(p) => fs::metadata(p)
                .map(|m| m.len())
                .unwrap_or(bytes.len() as u64),
            _ => bytes.len() as u64,
        };
        return Err(SourceError::TooLarge {
            path,
            line: None,
            size,
            max,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    pub(crate) fn mem(name: &str, bytes: &[u8]) -> Input {
        Input::Memory {
            name: PathBuf::from(name),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn errors_name_path_line_and_reason() {
        let e = SourceError::JsonLine {
            path: PathBuf::from("a.jsonl"),
            line: 7,
            reason: "EOF while parsing a string at line 1 column 12".into(),
        };
        assert_eq!(e.line(), Some(7));
        assert_eq!(e.path(), Path::new("a.jsonl"));
        assert!(e
            .to_string()
            .starts_with("a.jsonl:7: malformed JSON line: EOF"));
        assert!(e.reason().starts_with("malformed JSON line"));
        assert!(!e.to_string().ends_with('.'));
    }

    #[test]
    fn empty_input_is_an_error() {
        let docs: Vec<_> = read_input(&mem("e.txt", b""), &SourceConfig::default()).collect();
        assert!(matches!(docs.as_slice(), [Err(SourceError::Empty { .. })]));
    }

    #[test]
    fn binary_input_is_an_error() {
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        bytes.extend((0..600u32).map(|i| (i % 7) as u8));
        let docs: Vec<_> = read_input(&mem("p.txt", &bytes), &SourceConfig::default()).collect();
        assert!(matches!(docs.as_slice(), [Err(SourceError::Binary { .. })]));
        let msg = docs[0]
            .as_ref()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(msg.contains("binary file"), "{msg}");
    }

    #[test]
    fn too_large_single_doc_is_refused() {
        let cfg = SourceConfig {
            max_file_bytes: 10,
            ..SourceConfig::default()
        };
        let docs: Vec<_> = read_input(&mem("big.txt", b"a long enough text body"), &cfg).collect();
        assert!(matches!(
            docs.as_slice(),
            [Err(SourceError::TooLarge { .. })]
        ));
    }

    #[test]
    fn gzipped_jsonl_is_read() {
        use std::io::Write;
        let mut enc = libflate::gzip::Encoder::new(Vec::new()).expect("encoder");
        enc.write_all(b"{\"id\":\"a\",\"text\":\"Bonjour.\"}\n")
            .expect("write");
        let gz = enc.finish().into_result().expect("finish");
        let docs: Vec<_> = read_input(&mem("x.jsonl.gz", &gz), &SourceConfig::default()).collect();
        assert_eq!(docs.len(), 1);
        assert_eq!(
            docs[0].as_ref().map(|d| d.source_id.as_str()).ok(),
            Some("a")
        );
    }

    #[test]
    fn stems_drop_the_extension() {
        assert_eq!(
            Input::File("x/000_b173b38ccefd84c3.txt".into()).stem(),
            "000_b173b38ccefd84c3"
        );
        assert_eq!(Input::File("crawl.warc.gz".into()).stem(), "crawl");
        assert_eq!(Input::File("README".into()).stem(), "README");
        assert_eq!(Input::Stdin.stem(), "stdin");
        let a = Input::Stdin.single_doc_id(b"one article");
        assert!(a.starts_with("stdin-"));
        assert_ne!(a, Input::Stdin.single_doc_id(b"another article"));
        assert_eq!(Input::File("a/b.txt".into()).single_doc_id(b"x"), "b");
    }

    #[test]
    fn discover_walks_sorted_and_skips_hidden() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        fs::create_dir_all(root.join("b/.git")).expect("mkdir");
        fs::create_dir_all(root.join("a")).expect("mkdir");
        fs::write(root.join("b/.git/config"), "x").expect("write");
        fs::write(root.join("b/2.txt"), "x").expect("write");
        fs::write(root.join("a/1.html"), "x").expect("write");
        fs::write(root.join(".hidden.txt"), "x").expect("write");
        fs::write(root.join("logo.png"), "x").expect("write");
        fs::write(root.join("c.jsonl"), "x").expect("write");
        let found: Vec<PathBuf> = discover(&[root.to_path_buf(), PathBuf::from("-")])
            .into_iter()
            .map(|r| match r {
                Ok(i) => i
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(i.path())
                    .to_path_buf(),
                Err(e) => panic!("{e}"),
            })
            .collect();
        let want: Vec<PathBuf> = ["a/1.html", "b/2.txt", "c.jsonl", "-"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(found, want);
        let missing = discover(&[root.join("nope.txt")]);
        assert!(matches!(
            missing.as_slice(),
            [Err(SourceError::Unreadable { .. })]
        ));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn read_input_never_panics(
            bytes in proptest::collection::vec(any::<u8>(), 0..2048),
            ext in prop::sample::select(vec!["txt", "jsonl", "json", "html", "xml", "warc", "gz", ""]),
            prefix in prop::sample::select(vec![
                &b""[..], b"WARC/1.0\r\n", b"<?xml version=\"1.0\"?><rss>", b"<html>",
                b"{\"text\":", b"[{", b"\x1f\x8b",
            ]),
        ) {
            let mut data = prefix.to_vec();
            data.extend(&bytes);
            let input = mem(&format!("f.{ext}"), &data);
            for doc in read_input(&input, &SourceConfig::default()).take(10_000) {
                match doc {
                    Ok(d) => prop_assert!(!d.source_id.is_empty()),
                    Err(e) => prop_assert_eq!(e.path(), input.path()),
                }
            }
        }
    }
}
