//! `cargo xtask eval events`: how event typing behaves on real news, with no
//! gold event labels to hand.
//!
//! - GVA (`$VEILLE_DATA/gva/articles.jsonl`): every article reports a gun
//!   incident, so the share of articles typed `shooting` is a recall; the
//!   primary types that are not `shooting` show what else the cues fire on.
//! - OrangeSum (`$VEILLE_DATA/orangesum/articles.jsonl`, the first 5,000
//!   articles): general French news, mostly not about conflict; the share of
//!   articles given each primary type shows how often the cues fire outside
//!   war reporting (an upper bound on false positives, not a precision).
//!
//! Each article is read as the engine reads it (`Cleaner`, `Analyser`); the
//! title and every sentence are typed, then the document.

use crate::data;
use anyhow::{Context, Result};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use veille_extract::{
    type_document, type_sentence, DocumentTypes, EventCue, EventType, SentenceInput,
};
use veille_model::{Format, Origin, RawDoc};
use veille_text::{Analyser, Cleaner};

const ORANGESUM_SAMPLE: usize = 5_000;

/// With `--show TYPE`: print the sentences that fire TYPE's cue (a sample, to read).
fn show_cues(title: &str, body: String, lang: &str, show: EventType, budget: &mut usize) {
    if *budget == 0 {
        return;
    }
    let raw = RawDoc::new(
        "a",
        Origin {
            path: "a.jsonl".into(),
            line: None,
        },
        Format::Jsonl,
        body,
    );
    let doc = Analyser::default().analyse(Cleaner::default().clean(raw));
    for s in &doc.sentences {
        let text = s.span.slice(&doc.clean.text);
        for c in type_sentence(&SentenceInput {
            text,
            span: s.span,
            previous: None,
            title: None,
            lang,
        }) {
            if c.event_type == show && *budget > 0 {
                *budget -= 1;
                println!(
                    "[{}] {title} | cue «{}» | {text}",
                    show.as_str(),
                    c.span.slice(&doc.clean.text)
                );
            }
        }
    }
}

fn type_article(title: &str, body: String, lang: &str) -> DocumentTypes {
    let mut raw = RawDoc::new(
        "a",
        Origin {
            path: "a.jsonl".into(),
            line: None,
        },
        Format::Jsonl,
        body,
    );
    raw.title = Some(title.to_string());
    raw.lang_hint = Some(lang.to_string());
    let doc = Analyser::default().analyse(Cleaner::default().clean(raw));
    let lang = doc.lang.code.as_str();
    let title_cues = type_sentence(&SentenceInput::alone(title, lang));
    let sentences: Vec<Vec<EventCue>> = doc
        .sentences
        .iter()
        .map(|s| {
            type_sentence(&SentenceInput {
                text: s.span.slice(&doc.clean.text),
                span: s.span,
                previous: None,
                title: None,
                lang,
            })
        })
        .collect();
    type_document(&title_cues, &sentences)
}

struct Tally {
    n: usize,
    any: BTreeMap<EventType, usize>,
    primary: BTreeMap<Option<EventType>, usize>,
}

fn tally(docs: impl Iterator<Item = DocumentTypes>) -> Tally {
    let mut t = Tally {
        n: 0,
        any: BTreeMap::new(),
        primary: BTreeMap::new(),
    };
    for d in docs {
        t.n += 1;
        for s in &d.scores {
            *t.any.entry(s.event_type).or_default() += 1;
        }
        *t.primary.entry(d.primary).or_default() += 1;
    }
    t
}

fn table(md: &mut String, t: &Tally) -> Result<()> {
    writeln!(md, "| type | primary type | among the types |")?;
    writeln!(md, "|---|---|---|")?;
    let pct = |k: usize| 100.0 * k as f64 / t.n.max(1) as f64;
    for ty in EventType::ALL {
        let p = t.primary.get(&Some(ty)).copied().unwrap_or(0);
        let a = t.any.get(&ty).copied().unwrap_or(0);
        writeln!(
            md,
            "| {} | {p} ({:.1} %) | {a} ({:.1} %) |",
            ty.as_str(),
            pct(p),
            pct(a)
        )?;
    }
    let none = t.primary.get(&None).copied().unwrap_or(0);
    writeln!(md, "| (none) | {none} ({:.1} %) | |\n", pct(none))?;
    Ok(())
}

fn lines(path: &std::path::Path) -> Result<Vec<Value>> {
    std::fs::read_to_string(path)
        .with_context(|| path.display().to_string())?
        .lines()
        .map(|l| serde_json::from_str(l).context("parsing a json line"))
        .collect()
}

pub fn run(args: &[&str]) -> Result<()> {
    if let Some(show) = args
        .iter()
        .position(|a| *a == "--show")
        .and_then(|i| args.get(i + 1))
    {
        let ty = EventType::parse(show)
            .context("--show takes a type name such as ceasefire_violation")?;
        let Some(dir) = data::require("orangesum") else {
            return Ok(());
        };
        let mut budget = 25;
        for v in lines(&dir.join("articles.jsonl"))?
            .iter()
            .take(ORANGESUM_SAMPLE)
        {
            let body = v["article"].as_str().unwrap_or_default().to_string();
            show_cues(
                v["title"].as_str().unwrap_or_default(),
                body,
                "fr",
                ty,
                &mut budget,
            );
        }
        return Ok(());
    }
    let mut md = String::from("# Event typing on real news\n\nReproduce: `VEILLE_DATA=… cargo run --release -p xtask -- eval events` (module `xtask/src/eval_events.rs`). No gold event labels exist for these sets: the figures say how often each type fires, not how often it is right.\n\n");
    if let Some(dir) = data::require("gva") {
        let arts = lines(&dir.join("articles.jsonl"))?;
        let t = tally(arts.iter().map(|v| {
            type_article(
                v["title"].as_str().unwrap_or_default(),
                v["content"].as_str().unwrap_or_default().to_string(),
                "en",
            )
        }));
        let shooting = t.any.get(&EventType::Shooting).copied().unwrap_or(0);
        let primary = t
            .primary
            .get(&Some(EventType::Shooting))
            .copied()
            .unwrap_or(0);
        writeln!(
            md,
            "## GVA: {} English articles, each on a gun incident\n",
            t.n
        )?;
        writeln!(md, "`shooting` among the types: **{:.1} %** ({shooting}); as the primary type: **{:.1} %** ({primary}).\n", 100.0 * shooting as f64 / t.n as f64, 100.0 * primary as f64 / t.n as f64)?;
        table(&mut md, &t)?;
        println!(
            "gva shooting any {:.3} primary {:.3}",
            shooting as f64 / t.n as f64,
            primary as f64 / t.n as f64
        );
    }
    if let Some(dir) = data::require("orangesum") {
        let arts = lines(&dir.join("articles.jsonl"))?;
        let t = tally(arts.iter().take(ORANGESUM_SAMPLE).map(|v| {
            let body = format!(
                "{}\n\n{}",
                v["heading"].as_str().unwrap_or_default(),
                v["article"].as_str().unwrap_or_default()
            );
            type_article(v["title"].as_str().unwrap_or_default(), body, "fr")
        }));
        writeln!(
            md,
            "## OrangeSum: the first {} French articles (general news 2011–2020)\n",
            t.n
        )?;
        let violent: usize = t
            .primary
            .iter()
            .filter(|(k, _)| k.is_some_and(EventType::is_violent))
            .map(|(_, v)| v)
            .sum();
        writeln!(md, "A violent primary type (shelling, air strike, armed clash, shooting, ceasefire violation): {:.1} % of the articles.\n", 100.0 * violent as f64 / t.n as f64)?;
        table(&mut md, &t)?;
        println!(
            "orangesum violent primary {:.3}",
            violent as f64 / t.n as f64
        );
    }
    // what people wrote below the measured part stays
    let md = data::write_report_keeping("events.md", &md, "## Reading these figures")?;
    print!("{md}");
    Ok(())
}
