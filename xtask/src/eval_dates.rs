//! `cargo xtask eval dates`: the date tagger against the French TimeBank
//! (ISO-TimeML), and its throughput on OrangeSum.
//!
//! Each `fr-timebank/*.tml` gives a document creation time (the TIMEX3 with
//! `functionInDocument="CREATION_TIME"`) and, inside `<TEXT>`, the gold TIMEX3
//! elements among other tags (EVENT, SIGNAL) that are stripped keeping text
//! offsets. The tagger runs on the plain text anchored on the DCT. Scores:
//! span F1 (strict: same offsets; relaxed: overlap, one-to-one), value F1
//! (strict span and equal value — the headline, printed as `value F1 0.xx`) and
//! relaxed value F1 (overlap and equal value, the TempEval-3 way HeidelTime's
//! 0.736 was measured), per gold type, per split (1999 documents were used to
//! tune the rules, 2002–2003 ones to check), and the most frequent errors.

use crate::data;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;
use veille_extract::{DateTagger, Timex};
use veille_model::PartialDate;

struct Gold {
    start: usize,
    end: usize,
    kind: String,
    value: String,
}

struct Doc {
    name: String,
    dct: Option<PartialDate>,
    text: String,
    gold: Vec<Gold>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let p = tag.find(&key)? + key.len();
    let len = tag[p..].find('"')?;
    Some(tag[p..p + len].to_string())
}

/// Plain text and gold TIMEX3 spans of one ISO-TimeML file.
fn parse_tml(name: &str, xml: &str) -> Result<Doc> {
    let dct = xml
        .split('<')
        .find(|t| t.starts_with("TIMEX3") && t.contains("CREATION_TIME"))
        .and_then(|t| attr(t, "value"))
        .and_then(|v| v.parse().ok());
    let body_start = xml.find("<TEXT>").context("no <TEXT>")? + "<TEXT>".len();
    let body_end = xml.rfind("</TEXT>").context("no </TEXT>")?;
    let body = &xml[body_start..body_end];
    let (mut text, mut gold, mut open) = (String::new(), Vec::new(), None);
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        let gt = rest[lt..].find('>').context("unclosed tag")? + lt;
        let tag = &rest[lt + 1..gt];
        if tag.starts_with("TIMEX3") && !tag.ends_with('/') {
            open = Some((
                text.len(),
                attr(tag, "type").unwrap_or_default(),
                attr(tag, "value").unwrap_or_default(),
            ));
        } else if tag.starts_with("/TIMEX3") {
            if let Some((start, kind, value)) = open.take() {
                gold.push(Gold {
                    start,
                    end: text.len(),
                    kind,
                    value,
                });
            }
        }
        rest = &rest[gt + 1..];
    }
    text.push_str(rest);
    Ok(Doc {
        name: name.to_string(),
        dct,
        text,
        gold,
    })
}

#[derive(Default, Clone, Copy)]
struct Counts {
    gold: usize,
    pred: usize,
    strict: usize,
    relaxed: usize,
    value: usize,
    relaxed_value: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.value += o.value;
        self.relaxed_value += o.relaxed_value;
    }

    fn f1(&self, hits: usize) -> f64 {
        let p = hits as f64 / self.pred.max(1) as f64;
        let r = hits as f64 / self.gold.max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Scores one document, recording errors and per-type recall.
fn score(
    doc: &Doc,
    pred: &[Timex],
    errors: &mut HashMap<String, usize>,
    by_type: &mut HashMap<String, (usize, usize, usize)>,
) -> Counts {
    let mut c = Counts {
        gold: doc.gold.len(),
        pred: pred.len(),
        ..Counts::default()
    };
    let mut used = vec![false; pred.len()];
    let snippet = |s: usize, e: usize| doc.text[s..e].to_lowercase().replace('\n', " ");
    for g in &doc.gold {
        let entry = by_type.entry(g.kind.clone()).or_default();
        entry.0 += 1;
        let hit = pred.iter().enumerate().find(|(k, p)| {
            !used[*k] && (p.span.start as usize) < g.end && g.start < p.span.end as usize
        });
        match hit {
            None => {
                *errors
                    .entry(format!(
                        "missed {:?} ({} {})",
                        snippet(g.start, g.end),
                        g.kind,
                        g.value
                    ))
                    .or_default() += 1
            }
            Some((k, p)) => {
                used[k] = true;
                c.relaxed += 1;
                let exact = p.span.start as usize == g.start && p.span.end as usize == g.end;
                let same = p.value == g.value;
                c.strict += usize::from(exact);
                c.value += usize::from(exact && same);
                c.relaxed_value += usize::from(same);
                entry.1 += usize::from(exact);
                entry.2 += usize::from(exact && same);
                if !exact {
                    *errors
                        .entry(format!(
                            "span gold {:?} ours {:?}",
                            snippet(g.start, g.end),
                            snippet(p.span.start as usize, p.span.end as usize)
                        ))
                        .or_default() += 1;
                }
                if !same {
                    *errors
                        .entry(format!(
                            "value {:?} gold {} ours {}",
                            snippet(g.start, g.end),
                            g.value,
                            p.value
                        ))
                        .or_default() += 1;
                }
            }
        }
    }
    for (k, p) in pred.iter().enumerate() {
        if !used[k] {
            let s = snippet(p.span.start as usize, p.span.end as usize);
            *errors
                .entry(format!("spurious {s:?} ({} {})", p.kind.as_str(), p.value))
                .or_default() += 1;
        }
    }
    c
}

fn line(name: &str, c: &Counts) -> String {
    format!(
        "| {name} | {} | {} | {:.3} | {:.3} | {:.3} | {:.3} |\n",
        c.gold,
        c.pred,
        c.f1(c.strict),
        c.f1(c.relaxed),
        c.f1(c.value),
        c.f1(c.relaxed_value)
    )
}

pub fn run(_args: &[&str]) -> Result<()> {
    let mut report = String::from("# Dates: TIMEX3 tagging and normalisation\n\nReproduce: `cargo run --release -p xtask -- eval dates`\n\n");
    if let Some(dir) = data::require("fr-timebank") {
        evaluate(&dir, &mut report)?;
    }
    if let Some(path) = data::require("orangesum/articles.jsonl") {
        throughput(&path, &mut report)?;
    }
    // what people wrote below the measured part stays
    data::write_report_keeping("dates.md", &report, "## Method and conventions").map(drop)
}

fn evaluate(dir: &Path, report: &mut String) -> Result<()> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    paths.sort();
    let tagger = DateTagger::default();
    let (mut all, mut tune, mut check) = (Counts::default(), Counts::default(), Counts::default());
    let mut errors = HashMap::new();
    let mut by_type = HashMap::new();
    let mut pred_types: HashMap<&'static str, usize> = HashMap::new();
    for p in &paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let xml = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
        let doc = parse_tml(&name, &xml).with_context(|| format!("parsing {}", p.display()))?;
        let pred = tagger.tag(&doc.text, doc.dct, "fr");
        for x in &pred {
            *pred_types.entry(x.kind.as_str()).or_default() += 1;
        }
        let c = score(&doc, &pred, &mut errors, &mut by_type);
        all.add(c);
        if doc.name.starts_with("1999") {
            tune.add(c)
        } else {
            check.add(c)
        }
    }
    println!(
        "documents {}  gold {}  predicted {}",
        paths.len(),
        all.gold,
        all.pred
    );
    println!(
        "span F1 strict {:.3}  relaxed {:.3}",
        all.f1(all.strict),
        all.f1(all.relaxed)
    );
    println!("relaxed value F1 {:.3}", all.f1(all.relaxed_value));
    println!(
        "tune (1999) value F1 {:.3}  check (2002-2003) value F1 {:.3}",
        tune.f1(tune.value),
        check.f1(check.value)
    );
    println!("value F1 {:.2}", all.f1(all.value));

    let _ = write!(
        report,
        "French TimeBank 1.1 ({} documents, {} gold TIMEX3), tagger anchored on each document's creation time.\n\n\
         | set | gold | predicted | span F1 strict | span F1 relaxed | value F1 (strict span) | value F1 (relaxed span) |\n|---|---|---|---|---|---|---|\n",
        paths.len(),
        all.gold
    );
    report.push_str(&line("all", &all));
    report.push_str(&line("tune: 1999 docs", &tune));
    report.push_str(&line("check: 2002-2003 docs", &check));
    let _ = writeln!(report, "\n**value F1 {:.2}** (strict span + equal value). HeidelTime's published French figure, 0.736, is TempEval-3 style (relaxed span + value): compare it with the last column.\n", all.f1(all.value));
    report.push_str("Per gold type (recall):\n\n| type | gold | strict span found | value right |\n|---|---|---|---|\n");
    let mut types: Vec<_> = by_type.into_iter().collect();
    types.sort();
    for (t, (n, s, v)) in &types {
        let _ = writeln!(
            report,
            "| {t} | {n} | {s} ({:.0}%) | {v} ({:.0}%) |",
            100.0 * *s as f64 / *n as f64,
            100.0 * *v as f64 / *n as f64
        );
    }
    let mut pt: Vec<_> = pred_types.into_iter().collect();
    pt.sort();
    let _ = writeln!(
        report,
        "\nPredicted types: {}\n",
        pt.iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut errs: Vec<_> = errors.into_iter().collect();
    errs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    report.push_str("The 15 most frequent errors:\n\n| count | error |\n|---|---|\n");
    println!("most frequent errors:");
    for (e, n) in errs.iter().take(15) {
        println!("{n:>4}  {e}");
        let _ = writeln!(report, "| {n} | `{}` |", e.replace('|', "/"));
    }
    if std::env::args().any(|a| a == "--all-errors") {
        for (e, n) in errs.iter().skip(15) {
            println!("{n:>4}  {e}");
        }
    }
    report.push('\n');
    Ok(())
}

/// Articles per second of `DateTagger::tag` alone on OrangeSum (title, heading
/// and article tagged as one text, anchored on the article's date), on one
/// thread and on two.
fn throughput(path: &Path, report: &mut String) -> Result<()> {
    let raw =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let docs: Vec<(String, Option<PartialDate>)> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            (
                format!("{}\n\n{}\n\n{}", s("title"), s("heading"), s("article")),
                s("date").parse().ok(),
            )
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let tagger = DateTagger::default();
    let cpu0 = cpu_seconds();
    let t0 = Instant::now();
    let found: usize = docs
        .iter()
        .map(|(t, a)| tagger.tag(t, *a, "fr").len())
        .sum();
    let one = t0.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build()?;
    let t0 = Instant::now();
    let found2: usize = pool.install(|| {
        docs.par_iter()
            .map(|(t, a)| tagger.tag(t, *a, "fr").len())
            .sum()
    });
    let two = t0.elapsed().as_secs_f64();
    anyhow::ensure!(found == found2, "tagging is not deterministic");
    let n = docs.len() as f64;
    println!(
        "orangesum: {} articles, {found} timexes, {:.0} articles/s on 1 thread, {:.0} on 2",
        docs.len(),
        n / one,
        n / two
    );
    let per_cpu = cpu.map_or("not measured".to_string(), |c| {
        format!("{:.0} articles per CPU-second ({c:.2} CPU-s)", n / c)
    });
    println!("orangesum: {per_cpu}");
    let _ = writeln!(
        report,
        "## Throughput\n\nOrangeSum, {} articles ({:.1} MB: title, heading and body), release build, `DateTagger::tag` alone:\n\n\
         | threads | seconds | articles/s | MB/s |\n|---|---|---|---|\n| 1 | {one:.2} | {:.0} | {:.1} |\n| 2 | {two:.2} | {:.0} | {:.1} |\n\n\
         {found} expressions found ({:.1} per article). Single-thread CPU time: {per_cpu}, the figure that does not depend on \
         what else the shared two-core machine runs (wall-clock figures above do).\n",
        docs.len(),
        bytes as f64 / 1e6,
        n / one,
        bytes as f64 / 1e6 / one,
        n / two,
        bytes as f64 / 1e6 / two,
        found as f64 / n
    );
    Ok(())
}

/// User + system CPU seconds of this process (Linux `/proc/self/stat`, 100 ticks/s).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
