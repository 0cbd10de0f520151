//! Every casualty figure of the five seeds comes out with the right kind,
//! range, victims, claimant and accused, nothing else comes out, and none of
//! the trap numbers does. Gold: `tests/fixtures/seeds_claims.json`,
//! written by hand from the seeds.

use serde_json::Value;
use std::path::PathBuf;
use veille_extract::{extract_casualties, CasualtyClaim, SentenceInput};
use veille_model::Span;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Sentences of a plain-text dispatch: lines, then `. `/`! `/`? ` before an
/// uppercase letter or a quote (the seeds need nothing finer).
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let end_here = if c == b'\n' {
            Some(i)
        } else if matches!(c, b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
            let next = text[i + 2..].chars().next();
            let abbrev = text[..i].ends_with(" M")
                || text[..i].ends_with(" Mr")
                || text[..i].ends_with(" Dr");
            (next.is_some_and(|n| n.is_uppercase() || n == '«' || n == '"') && !abbrev)
                .then_some(i + 1)
        } else {
            None
        };
        if let Some(e) = end_here {
            if !text[start..e].trim().is_empty() {
                let s = start + (text[start..e].len() - text[start..e].trim_start().len());
                out.push(Span::new(s, e));
            }
            start = e + 1;
        }
        i += 1;
    }
    if !text[start..].trim().is_empty() {
        let s = start + (text[start..].len() - text[start..].trim_start().len());
        out.push(Span::new(s, text.trim_end().len()));
    }
    out
}

fn claims_of(text: &str) -> Vec<CasualtyClaim> {
    let mut out = Vec::new();
    for s in sentences(text) {
        let input = SentenceInput {
            text: s.slice(text),
            span: s,
            previous: None,
            title: None,
            lang: "fr",
        };
        out.extend(extract_casualties(&input));
    }
    out
}

fn describe(c: &CasualtyClaim, text: &str) -> String {
    format!(
        "{} {}..{:?}{} {:?}/{:?} [{}] by {:?} accusing {:?}{} at {:?} on {:?}",
        c.kind.as_str(),
        c.min,
        c.max,
        if c.approximate { "~" } else { "" },
        c.victims.category,
        c.victims.side,
        c.span.slice(text),
        c.claimed_by.as_ref().map(|x| x.text.as_str()),
        c.accused.as_ref().map(|x| x.text.as_str()),
        if c.cumulative { " cumulative" } else { "" },
        c.place,
        c.date_text.map(|d| d.slice(text)),
    )
}

fn matches(g: &Value, c: &CasualtyClaim, text: &str) -> bool {
    let s = |k: &str| g.get(k).and_then(Value::as_str);
    let field_ok = |k: &str, got: Option<&str>| match g.get(k) {
        None => true,
        Some(Value::Null) => got.is_none(),
        Some(v) => v.as_str() == got,
    };
    s("kind") == Some(c.kind.as_str())
        && g.get("min").and_then(Value::as_u64) == Some(c.min)
        && g.get("max").map(Value::as_u64) == Some(c.max)
        && s("text") == Some(c.span.slice(text))
        && field_ok("claimant", c.claimed_by.as_ref().map(|x| x.text.as_str()))
        && field_ok("accused", c.accused.as_ref().map(|x| x.text.as_str()))
        && field_ok("side", c.victims.side.as_deref())
        && g.get("victims")
            .is_none_or(|v| serde_json::to_value(c.victims.category).ok().as_ref() == Some(v))
        && g.get("cumulative")
            .is_none_or(|v| v.as_bool() == Some(c.cumulative))
}

#[test]
fn seeds_give_every_figure_and_no_trap() {
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/seeds_claims.json"))
            .expect("gold file"),
    )
    .expect("gold json");
    let seeds = root().join("../../examples/seeds");
    let mut problems = Vec::new();
    for (stem, doc) in gold.as_object().expect("object of documents") {
        let text = std::fs::read_to_string(seeds.join(format!("{stem}.txt"))).expect("seed file");
        let got = claims_of(&text);
        let want = doc["claims"].as_array().expect("claims");
        let mut taken = vec![false; got.len()];
        for g in want {
            match (0..got.len()).find(|&i| !taken[i] && matches(g, &got[i], &text)) {
                Some(i) => taken[i] = true,
                None => problems.push(format!("{stem}: missing {g}")),
            }
        }
        for (i, c) in got.iter().enumerate() {
            if !taken[i] {
                problems.push(format!("{stem}: unexpected {}", describe(c, &text)));
            }
        }
        for trap in doc["traps"].as_array().expect("traps") {
            let t = trap.as_str().expect("trap string");
            assert!(text.contains(t), "{stem}: trap {t:?} is not in the seed");
            for c in &got {
                if c.span.slice(&text).contains(t) {
                    problems.push(format!(
                        "{stem}: trap {t:?} came out as {}",
                        describe(c, &text)
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn dump_seed_claims() {
    // Prints what the extractor reads, to help write and review the gold.
    let seeds = root().join("../../examples/seeds");
    let mut names: Vec<_> = std::fs::read_dir(&seeds)
        .expect("seeds")
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    for p in names {
        let text = std::fs::read_to_string(&p).expect("seed");
        for c in claims_of(&text) {
            println!(
                "{} {}",
                p.file_stem().and_then(|s| s.to_str()).unwrap_or(""),
                describe(&c, &text)
            );
            assert!(c.sentence.contains(c.span));
        }
    }
}
