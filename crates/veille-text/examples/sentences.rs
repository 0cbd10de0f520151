//! Prints the title, date, removals and numbered sentences of plain-text files.
//!
//! `cargo run -p veille-text --example sentences -- examples/seeds/*.txt`

use veille_model::{Format, Origin, RawDoc};
use veille_text::{Analyser, Cleaner};

fn main() {
    let cleaner = Cleaner::default();
    let analyser = Analyser::default();
    for path in std::env::args().skip(1) {
        let body = match std::fs::read_to_string(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("skipping {path}: {e}");
                continue;
            }
        };
        let origin = Origin {
            path: path.clone(),
            line: None,
        };
        let doc = analyser.analyse(cleaner.clean(RawDoc::new(&path, origin, Format::Text, body)));
        println!("=== {path}");
        println!("title: {:?}", doc.clean.title);
        println!(
            "published: {:?}",
            doc.clean.published.map(|d| d.to_string())
        );
        println!("lang: {} ({:.2})", doc.lang.code, doc.lang.confidence);
        for r in &doc.clean.removed {
            println!(
                "removed [{}]: {:?}",
                r.reason,
                r.raw.slice(&doc.clean.raw.body)
            );
        }
        for (i, s) in doc.sentences.iter().enumerate() {
            println!(
                "{:3} p{:<2} {}",
                i + 1,
                s.paragraph,
                s.span.slice(&doc.clean.text)
            );
        }
        println!(
            "{} paragraphs, {} sentences",
            doc.paragraphs.len(),
            doc.sentences.len()
        );
    }
}
