//! `cargo xtask eval html`: HTML main-content extraction against OrangeSum.
//!
//! Each `orangesum/raw_html/N.html` is the page of the article whose `id` is
//! `N` in `orangesum/articles.jsonl`. Gold = its `title` + `heading` +
//! `article`; prediction = what `veille_engine::sources::read_input` gives
//! for the page: `title` + `lead` + `body`. Both are compared as bags of
//! folded words (`veille_text::tokenize` + `fold`); precision, recall and F1
//! are given per page, then micro (summed counts) and macro (mean of pages).
//!
//! The gold text glues paragraphs without a space (`Pyrénées.Alors`), which
//! UAX #29 keeps as one word; a word made of letters joined by a `.` is
//! therefore split at the dot on both sides before counting.

use crate::data;
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;
use veille_engine::sources::{read_input, Input, SourceConfig};
use veille_text::{fold, tokenize};

/// The F1 the extraction must reach (micro average).
const TARGET_F1: f64 = 0.95;

struct Gold {
    title: String,
    heading: String,
    article: String,
}

#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    common: usize,
    pred: usize,
    gold: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.common += o.common;
        self.pred += o.pred;
        self.gold += o.gold;
    }
    fn p(&self) -> f64 {
        ratio(self.common, self.pred)
    }
    fn r(&self) -> f64 {
        ratio(self.common, self.gold)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        if a == 0 {
            1.0
        } else {
            0.0
        }
    } else {
        a as f64 / b as f64
    }
}

/// The folded words of `text`, words glued by a dot split apart.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for t in tokenize(text) {
        let w = fold(t.text(text));
        if w.contains('.') && w.chars().any(char::is_alphabetic) {
            out.extend(w.split('.').filter(|p| !p.is_empty()).map(str::to_string));
        } else {
            out.push(w);
        }
    }
    out
}

fn bag(words: &[String]) -> HashMap<&str, usize> {
    let mut m = HashMap::new();
    for w in words {
        *m.entry(w.as_str()).or_insert(0) += 1;
    }
    m
}

fn compare(pred: &[String], gold: &[String]) -> Counts {
    let (bp, bg) = (bag(pred), bag(gold));
    let common = bp
        .iter()
        .map(|(w, n)| (*n).min(*bg.get(w).unwrap_or(&0)))
        .sum();
    Counts {
        common,
        pred: pred.len(),
        gold: gold.len(),
    }
}

/// Words in `a` beyond their count in `b`, most frequent first.
fn surplus(a: &[String], b: &[String], n: usize) -> Vec<String> {
    let (ba, bb) = (bag(a), bag(b));
    let mut extra: Vec<(&str, usize)> = ba
        .iter()
        .filter_map(|(w, c)| {
            let d = c.saturating_sub(*bb.get(w).unwrap_or(&0));
            (d > 0).then_some((*w, d))
        })
        .collect();
    extra.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
    extra
        .into_iter()
        .take(n)
        .map(|(w, _)| w.to_string())
        .collect()
}

struct Page {
    id: String,
    full: Counts,
    no_lead: Counts,
    body_only: Counts,
    reason: String,
}

pub fn run(args: &[&str]) -> Result<()> {
    if let Some(a) = args.first() {
        anyhow::bail!("unexpected argument {a:?}; usage: cargo xtask eval html");
    }
    let Some(dir) = data::require("orangesum/raw_html") else {
        return Ok(());
    };
    let Some(jsonl) = data::require("orangesum/articles.jsonl") else {
        return Ok(());
    };
    let mut pages: Vec<(u64, PathBuf)> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            let n = p.file_stem()?.to_str()?.parse().ok()?;
            (p.extension()? == "html").then_some((n, p))
        })
        .collect();
    pages.sort();
    let wanted: HashMap<String, ()> = pages.iter().map(|(n, _)| (n.to_string(), ())).collect();
    let mut gold: HashMap<String, Gold> = HashMap::new();
    let text =
        std::fs::read_to_string(&jsonl).with_context(|| format!("reading {}", jsonl.display()))?;
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let id = s("id");
        if wanted.contains_key(&id) {
            gold.insert(
                id,
                Gold {
                    title: s("title"),
                    heading: s("heading"),
                    article: s("article"),
                },
            );
        }
    }

    let cfg = SourceConfig::default();
    let mut results = Vec::new();
    let mut no_gold = 0;
    let mut failed = Vec::new();
    let mut extract_secs = 0.0;
    let mut extracted = 0usize;
    for (n, path) in &pages {
        let id = n.to_string();
        let started = Instant::now();
        let docs: Vec<_> = read_input(&Input::File(path.clone()), &cfg).collect();
        extract_secs += started.elapsed().as_secs_f64();
        extracted += 1;
        let Some(g) = gold.get(&id) else {
            no_gold += 1;
            continue;
        };
        let doc = match docs.into_iter().next() {
            Some(Ok(d)) => d,
            Some(Err(e)) => {
                failed.push(format!("{id}: {e}"));
                continue;
            }
            None => {
                failed.push(format!("{id}: no document"));
                continue;
            }
        };
        let gold_words = words(&format!("{}\n{}\n{}", g.title, g.heading, g.article));
        let title = doc.title.clone().unwrap_or_default();
        let lead = doc.lead.clone().unwrap_or_default();
        let pred_full = words(&format!("{title}\n{lead}\n{}", doc.body));
        let pred_no_lead = words(&format!("{title}\n{}", doc.body));
        let full = compare(&pred_full, &gold_words);
        let no_lead = compare(&pred_no_lead, &gold_words);
        let body_only = compare(&words(&doc.body), &words(&g.article));
        let missing = surplus(&gold_words, &pred_full, 6);
        let extra = surplus(&pred_full, &gold_words, 6);
        let heading_words = words(&g.heading);
        let heading_found = compare(&pred_full, &heading_words).r();
        let mut reason = format!(
            "{} gold words missing (e.g. {}), {} extra (e.g. {})",
            full.gold - full.common,
            missing.join(" "),
            full.pred - full.common,
            extra.join(" ")
        );
        if heading_found < 0.5 && !heading_words.is_empty() {
            reason.push_str("; standfirst absent");
        }
        results.push(Page {
            id,
            full,
            no_lead,
            body_only,
            reason,
        });
    }
    anyhow::ensure!(!results.is_empty(), "no page had a gold article");

    let agg = |f: fn(&Page) -> Counts| {
        let mut micro = Counts::default();
        let mut macro_f1 = 0.0;
        for p in &results {
            micro.add(f(p));
            macro_f1 += f(p).f1();
        }
        (micro, macro_f1 / results.len() as f64)
    };
    let (full, full_macro) = agg(|p| p.full);
    let (no_lead, no_lead_macro) = agg(|p| p.no_lead);
    let (body, body_macro) = agg(|p| p.body_only);
    let pages_per_s = extracted as f64 / extract_secs.max(1e-9);
    let mut worst: Vec<&Page> = results.iter().collect();
    worst.sort_by(|a, b| a.full.f1().total_cmp(&b.full.f1()));

    let mut out = String::new();
    let _ = writeln!(
        out,
        "# HTML main-content extraction (OrangeSum raw pages)\n"
    );
    let _ = writeln!(out, "Reproduce: `cargo xtask eval html` (data from `$VEILLE_DATA`, default `../shared/data`).\n");
    let _ = writeln!(
        out,
        "{} pages in `orangesum/raw_html/`, {} with a gold article (`id` == page number), {} without (skipped), {} failed to extract.\n",
        pages.len(),
        results.len(),
        no_gold,
        failed.len()
    );
    let _ = writeln!(out, "Metric: bag of folded words (`veille_text::tokenize` + `fold`, words glued by a dot split on both sides), precision / recall / F1; micro = summed counts, macro = mean of pages. Target: micro F1 ≥ {TARGET_F1}.\n");
    let _ = writeln!(
        out,
        "| prediction vs gold | P (micro) | R (micro) | F1 (micro) | F1 (macro) |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|");
    for (name, c, m) in [
        (
            "title + lead + body vs title + heading + article",
            full,
            full_macro,
        ),
        (
            "title + body (no lead) vs title + heading + article",
            no_lead,
            no_lead_macro,
        ),
        ("body vs article", body, body_macro),
    ] {
        let _ = writeln!(
            out,
            "| {name} | {:.3} | {:.3} | {:.3} | {:.3} |",
            c.p(),
            c.r(),
            c.f1(),
            m
        );
    }
    let verdict = if full.f1() >= TARGET_F1 {
        "meets"
    } else {
        "misses"
    };
    let _ = writeln!(
        out,
        "\nThe extraction {verdict} the target (micro F1 {:.3}).\n",
        full.f1()
    );
    let _ = writeln!(
        out,
        "Speed: {extracted} pages read, decoded and extracted in {extract_secs:.2} s on one thread: **{pages_per_s:.0} pages/s** (release build).\n"
    );
    let _ = writeln!(out, "## The 10 worst pages\n");
    let _ = writeln!(out, "| page | P | R | F1 | what differs |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    for p in worst.iter().take(10) {
        let _ = writeln!(
            out,
            "| {}.html | {:.3} | {:.3} | {:.3} | {} |",
            p.id,
            p.full.p(),
            p.full.r(),
            p.full.f1(),
            p.reason.replace('|', "/")
        );
    }
    if !failed.is_empty() {
        let _ = writeln!(out, "\n## Failures\n");
        for f in &failed {
            let _ = writeln!(out, "- {f}");
        }
    }
    // what people wrote below the measured part stays
    let out = data::write_report_keeping(
        "html-extraction.md",
        &out,
        "## What the pages show (looked at by hand)",
    )?;
    print!("{out}");
    Ok(())
}
