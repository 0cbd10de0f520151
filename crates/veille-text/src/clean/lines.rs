//! Raw lines with their byte ranges, trimmed of any kind of white space.
//!
//! A line ends at `\n`, `\r\n`, a lone `\r`, U+2028 (line separator) or U+2029
//! (paragraph separator, which also counts as a blank line after it).

/// A line of the raw body: `start..end` is the line without surrounding white
/// space (empty when the line is blank).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line {
    pub start: usize,
    pub end: usize,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.start == self.end
    }

    #[cfg(test)]
    pub fn text<'a>(&self, raw: &'a str) -> &'a str {
        &raw[self.start..self.end]
    }
}

/// The lines of `raw`, in order, trimmed.
pub(crate) fn lines(raw: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let bytes = raw.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (brk, len, para) = match b {
            b'\n' => (true, 1, false),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => (true, 2, false),
            b'\r' => (true, 1, false),
            // U+2028 = E2 80 A8, U+2029 = E2 80 A9
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA8) => {
                (true, 3, false)
            }
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA9) => {
                (true, 3, true)
            }
            _ => (false, 1, false),
        };
        if brk {
            out.push(trimmed(raw, start, i));
            if para {
                out.push(Line {
                    start: i + len,
                    end: i + len,
                });
            }
            i += len;
            start = i;
        } else {
            i += 1;
        }
    }
    out.push(trimmed(raw, start, raw.len()));
    out
}

/// Trims white space and invisible characters off both ends of `raw[start..end]`.
pub(crate) fn trimmed(raw: &str, start: usize, end: usize) -> Line {
    let s = &raw[start..end];
    let t = s.trim_start_matches(is_blank_char);
    let a = start + (s.len() - t.len());
    let t = t.trim_end_matches(is_blank_char);
    Line {
        start: a,
        end: a + t.len(),
    }
}

/// White space, zero-width characters and control characters: what a reader
/// does not see.
pub(crate) fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Characters dropped from the text: zero-width spaces, BOM, soft hyphen,
/// word joiner, and control characters other than white space.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
        || (c.is_control() && !c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_every_kind_of_line_end() {
        let raw = " a \r\nb\rc\u{2028}d\u{2029}e\n\n";
        let got: Vec<&str> = lines(raw).iter().map(|l| l.text(raw)).collect();
        assert_eq!(got, [" a ".trim(), "b", "c", "d", "", "e", "", ""]);
    }

    #[test]
    fn trims_nbsp_and_zero_width() {
        let raw = "\u{a0}\u{200b}Titre\u{202f}";
        let l = lines(raw);
        assert_eq!(l[0].text(raw), "Titre");
    }
}
