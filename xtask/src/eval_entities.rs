//! `cargo xtask eval entities`: the rule and gazetteer entity tagger against
//! HIPE-2020 French (dev), and its throughput on OrangeSum.
//!
//! Each HIPE document is rebuilt as text from its tokens (a space unless
//! `NoSpaceAfter`; OCR line ends are spaces), split into sentences by
//! veille's splitter and tagged. Gold: the coarse literal tags (`pers`,
//! `loc`, `org`; `prod` and `time` are not scored). A prediction covers the
//! tokens its span overlaps; a person's courtesy title is part of it (HIPE
//! includes "M." in the mention); demonyms are not predicted as mentions.
//! Strict: same tokens and type; fuzzy: overlapping tokens and same type,
//! one-to-one (the HIPE scorer's two regimes). The headline is printed as
//! `strict F1 0.xx`.

use crate::data;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;
use veille_extract::entities::{EntityKind, EntityTagger, Via, WordContext};
use veille_model::Span;

const TYPES: [&str; 3] = ["PER", "LOC", "ORG"];

pub(crate) struct Doc {
    #[allow(dead_code)] // kept for error listings
    pub id: String,
    pub text: String,
    /// Byte spans of the tokens in `text`.
    pub tokens: Vec<Span>,
    /// (first token, last token + 1, type)
    pub gold: Vec<(usize, usize, &'static str)>,
}

fn kind_of(tag: &str) -> Option<&'static str> {
    match tag {
        "pers" => Some("PER"),
        "loc" => Some("LOC"),
        "org" => Some("ORG"),
        _ => None,
    }
}

/// Reads a HIPE-2020 TSV file into documents.
pub(crate) fn read_hipe(path: &Path) -> Result<Vec<Doc>> {
    let raw =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut docs: Vec<Doc> = Vec::new();
    let mut open: Option<(usize, &'static str)> = None;
    let mut space = false;
    for line in raw.lines() {
        if let Some(id) = line.strip_prefix("# document_id = ") {
            if let (Some(d), Some((s, k))) = (docs.last_mut(), open.take()) {
                let n = d.tokens.len();
                d.gold.push((s, n, k));
            }
            docs.push(Doc {
                id: id.trim().to_string(),
                text: String::new(),
                tokens: Vec::new(),
                gold: Vec::new(),
            });
            space = false;
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if line.starts_with('#') || f.len() < 10 || f[0] == "TOKEN" {
            continue;
        }
        let Some(d) = docs.last_mut() else { continue };
        if space {
            d.text.push(' ');
        }
        let start = d.text.len();
        d.text.push_str(f[0]);
        let idx = d.tokens.len();
        d.tokens.push(Span::new(start, d.text.len()));
        space = !f[9].contains("NoSpaceAfter");
        let tag = f[1];
        let (bio, label) = tag.split_once('-').unwrap_or((tag, ""));
        let kind = kind_of(label);
        match (bio, kind) {
            ("B", Some(k)) => {
                if let Some((s, pk)) = open.take() {
                    d.gold.push((s, idx, pk));
                }
                open = Some((idx, k));
            }
            ("I", Some(k)) if open.is_some_and(|(_, pk)| pk == k) => {}
            _ => {
                if let Some((s, pk)) = open.take() {
                    d.gold.push((s, idx, pk));
                }
            }
        }
    }
    if let (Some(d), Some((s, k))) = (docs.last_mut(), open.take()) {
        let n = d.tokens.len();
        d.gold.push((s, n, k));
    }
    Ok(docs)
}

/// The tagger's mentions of a document as token ranges.
fn predict(
    tagger: &EntityTagger,
    d: &Doc,
    context: Option<&WordContext>,
) -> Vec<(usize, usize, &'static str)> {
    let (_, sentences) = veille_text::SentenceSplitter::for_lang("fr").split(&d.text);
    let spans: Vec<Span> = sentences.iter().map(|s| s.span).collect();
    let mut out = Vec::new();
    let found = tagger.tag_with_context(&d.text, &spans, "fr", context);
    for m in &found {
        // demonyms are no HIPE mentions; names nested in another mention's
        // extent (a person in an apposition) are HIPE's nested column
        let nested = found
            .iter()
            .any(|o| o.extent != m.extent && o.extent.contains(m.extent));
        if m.via == Via::Demonym || nested {
            continue;
        }
        let kind = match m.kind {
            EntityKind::Person => "PER",
            EntityKind::Place => "LOC",
            EntityKind::Organisation => "ORG",
        };
        let span = m.extent;
        let toks: Vec<usize> = (0..d.tokens.len())
            .filter(|&i| d.tokens[i].overlaps(span))
            .collect();
        if let (Some(&a), Some(&b)) = (toks.first(), toks.last()) {
            out.push((a, b + 1, kind));
        }
    }
    out
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl Counts {
    fn prf(self) -> (f64, f64, f64) {
        let p = self.tp as f64 / self.pred.max(1) as f64;
        let r = self.tp as f64 / self.gold.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// Scores one document: (strict, fuzzy) counts per type.
fn score(
    gold: &[(usize, usize, &'static str)],
    pred: &[(usize, usize, &'static str)],
    strict: &mut HashMap<&'static str, Counts>,
    fuzzy: &mut HashMap<&'static str, Counts>,
    errors: &mut HashMap<String, usize>,
    doc: &Doc,
) {
    for t in TYPES {
        let g: Vec<_> = gold.iter().filter(|x| x.2 == t).collect();
        let p: Vec<_> = pred.iter().filter(|x| x.2 == t).collect();
        let s = strict.entry(t).or_default();
        s.gold += g.len();
        s.pred += p.len();
        s.tp += g
            .iter()
            .filter(|x| p.iter().any(|y| y.0 == x.0 && y.1 == x.1))
            .count();
        let f = fuzzy.entry(t).or_default();
        f.gold += g.len();
        f.pred += p.len();
        let mut used = vec![false; p.len()];
        for x in &g {
            if let Some(i) = (0..p.len()).find(|&i| !used[i] && p[i].0 < x.1 && x.0 < p[i].1) {
                used[i] = true;
                f.tp += 1;
                if (p[i].0, p[i].1) != (x.0, x.1) {
                    let words = |a: usize, b: usize| {
                        &doc.text[doc.tokens[a].start as usize..doc.tokens[b - 1].end as usize]
                    };
                    *errors
                        .entry(format!(
                            "bounds {t}: {} ≠ {}",
                            words(x.0, x.1),
                            words(p[i].0, p[i].1)
                        ))
                        .or_default() += 1;
                }
            } else {
                let words = doc.text
                    [doc.tokens[x.0].start as usize..doc.tokens[x.1 - 1].end as usize]
                    .to_string();
                *errors.entry(format!("missed {t}: {words}")).or_default() += 1;
            }
        }
        for (i, y) in p.iter().enumerate() {
            if !used[i] {
                let words = doc.text
                    [doc.tokens[y.0].start as usize..doc.tokens[y.1 - 1].end as usize]
                    .to_string();
                *errors.entry(format!("spurious {t}: {words}")).or_default() += 1;
            }
        }
    }
}

/// One type's gold count, strict and fuzzy (P, R, F1).
pub(crate) type TypeScores = (&'static str, usize, (f64, f64, f64), (f64, f64, f64));

/// Scores of a tagger on HIPE documents.
pub(crate) struct Scores {
    strict: HashMap<&'static str, Counts>,
    fuzzy: HashMap<&'static str, Counts>,
    errors: HashMap<String, usize>,
}

impl Scores {
    fn total(m: &HashMap<&'static str, Counts>) -> Counts {
        m.values().fold(Counts::default(), |a, c| Counts {
            tp: a.tp + c.tp,
            pred: a.pred + c.pred,
            gold: a.gold + c.gold,
        })
    }

    /// The most frequent errors, most frequent first.
    pub fn top_errors(&self, n: usize) -> Vec<(String, usize)> {
        let mut errs: Vec<(String, usize)> =
            self.errors.iter().map(|(e, n)| (e.clone(), *n)).collect();
        errs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        errs.truncate(n);
        errs
    }

    /// Per type (PER, LOC, ORG): gold count, strict and fuzzy (P, R, F1).
    pub fn per_type(&self) -> Vec<TypeScores> {
        TYPES
            .iter()
            .map(|&t| {
                let s = self.strict.get(t).copied().unwrap_or_default();
                let f = self.fuzzy.get(t).copied().unwrap_or_default();
                (t, s.gold, s.prf(), f.prf())
            })
            .collect()
    }

    /// Micro-averaged (P, R, F1), strict then fuzzy.
    pub fn micro(&self) -> ((f64, f64, f64), (f64, f64, f64)) {
        (
            Self::total(&self.strict).prf(),
            Self::total(&self.fuzzy).prf(),
        )
    }
}

/// Tags every document and scores it against its gold mentions.
pub(crate) fn evaluate(tagger: &EntityTagger, docs: &[Doc]) -> Scores {
    evaluate_with(tagger, docs, None)
}

/// [`evaluate`] with context ids for each document's words.
pub(crate) fn evaluate_with(
    tagger: &EntityTagger,
    docs: &[Doc],
    contexts: Option<&[WordContext]>,
) -> Scores {
    let mut s = Scores {
        strict: HashMap::new(),
        fuzzy: HashMap::new(),
        errors: HashMap::new(),
    };
    for (i, d) in docs.iter().enumerate() {
        let pred = predict(tagger, d, contexts.map(|c| &c[i]));
        score(
            &d.gold,
            &pred,
            &mut s.strict,
            &mut s.fuzzy,
            &mut s.errors,
            d,
        );
    }
    s
}

pub fn run(args: &[&str]) -> Result<()> {
    // `--articles N`: time the first N OrangeSum articles only
    let limit = args
        .iter()
        .position(|a| *a == "--articles")
        .and_then(|i| args.get(i + 1)?.parse::<usize>().ok());
    // `--dump DIR`: write every mention as JSON lines (one file per tagger),
    // to compare two builds' output exactly
    let dump = args
        .iter()
        .position(|a| *a == "--dump")
        .and_then(|i| args.get(i + 1))
        .map(std::path::PathBuf::from);
    let mut report = String::from(
        "# Entities: persons, organisations, places\n\nReproduce: `VEILLE_DATA=/path/to/shared/data cargo run --release -p xtask -- train ner && … eval ner` \
         (the model's weights go to `$VEILLE_MODELS`, default `target/models`; they are not committed, HIPE being \
         CC BY-NC-SA, so `veille` runs the rules-only rows unless `VEILLE_MODELS` points there).\n\n",
    );
    let tagger = EntityTagger::new();
    anyhow::ensure!(
        tagger.is_learned(),
        "no NER model in {} (VEILLE_MODELS): run `cargo run --release -p xtask -- train ner` first",
        data::models_dir().display()
    );
    if let Some(path) = data::require("hipe2020-fr/dev.tsv") {
        let docs = read_hipe(&path)?;
        let rules = evaluate(&EntityTagger::rules_only(), &docs);
        let learned = evaluate(&tagger, &docs);
        let ((sp, sr, sf), (fp, fr, ff)) = learned.micro();
        let ((rsp, rsr, rsf), (rfp, rfr, rff)) = rules.micro();
        println!("strict F1 {sf:.3}");
        println!("fuzzy F1 {ff:.3}");
        println!("rules only: strict F1 {rsf:.3}, fuzzy F1 {rff:.3}");
        let gold_n: usize = docs.iter().map(|d| d.gold.len()).sum();
        let _ = writeln!(
            report,
            "## HIPE-2020 French dev (coarse, literal)\n\n{} documents, {gold_n} gold mentions of PER/LOC/ORG. Micro-averaged:\n\n\
             | tagger | regime | P | R | F1 |\n|---|---|---|---|---|\n\
             | learned + rules | strict | {sp:.3} | {sr:.3} | **{sf:.3}** |\n| learned + rules | fuzzy | {fp:.3} | {fr:.3} | **{ff:.3}** |\n\
             | rules only | strict | {rsp:.3} | {rsr:.3} | {rsf:.3} |\n| rules only | fuzzy | {rfp:.3} | {rfr:.3} | {rff:.3} |\n\n\
             Per type (learned + rules):\n\n| type | gold | predicted | strict P | strict R | strict F1 | fuzzy P | fuzzy R | fuzzy F1 |\n|---|---|---|---|---|---|---|---|---|",
            docs.len()
        );
        for t in TYPES {
            let s = learned.strict[t];
            let (a, b, c) = s.prf();
            let (d, e, f) = learned.fuzzy[t].prf();
            let _ = writeln!(
                report,
                "| {t} | {} | {} | {a:.3} | {b:.3} | {c:.3} | {d:.3} | {e:.3} | {f:.3} |",
                s.gold, s.pred
            );
        }
        let _ = writeln!(report, "\nMost frequent fuzzy errors (learned + rules):\n");
        for (e, n) in learned.top_errors(30) {
            let _ = writeln!(report, "- {n} × {e}");
        }
        report.push('\n');
    }
    if let Some(path) = data::require("orangesum/articles.jsonl") {
        let file = |name: &str| dump.as_ref().map(|d| d.join(name));
        let learned_dump = file("learned.jsonl");
        throughput(
            &tagger,
            "learned + rules",
            &path,
            limit,
            learned_dump.as_deref(),
            &mut report,
        )?;
        let rules = EntityTagger::rules_only();
        let rules_dump = file("rules.jsonl");
        throughput(
            &rules,
            "rules only",
            &path,
            limit,
            rules_dump.as_deref(),
            &mut report,
        )?;
    }
    data::write_report_keeping("entities.md", &report, "## Method and what breaks").map(drop)
}

fn throughput(
    tagger: &EntityTagger,
    label: &str,
    path: &Path,
    limit: Option<usize>,
    dump: Option<&Path>,
    report: &mut String,
) -> Result<()> {
    let raw =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let splitter = veille_text::SentenceSplitter::for_lang("fr");
    let docs: Vec<(String, Vec<Span>)> = raw
        .lines()
        .take(limit.unwrap_or(usize::MAX))
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            let text = format!("{}\n\n{}\n\n{}", s("title"), s("heading"), s("article"));
            let spans = splitter.split(&text).1.iter().map(|s| s.span).collect();
            (text, spans)
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let t0 = Instant::now();
    let _ = tagger.tag("Barda.", &[Span::new(0, 6)], "fr"); // the gazetteer loads once
    let load = t0.elapsed().as_secs_f64();
    let cpu0 = cpu_seconds();
    let t0 = Instant::now();
    let found: usize = docs.iter().map(|(t, s)| tagger.tag(t, s, "fr").len()).sum();
    let one = t0.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build()?;
    let t0 = Instant::now();
    let found2: usize = pool.install(|| {
        docs.par_iter()
            .map(|(t, s)| tagger.tag(t, s, "fr").len())
            .sum()
    });
    let two = t0.elapsed().as_secs_f64();
    anyhow::ensure!(found == found2, "tagging is not deterministic");
    if let Some(out) = dump {
        let mut w = String::new();
        for (t, s) in &docs {
            w.push_str(&serde_json::to_string(&tagger.tag(t, s, "fr"))?);
            w.push('\n');
        }
        std::fs::write(out, w).with_context(|| format!("writing {}", out.display()))?;
    }
    let n = docs.len() as f64;
    let loadavg = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let loadavg = loadavg.split(' ').take(3).collect::<Vec<_>>().join(" ");
    println!(
        "orangesum ({label}): {:.0} articles/s on 1 thread, {:.0} on 2 (load average {loadavg})",
        n / one,
        n / two
    );
    let per_cpu = cpu.map_or("not measured".to_string(), |c| {
        format!("{:.0} articles per CPU-second", n / c)
    });
    let _ = writeln!(
        report,
        "## Throughput ({label})\n\nOrangeSum, {} articles ({:.1} MB: title, heading and body), release build, `EntityTagger::tag` alone \
         (sentences split beforehand), gazetteer loaded once in {load:.2} s:\n\n\
         | threads | seconds | articles/s | MB/s |\n|---|---|---|---|\n| 1 | {one:.2} | {:.0} | {:.1} |\n| 2 | {two:.2} | {:.0} | {:.1} |\n\n\
         {found} mentions ({:.1} per article). Single thread: {per_cpu} (the wall-clock figures depend on what else the shared \
         two-core machine runs: load average {loadavg} at the end of the run).\n",
        docs.len(),
        bytes as f64 / 1e6,
        n / one,
        bytes as f64 / 1e6 / one,
        n / two,
        bytes as f64 / 1e6 / two,
        found as f64 / n,
    );
    Ok(())
}

pub(crate) fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
