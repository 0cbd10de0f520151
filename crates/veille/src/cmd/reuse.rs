use anyhow::Result;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use veille_engine::{ReuseKind, ReuseSide, ReuseView};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The first document: store id or source id
    a: String,
    /// The second document: store id or source id
    b: String,
    /// JSON output
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> Result<ExitCode> {
    let engine = super::open_existing(db)?;
    let view = engine.reuse(&args.a, &args.b)?;
    if args.json {
        super::print_json(&view)?;
    } else {
        out!("{}", render(&view));
    }
    Ok(ExitCode::SUCCESS)
}

/// Width of each column of the side-by-side view, in characters.
const COLUMN: usize = 38;

fn side_line(out: &mut String, name: &str, s: &ReuseSide) {
    let _ = writeln!(
        out,
        "{name}  {} ({}) {}",
        s.id,
        s.source_id,
        s.title.as_deref().unwrap_or("(untitled)")
    );
    let _ = writeln!(
        out,
        "   {} of its {} sentences aligned ({:.0}%; {} long enough to compare)",
        s.reused,
        s.sentences,
        100.0 * s.share,
        s.eligible
    );
}

/// The aligned sentences side by side, each pair headed by its sentence
/// numbers (1-based, as `veille show` numbers them), kind and score.
fn render(v: &ReuseView) -> String {
    let mut out = String::new();
    side_line(&mut out, "A", &v.a);
    side_line(&mut out, "B", &v.b);
    if v.pairs.is_empty() {
        let _ = writeln!(out, "\nno sentence of one is copied in the other");
        return out;
    }
    let _ = writeln!(
        out,
        "\n{} aligned sentences: {} verbatim, {} edited",
        v.pairs.len(),
        v.verbatim,
        v.edited
    );
    for p in &v.pairs {
        let kind = match p.kind {
            ReuseKind::Verbatim => "verbatim",
            ReuseKind::Edited => "edited",
        };
        let _ = writeln!(
            out,
            "\nA[{}] ↔ B[{}]  {kind} {:.2}",
            p.a + 1,
            p.b + 1,
            p.score
        );
        let (left, right) = (wrap(&p.a_text, COLUMN), wrap(&p.b_text, COLUMN));
        for i in 0..left.len().max(right.len()) {
            let l = left.get(i).map(String::as_str).unwrap_or("");
            let r = right.get(i).map(String::as_str).unwrap_or("");
            let pad = COLUMN.saturating_sub(l.chars().count());
            let _ = writeln!(out, "  {l}{} │ {r}", " ".repeat(pad));
        }
    }
    out
}

/// Words of `text` in lines of at most `width` characters (a longer word
/// is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.len();
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.extend(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_every_word_within_the_width() {
        let text = "Le président Aliev a juré de reprendre le Haut-Karabakh, \
                    anticonstitutionnellementtrèslongmotquidépasse la colonne";
        let lines = wrap(text, 12);
        assert!(lines.iter().all(|l| l.chars().count() <= 12), "{lines:?}");
        let joined: String = lines.concat();
        let words: String = text.split_whitespace().collect();
        assert_eq!(joined.replace(' ', ""), words);
    }
}
