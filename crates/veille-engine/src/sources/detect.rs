//! Format detection: content first, extension second.
//!
//! The first bytes of an input (8 KiB, after gzip decompression) decide when
//! they are clear: `WARC/1.` starts a WARC file; an XML prolog or root naming
//! `<rss`, `<feed` or `<rdf:RDF` is a feed; `<html`, `<!doctype html`,
//! `<head` or `<body` is a page; a first line holding one whole JSON object is
//! JSONL; `[` opens a JSON array. Only when the content is ambiguous (plain
//! prose, a JSON object spread over many lines, XML of another kind) does the
//! extension decide (.txt .jsonl .ndjson .json .html .htm .xml .rss .atom
//! .warc .warc.gz). Anything else is plain text.
//!
//! Binary files (other than WARC, whose records may hold binary payloads)
//! are refused before that: a NUL byte, or more than 10 % of
//! control characters other than tab, newline, carriage return, form feed and
//! escape, in the first bytes. UTF-16 text (which is full of NUL bytes) is
//! recognised by its BOM first.

use std::path::Path;

/// What an input holds, as far as its first bytes and name tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    Text,
    Jsonl,
    /// A whole-file JSON value: an array of objects, or one object.
    Json,
    Html,
    Feed,
    Warc,
    Binary,
}

/// Detects the format from the first bytes of an input and its path.
pub fn detect(head: &[u8], path: &Path) -> Detected {
    let utf16 = head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]);
    let body = skip_bom_and_space(head);
    // WARC records carry binary payloads (images, compressed bodies): the
    // signature is checked before the binary test.
    if body.starts_with(b"WARC/1.") || body.starts_with(b"WARC/0.") {
        return Detected::Warc;
    }
    if !utf16 && looks_binary(head) {
        return Detected::Binary;
    }
    let ext = extension(path);
    if utf16 {
        // Only single-document formats are decoded from UTF-16.
        return match ext.as_str() {
            "html" | "htm" | "xhtml" => Detected::Html,
            _ => Detected::Text,
        };
    }
    if body.first() == Some(&b'<') {
        let lower = ascii_lower(&body[..body.len().min(4096)]);
        let find = |needle: &str| find_bytes(&lower, needle.as_bytes());
        let html = ["<html", "<!doctype html", "<head", "<body"]
            .iter()
            .filter_map(|n| find(n))
            .min();
        let feed = ["<rss", "<feed", "<rdf:rdf"]
            .iter()
            .filter_map(|n| find(n))
            .min();
        match (html, feed) {
            (Some(h), Some(f)) => {
                return if f < h {
                    Detected::Feed
                } else {
                    Detected::Html
                }
            }
            (Some(_), None) => return Detected::Html,
            (None, Some(_)) => return Detected::Feed,
            (None, None) => {}
        }
        return match ext.as_str() {
            "rss" | "atom" | "xml" => Detected::Feed,
            "txt" | "text" | "md" => Detected::Text,
            _ => Detected::Html,
        };
    }
    if body.first() == Some(&b'[') {
        return Detected::Json;
    }
    if body.first() == Some(&b'{') {
        let first_line = match body.iter().position(|&b| b == b'\n') {
            Some(i) => &body[..i],
            None => body,
        };
        let complete = serde_json::from_slice::<serde_json::Value>(first_line).is_ok();
        // A first line cut by the sniff window (a very long JSONL line) still
        // counts as JSONL when the extension says so.
        return if complete || matches!(ext.as_str(), "jsonl" | "ndjson") {
            Detected::Jsonl
        } else {
            Detected::Json
        };
    }
    match ext.as_str() {
        "jsonl" | "ndjson" => Detected::Jsonl,
        "json" => Detected::Json,
        "html" | "htm" | "xhtml" => Detected::Html,
        "xml" | "rss" | "atom" => Detected::Feed,
        "warc" => Detected::Warc,
        _ => Detected::Text,
    }
}

/// The lowercase extension, ignoring a final `.gz` (`a.warc.gz` → `warc`).
fn extension(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    match name.rsplit_once('.') {
        Some((_, ext)) => ext.to_string(),
        None => String::new(),
    }
}

/// True when the bytes cannot be text: a NUL byte, or more than 10 % of
/// control characters (tab, newline, carriage return, form feed and escape
/// excepted).
pub fn looks_binary(head: &[u8]) -> bool {
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    controls * 10 > head.len()
}

fn skip_bom_and_space(head: &[u8]) -> &[u8] {
    let head = head.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    &head[start..]
}

fn ascii_lower(bytes: &[u8]) -> Vec<u8> {
    bytes.iter().map(u8::to_ascii_lowercase).collect()
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(head: &str, name: &str) -> Detected {
        detect(head.as_bytes(), Path::new(name))
    }

    #[test]
    fn content_wins_over_extension() {
        assert_eq!(
            d("<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", "a.txt"),
            Detected::Feed
        );
        assert_eq!(
            d(
                "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">",
                "a"
            ),
            Detected::Feed
        );
        assert_eq!(d("<!DOCTYPE html><html lang=fr>", "a.xml"), Detected::Html);
        assert_eq!(d("\u{feff}  <html>", "a.dat"), Detected::Html);
        assert_eq!(
            d("WARC/1.0\r\nWARC-Type: warcinfo\r\n", "a.txt"),
            Detected::Warc
        );
        assert_eq!(d("{\"id\": 1}\n{\"id\": 2}\n", "a.json"), Detected::Jsonl);
        assert_eq!(d("{\n  \"id\": 1\n}\n", "a.json"), Detected::Json);
        assert_eq!(d("[{\"id\": 1}]", "a.txt"), Detected::Json);
    }

    #[test]
    fn extension_decides_when_content_is_silent() {
        assert_eq!(d("Barda, 28 octobre", "a.txt"), Detected::Text);
        assert_eq!(d("Barda, 28 octobre", "a"), Detected::Text);
        assert_eq!(d("<div>hello</div>", "a.htm"), Detected::Html);
        assert_eq!(d("<channel></channel>", "a.rss"), Detected::Feed);
        assert_eq!(
            d("{\"text\": \"cut by the sniff wind", "a.jsonl"),
            Detected::Jsonl
        );
    }

    #[test]
    fn binary_is_refused_but_utf16_is_not() {
        assert_eq!(detect(b"abc\0def", Path::new("a.txt")), Detected::Binary);
        let ctl: Vec<u8> = (0..100u8)
            .map(|i| if i % 3 == 0 { 1 } else { b'a' })
            .collect();
        assert_eq!(detect(&ctl, Path::new("a.txt")), Detected::Binary);
        assert_eq!(
            detect(b"\xff\xfeh\0i\0", Path::new("a.txt")),
            Detected::Text
        );
        assert_eq!(d("Latin-1 \u{e9}t\u{e9}\n", "a.txt"), Detected::Text);
    }
}
