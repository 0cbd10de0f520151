//! Plain-text files: one file, one document.
//!
//! The body is the whole decoded text, untouched: a dispatch's title line,
//! its ` date 2020-10` marker and photo captions are taken apart by the
//! cleaner, not here. The source id is the file stem
//! (`000_b173b38ccefd84c3.txt` → `000_b173b38ccefd84c3`).

use super::{encoding, Ctx, SourceError};
use veille_model::{Format, RawDoc};

/// Reads a plain-text input already loaded in memory.
pub(crate) fn read_text(ctx: &Ctx, bytes: &[u8]) -> Result<RawDoc, SourceError> {
    let decoded = encoding::decode(bytes, None, false).map_err(|reason| SourceError::Encoding {
        path: ctx.path(),
        line: None,
        reason,
    })?;
    if decoded.text.trim().is_empty() {
        return Err(SourceError::Empty { path: ctx.path() });
    }
    let encoding = decoded.non_utf8_name();
    let mut doc = RawDoc::new(
        ctx.input.single_doc_id(bytes),
        ctx.origin(None),
        Format::Text,
        decoded.text,
    );
    if let Some(enc) = encoding {
        doc.meta.insert("encoding".into(), enc.into());
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::super::tests::mem;
    use super::super::{read_input, SourceConfig, SourceError};
    use veille_model::Format;

    #[test]
    fn a_text_file_is_one_document_kept_whole() {
        let text = "Titre de la dépêche\n\n date 2020-10\n\nBarda, 28 octobre. Un tir a frappé la ville.\n";
        let docs: Vec<_> = read_input(
            &mem("dir/000_b173b38ccefd84c3.txt", text.as_bytes()),
            &SourceConfig::default(),
        )
        .collect();
        assert_eq!(docs.len(), 1);
        let doc = docs[0].as_ref().expect("doc");
        assert_eq!(doc.source_id, "000_b173b38ccefd84c3");
        assert_eq!(doc.body, text);
        assert_eq!(doc.format, Format::Text);
        assert_eq!(doc.origin.path, "dir/000_b173b38ccefd84c3.txt");
        assert!(doc.meta.is_empty());
    }

    #[test]
    fn latin1_text_is_decoded_and_recorded() {
        let bytes = b"Les forces arm\xe9es ont indiqu\xe9 que la r\xe9gion \xe9tait bombard\xe9e.";
        let docs: Vec<_> = read_input(&mem("a.txt", bytes), &SourceConfig::default()).collect();
        let doc = docs[0].as_ref().expect("doc");
        assert!(doc.body.contains("armées"));
        assert!(doc.meta.contains_key("encoding"));
    }

    #[test]
    fn whitespace_only_file_is_empty() {
        let docs: Vec<_> =
            read_input(&mem("a.txt", b"  \n\n "), &SourceConfig::default()).collect();
        assert!(matches!(docs.as_slice(), [Err(SourceError::Empty { .. })]));
    }
}
