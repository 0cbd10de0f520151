//! WARC files (`.warc`, `.warc.gz`): one document per HTML or plain-text
//! `response` (or `resource`) record.
//!
//! Records are streamed one at a time. The framing is read here (version
//! line, header block up to the blank line, `Content-Length` bytes of block)
//! and each header block is parsed by the warc 0.4 crate's parser; the
//! crate's own readers are not used because they either stop at the first
//! malformed record or, on garbage, silently yield nothing. A malformed
//! record is one `Err` naming its 1-based number, then reading resumes at the
//! next line starting with `WARC/1.`; a truncated record ends the file.
//! Gzip (`.warc.gz`, one member per record or one for all) is undone before
//! this reader sees the bytes.
//!
//! For a `response` record the HTTP status line and headers are stripped
//! from the block; non-2xx responses and payloads other than HTML or plain
//! text (images, scripts, CSS) are passed over silently, as they are a normal
//! part of a crawl. Chunked transfer coding and gzip/deflate content coding
//! are undone. The charset comes from the HTTP `Content-Type`, then the
//! page. `source_id` is `WARC-Record-ID`, `url` is `WARC-Target-URI`, and
//! `WARC-Date` is kept as `meta.crawled_at`: a crawl date is not a
//! publication date.

use super::{encoding, html, Ctx, SourceError, Stream};
use std::collections::HashMap;
use std::io::{self, BufRead, Read};
use veille_model::{Format, RawDoc};

/// A record's WARC headers (lowercase names) and its block.
type Record = (HashMap<String, String>, Vec<u8>);

/// The longest header line, and the largest header block, accepted.
const MAX_HEADER_BYTES: usize = 256 * 1024;

/// The documents of a WARC stream, read a record at a time.
pub(crate) struct WarcDocs {
    ctx: Ctx,
    stream: Stream,
    record: u64,
    pending: Option<Vec<u8>>,
    done: bool,
}

impl WarcDocs {
    pub fn new(ctx: Ctx, stream: Stream) -> WarcDocs {
        WarcDocs {
            ctx,
            stream,
            record: 0,
            pending: None,
            done: false,
        }
    }

    fn err(&self, reason: impl Into<String>) -> SourceError {
        SourceError::Warc {
            path: self.ctx.path(),
            record: self.record,
            reason: reason.into(),
        }
    }

    /// The next line, line ending included; `None` at the end.
    fn read_line(&mut self) -> io::Result<Option<Vec<u8>>> {
        if let Some(l) = self.pending.take() {
            return Ok(Some(l));
        }
        let mut line = Vec::new();
        let n = (&mut self.stream)
            .take(MAX_HEADER_BYTES as u64)
            .read_until(b'\n', &mut line)?;
        Ok((n > 0).then_some(line))
    }

    /// Skips to the next line that starts a record and keeps it pending.
    fn resync(&mut self) -> io::Result<()> {
        while let Some(line) = self.read_line()? {
            if is_version_line(&line) {
                self.pending = Some(line);
                return Ok(());
            }
        }
        self.done = true;
        Ok(())
    }

    /// Reads one record: `Ok(None)` at the end of the file.
    fn next_record(&mut self) -> Result<Option<Record>, SourceError> {
        let first = loop {
            match self.read_line() {
                Ok(None) => {
                    self.done = true;
                    return Ok(None);
                }
                Ok(Some(l)) if l.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Some(l)) => break l,
                Err(e) => {
                    self.done = true;
                    return Err(self.err(format!("read failed: {e}")));
                }
            }
        };
        self.record += 1;
        if !is_version_line(&first) {
            let shown: String = String::from_utf8_lossy(&first).chars().take(40).collect();
            let e = self.err(format!(
                "expected a `WARC/1.x` version line, found {:?}",
                shown.trim_end()
            ));
            if self.resync().is_err() {
                self.done = true;
            }
            return Err(e);
        }
        let mut block = first;
        loop {
            match self.read_line() {
                Ok(Some(l)) => {
                    let blank = l == b"\r\n" || l == b"\n";
                    block.extend_from_slice(&l);
                    if blank {
                        break;
                    }
                    if block.len() > MAX_HEADER_BYTES {
                        let e = self.err("header block too long");
                        if self.resync().is_err() {
                            self.done = true;
                        }
                        return Err(e);
                    }
                }
                Ok(None) => {
                    self.done = true;
                    return Err(self.err("the file ends inside the record header"));
                }
                Err(e) => {
                    self.done = true;
                    return Err(self.err(format!("read failed: {e}")));
                }
            }
        }
        // The warc crate's parser wants CRLF line endings.
        let crlf = to_crlf(&block);
        let headers: HashMap<String, String> = match warc::parser::headers(&crlf) {
            Ok((_, (_, fields, _))) => fields
                .into_iter()
                .map(|(k, v)| {
                    (
                        k.to_ascii_lowercase(),
                        String::from_utf8_lossy(v).trim().to_string(),
                    )
                })
                .collect(),
            Err(_) => {
                let e = self.err("unreadable header block");
                if self.resync().is_err() {
                    self.done = true;
                }
                return Err(e);
            }
        };
        let Some(length) = headers
            .get("content-length")
            .and_then(|v| v.parse::<u64>().ok())
        else {
            let e = self.err("missing or invalid Content-Length");
            if self.resync().is_err() {
                self.done = true;
            }
            return Err(e);
        };
        let max = self.ctx.cfg.max_file_bytes;
        if length > max {
            let skipped = io::copy(&mut (&mut self.stream).take(length), &mut io::sink());
            if !matches!(skipped, Ok(n) if n == length) {
                self.done = true;
            }
            return Err(SourceError::TooLarge {
                path: self.ctx.path(),
                line: Some(self.record),
                size: length,
                max,
            });
        }
        let mut body = Vec::with_capacity(length as usize);
        match (&mut self.stream).take(length).read_to_end(&mut body) {
            Ok(n) if n as u64 == length => {}
            Ok(n) => {
                self.done = true;
                return Err(self.err(format!(
                    "truncated: Content-Length is {length} but only {n} bytes follow"
                )));
            }
            Err(e) => {
                self.done = true;
                return Err(self.err(format!("read failed: {e}")));
            }
        }
        Ok(Some((headers, body)))
    }

    /// The document of a record, `None` for records that hold none.
    fn doc_of(
        &self,
        headers: &HashMap<String, String>,
        block: &[u8],
    ) -> Option<Result<RawDoc, SourceError>> {
        let kind = headers.get("warc-type").map(|t| t.to_ascii_lowercase())?;
        let (content_type, payload) = match kind.as_str() {
            "response" => {
                let (status, http, payload) = split_http(block)?;
                if !(200..300).contains(&status) {
                    return None;
                }
                let payload = match undo_codings(&http, payload) {
                    Ok(p) => p,
                    Err(reason) => return Some(Err(self.err(reason))),
                };
                (http.get("content-type").cloned(), payload)
            }
            "resource" => (headers.get("content-type").cloned(), block.to_vec()),
            _ => return None,
        };
        let mime = content_type.as_deref().map(|c| {
            c.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
        let is_html = match mime.as_deref() {
            Some("text/html" | "application/xhtml+xml") => true,
            Some("text/plain") => false,
            Some(_) => return None,
            None => {
                let head = &payload[..payload.len().min(1024)];
                let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
                lower.contains("<html") || lower.contains("<!doctype html")
            }
        };
        if payload.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        let charset = content_type
            .as_deref()
            .and_then(encoding::content_type_charset);
        let decoded = match encoding::decode(&payload, charset.as_deref(), is_html) {
            Ok(d) => d,
            Err(reason) => {
                return Some(Err(SourceError::Encoding {
                    path: self.ctx.path(),
                    line: Some(self.record),
                    reason,
                }))
            }
        };
        let id = headers
            .get("warc-record-id")
            .map(|i| i.trim_matches(['<', '>']).to_string())
            .filter(|i| !i.is_empty())
            .unwrap_or_else(|| format!("{}:{}", self.ctx.input.stem(), self.record));
        let target = headers.get("warc-target-uri").cloned();
        let doc = if is_html {
            html::doc_from_page(
                &self.ctx,
                &decoded.text,
                target.as_deref(),
                id,
                Some(self.record),
                Format::Warc,
            )
            .map(|mut d| {
                if let Some(canonical) = d.url.take().filter(|c| Some(c) != target.as_ref()) {
                    d.meta.insert("canonical_url".into(), canonical.into());
                }
                d.url = target.clone();
                d
            })
        } else {
            let mut d = RawDoc::new(
                id,
                self.ctx.origin(Some(self.record)),
                Format::Warc,
                decoded.text.clone(),
            );
            d.url = target.clone();
            Ok(d)
        };
        Some(doc.map(|mut d| {
            if let Some(date) = headers.get("warc-date") {
                d.meta.insert("crawled_at".into(), date.clone().into());
            }
            if let Some(enc) = decoded.non_utf8_name() {
                d.meta.insert("encoding".into(), enc.into());
            }
            d
        }))
    }
}

impl Iterator for WarcDocs {
    type Item = Result<RawDoc, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.next_record() {
                Ok(None) => return None,
                Ok(Some((headers, block))) => {
                    if let Some(doc) = self.doc_of(&headers, &block) {
                        return Some(doc);
                    }
                }
                Err(e) => return Some(Err(e)),
            }
        }
        None
    }
}

fn is_version_line(line: &[u8]) -> bool {
    line.starts_with(b"WARC/1.") || line.starts_with(b"WARC/0.")
}

fn to_crlf(block: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(block.len() + 32);
    for line in block.split_inclusive(|&b| b == b'\n') {
        let content = line.strip_suffix(b"\n").unwrap_or(line);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        out.extend_from_slice(content);
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// Splits an HTTP response into its status, headers (lowercase names) and
/// payload; `None` when the block is not an HTTP response.
fn split_http(block: &[u8]) -> Option<(u16, HashMap<String, String>, &[u8])> {
    let (head_end, sep) = match find(block, b"\r\n\r\n") {
        Some(i) => (i, 4),
        None => (find(block, b"\n\n")?, 2),
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    if !status_line.starts_with("HTTP/") {
        return None;
    }
    let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Some((status, headers, &block[head_end + sep..]))
}

/// Undoes chunked transfer coding and gzip/deflate content coding.
fn undo_codings(http: &HashMap<String, String>, payload: &[u8]) -> Result<Vec<u8>, String> {
    let mut body = payload.to_vec();
    if http
        .get("transfer-encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
    {
        // Crawlers often store the payload already de-chunked while keeping
        // the header: keep the bytes as they are when they are not chunked.
        if let Some(d) = dechunk(&body) {
            body = d;
        }
    }
    match http
        .get("content-encoding")
        .map(|c| c.trim().to_ascii_lowercase())
        .as_deref()
    {
        None | Some("" | "identity") => Ok(body),
        Some(enc @ ("gzip" | "x-gzip")) => {
            if !body.starts_with(&[0x1f, 0x8b]) {
                return Ok(body);
            }
            let mut out = Vec::new();
            libflate::gzip::Decoder::new(&body[..])
                .and_then(|mut d| d.read_to_end(&mut out))
                .map_err(|e| format!("cannot undo {enc} content coding: {e}"))?;
            Ok(out)
        }
        Some("deflate") => {
            let mut out = Vec::new();
            let zlib =
                libflate::zlib::Decoder::new(&body[..]).and_then(|mut d| d.read_to_end(&mut out));
            if zlib.is_err() {
                out.clear();
                libflate::deflate::Decoder::new(&body[..])
                    .read_to_end(&mut out)
                    .map_err(|e| format!("cannot undo deflate content coding: {e}"))?;
            }
            Ok(out)
        }
        Some(other) => Err(format!("unsupported content coding {other:?}")),
    }
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let eol = find(data, b"\r\n")?;
        let size_str = std::str::from_utf8(&data[..eol]).ok()?;
        let size = usize::from_str_radix(size_str.split(';').next()?.trim(), 16).ok()?;
        data = &data[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size..)?;
        data = data.strip_prefix(b"\r\n").unwrap_or(data);
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::super::tests::mem;
    use super::super::{read_input, SourceConfig, SourceError};
    use super::*;
    use std::io::Write;

    fn record(kind: &str, id: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Date: 2020-10-29T10:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn http(content_type: &str, extra: &str, payload: &[u8]) -> Vec<u8> {
        let mut out =
            format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{extra}\r\n").into_bytes();
        out.extend_from_slice(payload);
        out
    }

    const PAGE: &str = "<html lang=\"fr\"><head><title>Trêve</title><meta property=\"article:published_time\" content=\"2020-10-26\"></head><body><article><p>Une trêve humanitaire est entrée en vigueur lundi.</p><p>Elle a été violée dans l'heure.</p></article></body></html>";

    fn crawl() -> Vec<u8> {
        let mut w = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:info>\r\nWARC-Date: 2020-10-29T10:00:00Z\r\nContent-Length: 11\r\n\r\nsoftware: x\r\n\r\n".to_vec();
        w.extend(record(
            "request",
            "req",
            "https://a.example/1",
            b"GET /1 HTTP/1.1\r\n\r\n",
        ));
        w.extend(record(
            "response",
            "r1",
            "https://a.example/1",
            &http("text/html; charset=utf-8", "", PAGE.as_bytes()),
        ));
        w.extend(record(
            "response",
            "img",
            "https://a.example/x.png",
            &http("image/png", "", b"\x89PNG"),
        ));
        let latin = b"Arm\xe9nie: la r\xe9gion est bombard\xe9e.";
        w.extend(record(
            "response",
            "r2",
            "https://a.example/2.txt",
            &http("text/plain; charset=iso-8859-1", "", latin),
        ));
        let chunked = b"11\r\nUn texte d\xc3\xa9coup\xc3\r\n6\r\n\xa9 ici.\r\n0\r\n\r\n";
        w.extend(record(
            "response",
            "r3",
            "https://a.example/3",
            &http("text/plain", "Transfer-Encoding: chunked\r\n", chunked),
        ));
        w
    }

    #[test]
    fn response_records_become_documents() {
        let docs: Vec<_> =
            read_input(&mem("crawl.warc", &crawl()), &SourceConfig::default()).collect();
        assert_eq!(docs.len(), 3, "{docs:?}");
        let a = docs[0].as_ref().expect("html record");
        assert_eq!(a.source_id, "urn:uuid:r1");
        assert_eq!(a.format, Format::Warc);
        assert_eq!(a.url.as_deref(), Some("https://a.example/1"));
        assert_eq!(a.title.as_deref(), Some("Trêve"));
        assert_eq!(
            a.body,
            "Une trêve humanitaire est entrée en vigueur lundi.\n\nElle a été violée dans l'heure."
        );
        assert_eq!(a.published, veille_model::PartialDate::day(2020, 10, 26));
        assert_eq!(
            a.meta.get("crawled_at").and_then(|v| v.as_str()),
            Some("2020-10-29T10:00:00Z")
        );
        assert_eq!(a.origin.line, Some(3));
        let b = docs[1].as_ref().expect("text record");
        assert_eq!(b.body, "Arménie: la région est bombardée.");
        assert_eq!(b.published, None);
        let c = docs[2].as_ref().expect("chunked record");
        assert_eq!(c.body, "Un texte découpé ici.");
    }

    #[test]
    fn gzipped_warc_is_read() {
        // One gzip member per record, as crawlers write them.
        let mut gz = Vec::new();
        for part in [
            record(
                "response",
                "g1",
                "https://a.example/g",
                &http("text/html", "", PAGE.as_bytes()),
            ),
            record(
                "response",
                "g2",
                "https://a.example/h",
                &http("text/plain", "", b"Deux."),
            ),
        ] {
            let mut enc = libflate::gzip::Encoder::new(Vec::new()).expect("encoder");
            enc.write_all(&part).expect("write");
            gz.extend(enc.finish().into_result().expect("finish"));
        }
        let docs: Vec<_> =
            read_input(&mem("crawl.warc.gz", &gz), &SourceConfig::default()).collect();
        assert_eq!(docs.len(), 2, "{docs:?}");
        assert_eq!(
            docs[1].as_ref().map(|d| d.body.as_str()).ok(),
            Some("Deux.")
        );
    }

    #[test]
    fn malformed_record_is_reported_and_reading_goes_on() {
        let mut w = record(
            "response",
            "ok1",
            "https://a.example/1",
            &http("text/plain", "", b"Premier."),
        );
        w.extend_from_slice(b"WARC/1.0\r\nthis is not a header\r\n\r\ngarbage garbage\r\n\r\n");
        w.extend(record(
            "response",
            "ok2",
            "https://a.example/2",
            &http("text/plain", "", b"Second."),
        ));
        let docs: Vec<_> = read_input(&mem("c.warc", &w), &SourceConfig::default()).collect();
        assert_eq!(docs.len(), 3, "{docs:?}");
        assert!(docs[0].is_ok());
        match &docs[1] {
            Err(e @ SourceError::Warc { record, .. }) => {
                assert_eq!(*record, 2);
                assert!(
                    e.to_string()
                        .starts_with("c.warc:2: malformed WARC record 2"),
                    "{e}"
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            docs[2].as_ref().map(|d| d.body.as_str()).ok(),
            Some("Second.")
        );
    }

    #[test]
    fn garbage_and_truncated_warc_are_errors() {
        let docs: Vec<_> = read_input(
            &mem("g.warc", b"this is not a warc file\nat all\n"),
            &SourceConfig::default(),
        )
        .collect();
        assert!(
            matches!(docs.as_slice(), [Err(SourceError::Warc { record: 1, .. })]),
            "{docs:?}"
        );
        let mut w = record(
            "response",
            "t",
            "https://a.example/1",
            &http("text/plain", "", b"Un texte assez long."),
        );
        w.truncate(w.len() - 12);
        let docs: Vec<_> = read_input(&mem("t.warc", &w), &SourceConfig::default()).collect();
        match docs.as_slice() {
            [Err(e @ SourceError::Warc { .. })] => {
                assert!(e.to_string().contains("truncated"), "{e}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn gzip_content_coding_is_undone() {
        let mut enc = libflate::gzip::Encoder::new(Vec::new()).expect("encoder");
        enc.write_all(b"Texte compress\xc3\xa9.").expect("write");
        let body = enc.finish().into_result().expect("finish");
        let w = record(
            "response",
            "z",
            "https://a.example/z",
            &http("text/plain", "Content-Encoding: gzip\r\n", &body),
        );
        let docs: Vec<_> = read_input(&mem("z.warc", &w), &SourceConfig::default()).collect();
        assert_eq!(
            docs[0].as_ref().map(|d| d.body.as_str()).ok(),
            Some("Texte compressé.")
        );
    }
}
