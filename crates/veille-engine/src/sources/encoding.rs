//! Bytes → text.
//!
//! The order is the one browsers use, minus the network: a byte-order mark;
//! else valid UTF-8 (by far the most common, and a Latin-1 page is almost
//! never valid UTF-8 by accident); else a declared charset (the HTTP
//! `Content-Type` of a WARC record, or an HTML `<meta charset>` /
//! `http-equiv` in the first 4 KiB); else a chardetng guess from the bytes.
//! A declared `utf-8` that is not valid UTF-8 is ignored in favour of the
//! guess. Decoding is done by encoding_rs; a decoding that needs replacement
//! characters for more than 1 % of the text is refused rather than stored as
//! mojibake.

use encoding_rs::{Encoding, UTF_8};

/// Text decoded from bytes, and the encoding that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
}

impl Decoded {
    /// The encoding name to record in `meta.encoding`, when it is not UTF-8.
    pub fn non_utf8_name(&self) -> Option<&'static str> {
        (self.encoding != UTF_8).then(|| self.encoding.name())
    }
}

/// Decodes `bytes`. `declared` is a charset label from outside the bytes
/// (an HTTP header); `html` says whether to look for a `<meta charset>`.
pub fn decode(bytes: &[u8], declared: Option<&str>, html: bool) -> Result<Decoded, String> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return if had_errors && too_many_replacements(&text) {
            Err(format!("invalid {} after its byte-order mark", enc.name()))
        } else {
            Ok(Decoded {
                text: text.into_owned(),
                encoding: enc,
            })
        };
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_string(),
            encoding: UTF_8,
        });
    }
    let label = declared
        .map(str::to_string)
        .or_else(|| html.then(|| meta_charset(bytes)).flatten());
    let declared_enc = label
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .filter(|e| *e != UTF_8 && e.output_encoding() == *e);
    if let Some(enc) = declared_enc {
        let (text, _, had_errors) = enc.decode(bytes);
        if !had_errors || !too_many_replacements(&text) {
            return Ok(Decoded {
                text: text.into_owned(),
                encoding: enc,
            });
        }
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, had_errors) = enc.decode(bytes);
    if had_errors && too_many_replacements(&text) {
        return Err(format!(
            "neither UTF-8 nor a declared charset, and the best guess ({}) does not fit",
            enc.name()
        ));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: enc,
    })
}

fn too_many_replacements(text: &str) -> bool {
    let bad = text.chars().filter(|&c| c == '\u{fffd}').count();
    bad * 100 > text.chars().count().max(1)
}

/// The charset an HTML page declares in its first 4 KiB: `<meta
/// charset="…">` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">`.
pub fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while i < lower.len() && lower[i].is_ascii_whitespace() {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len()
            && (lower[i].is_ascii_whitespace() || lower[i] == b'"' || lower[i] == b'\'')
        {
            i += 1;
        }
        let start = i;
        while i < lower.len() && (lower[i].is_ascii_alphanumeric() || b"-_:.".contains(&lower[i])) {
            i += 1;
        }
        if i > start {
            return Some(String::from_utf8_lossy(&lower[start..i]).into_owned());
        }
    }
    None
}

/// The `charset` parameter of an HTTP `Content-Type` value.
pub fn content_type_charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode("Arménie".as_bytes(), None, false).expect("utf-8");
        assert_eq!(d.text, "Arménie");
        assert_eq!(d.non_utf8_name(), None);
    }

    #[test]
    fn bom_is_honoured_and_stripped() {
        let d = decode(b"\xef\xbb\xbfabc", None, false).expect("bom");
        assert_eq!(d.text, "abc");
        let d = decode(b"\xff\xfeh\0\xe9\0", None, false).expect("utf-16");
        assert_eq!(d.text, "hé");
        assert_eq!(d.non_utf8_name(), Some("UTF-16LE"));
    }

    #[test]
    fn latin1_page_uses_its_meta_charset() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>Arm\xe9nie, f\xe9vrier</body></html>";
        let d = decode(page, None, true).expect("latin-1");
        assert!(d.text.contains("Arménie, février"), "{}", d.text);
        assert_eq!(d.non_utf8_name(), Some("windows-1252"));
    }

    #[test]
    fn latin1_text_without_declaration_is_guessed() {
        let text = b"Les forces arm\xe9es ont indiqu\xe9 que la r\xe9gion \xe9tait bombard\xe9e depuis le d\xe9but de la semaine.";
        let d = decode(text, None, false).expect("guess");
        assert!(d.text.contains("armées"), "{}", d.text);
        assert!(d.non_utf8_name().is_some());
    }

    #[test]
    fn wrong_utf8_declaration_falls_back_to_guess() {
        let page = b"<meta charset=utf-8><p>d\xe9j\xe0 \xe9t\xe9 tr\xe8s</p>";
        let d = decode(page, None, true).expect("guess");
        assert!(d.text.contains("déjà été très"), "{}", d.text);
    }

    #[test]
    fn charsets_are_found() {
        assert_eq!(
            meta_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-15\">"
            )
            .as_deref(),
            Some("iso-8859-15")
        );
        assert_eq!(
            content_type_charset("text/html; Charset=\"windows-1252\"").as_deref(),
            Some("windows-1252")
        );
        assert_eq!(content_type_charset("text/html"), None);
    }
}
