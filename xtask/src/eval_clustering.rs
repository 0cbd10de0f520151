//! `cargo xtask eval clustering`: B-cubed precision, recall and F1 of the
//! event and story clusterer on GVA (English, gold = incident) and RPM2
//! (French, gold = topic for stories, topic+cluster for events), plus the
//! seeds. `cargo xtask tune clustering` searches the thresholds on the dev
//! half of each set (split by a hash of the gold incident/topic) and reports
//! the held-out half. Gold labels stay here: the clusterer only sees
//! `ClusterDoc`s.

use crate::data::{require, write_report};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use veille_extract::DateTagger;
use veille_model::{Format, Origin, PartialDate, RawDoc};
use veille_story::{lead_of, ClusterConfig, ClusterDoc, Clusterer};
use veille_text::Cleaner;

/// A document with its gold labels (never shown to the clusterer).
#[derive(Debug, Clone)]
pub struct Item {
    pub doc: ClusterDoc,
    pub event: String,
    pub story: String,
    pub dev: bool,
}

/// Lead length given to the clusterer, in bytes.
const LEAD_CHARS: usize = 300;

fn dev_half(label: &str) -> bool {
    fnv1a(label).is_multiple_of(2)
}

/// FNV-1a, to split by label without another dependency.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The document placed in time from its text, as the engine's cluster stage
/// does ([`veille_engine::place_in_time`]).
fn timed(mut doc: ClusterDoc) -> ClusterDoc {
    veille_engine::place_in_time(&mut doc);
    doc
}

/// GVA articles, gold = `incident_uri`. Pages are cleaned as the engine
/// would (`veille_text::Cleaner`): they are full of subscription and
/// navigation boilerplate.
pub fn load_gva(path: &Path) -> Result<Vec<Item>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    let cleaner = Cleaner::default();
    let tagger = DateTagger::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{}:{}", path.display(), i + 1))?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let incident = s("incident_uri");
        let published: Option<PartialDate> = s("dct").parse().ok();
        let mut raw = RawDoc::new(
            format!("gva-{i}"),
            Origin {
                path: path.display().to_string(),
                line: Some(i as u64 + 1),
            },
            Format::Jsonl,
            s("content"),
        );
        raw.title = Some(s("title"));
        raw.url = Some(s("uri")).filter(|u| !u.is_empty());
        raw.published = published;
        let clean = cleaner.clean(raw);
        let title = clean.title.clone().unwrap_or_else(|| s("title"));
        let content = clean.text;
        out.push(Item {
            doc: timed(ClusterDoc {
                key: i as u64,
                published,
                lang: "en".into(),
                mentioned_dates: veille_engine::mentioned_dates(
                    &tagger, &title, &content, published, "en",
                ),
                title,
                lead: lead_of(&content, LEAD_CHARS).to_string(),
                body: content,
                ..ClusterDoc::default()
            }),
            dev: dev_half(&incident),
            story: incident.clone(),
            event: incident,
        });
    }
    Ok(out)
}

/// RPM2 documents `Txx_Cy_NN.txt`: first line title, no dates.
pub fn load_rpm2(dir: &Path) -> Result<Vec<Item>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let mut out = Vec::new();
    let tagger = DateTagger::default();
    for p in paths {
        let name = p
            .file_stem()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let parts: Vec<&str> = name.split('_').collect();
        if parts.len() != 3 {
            eprintln!("skipping {}: not Txx_Cy_NN", p.display());
            continue;
        }
        let raw =
            std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?;
        let raw = raw.trim_start_matches('\u{feff}');
        let (title, rest) = raw.trim().split_once('\n').unwrap_or((raw.trim(), ""));
        out.push(Item {
            doc: timed(ClusterDoc {
                key: out.len() as u64,
                published: None,
                lang: "fr".into(),
                mentioned_dates: veille_engine::mentioned_dates(&tagger, title, rest, None, "fr"),
                title: title.trim().to_string(),
                lead: lead_of(rest, LEAD_CHARS).to_string(),
                body: rest.trim().to_string(),
                ..ClusterDoc::default()
            }),
            dev: dev_half(parts[0]),
            story: parts[0].to_string(),
            event: format!("{}_{}", parts[0], parts[1]),
        });
    }
    Ok(out)
}

/// B-cubed precision, recall and F1 of `pred` against `gold` (same length).
pub fn bcubed<P: Eq + std::hash::Hash, G: Eq + std::hash::Hash>(
    pred: &[P],
    gold: &[G],
) -> (f64, f64, f64) {
    let n = pred.len();
    if n == 0 {
        return (0.0, 0.0, 0.0);
    }
    let mut both: HashMap<(&P, &G), f64> = HashMap::new();
    let mut ps: HashMap<&P, f64> = HashMap::new();
    let mut gs: HashMap<&G, f64> = HashMap::new();
    for (p, g) in pred.iter().zip(gold) {
        *both.entry((p, g)).or_default() += 1.0;
        *ps.entry(p).or_default() += 1.0;
        *gs.entry(g).or_default() += 1.0;
    }
    let (mut prec, mut rec) = (0.0, 0.0);
    for (p, g) in pred.iter().zip(gold) {
        let b = both[&(p, g)];
        prec += b / ps[p];
        rec += b / gs[g];
    }
    let (prec, rec) = (prec / n as f64, rec / n as f64);
    let f = if prec + rec > 0.0 {
        2.0 * prec * rec / (prec + rec)
    } else {
        0.0
    };
    (prec, rec, f)
}

/// Scores of one run: (event P, R, F1), (story P, R, F1).
#[derive(Debug, Clone, Copy, Default)]
pub struct Scores {
    pub event: (f64, f64, f64),
    pub story: (f64, f64, f64),
}

pub fn run_set(items: &[&Item], config: &ClusterConfig) -> Result<Scores> {
    let mut c = Clusterer::new(config.clone())?;
    let got: HashMap<u64, (u32, u32)> = c
        .add_batch(items.iter().map(|i| i.doc.clone()).collect())
        .into_iter()
        .map(|(k, a)| (k, (a.event.0, a.story.0)))
        .collect();
    let ev: Vec<u32> = items.iter().map(|i| got[&i.doc.key].0).collect();
    let st: Vec<u32> = items.iter().map(|i| got[&i.doc.key].1).collect();
    let ge: Vec<&str> = items.iter().map(|i| i.event.as_str()).collect();
    let gs: Vec<&str> = items.iter().map(|i| i.story.as_str()).collect();
    Ok(Scores {
        event: bcubed(&ev, &ge),
        story: bcubed(&st, &gs),
    })
}

fn singletons(items: &[&Item]) -> Scores {
    let ids: Vec<usize> = (0..items.len()).collect();
    let ge: Vec<&str> = items.iter().map(|i| i.event.as_str()).collect();
    let gs: Vec<&str> = items.iter().map(|i| i.story.as_str()).collect();
    Scores {
        event: bcubed(&ids, &ge),
        story: bcubed(&ids, &gs),
    }
}

fn split(items: &[Item]) -> [(&'static str, Vec<&Item>); 3] {
    [
        ("all", items.iter().collect()),
        ("dev", items.iter().filter(|i| i.dev).collect()),
        ("test", items.iter().filter(|i| !i.dev).collect()),
    ]
}

fn row(
    set: &str,
    level: &str,
    part: &str,
    n: usize,
    s: (f64, f64, f64),
    base: (f64, f64, f64),
) -> String {
    format!(
        "| {set} | {level} | {part} | {n} | {:.3} | {:.3} | **{:.3}** | {:.3} |\n",
        s.0, s.1, s.2, base.2
    )
}

/// Figures table for one config.
pub fn figures(config: &ClusterConfig) -> Result<String> {
    let mut out = String::from(
        "| set | level | half | docs | B³ P | B³ R | B³ F1 | all-singletons F1 |\n|---|---|---|---|---|---|---|---|\n",
    );
    let mut out_times = String::new();
    if let Some(p) = require("gva/articles.jsonl") {
        let items = load_gva(&p)?;
        out_times += &placed("GVA", &items);
        for (part, its) in split(&items) {
            let s = run_set(&its, config)?;
            out += &row(
                "GVA",
                "event",
                part,
                its.len(),
                s.event,
                singletons(&its).event,
            );
        }
    }
    if let Some(p) = require("rpm2/documents") {
        let items = load_rpm2(&p)?;
        out_times += &placed("RPM2", &items);
        for (part, its) in split(&items) {
            let s = run_set(&its, config)?;
            let b = singletons(&its);
            out += &row("RPM2", "event", part, its.len(), s.event, b.event);
            out += &row("RPM2", "story", part, its.len(), s.story, b.story);
        }
    }
    if !out_times.is_empty() {
        out = format!("{out}\nPlaced in time from their text (`veille_engine::place_in_time`):\n\n{out_times}");
    }
    Ok(out)
}

/// How many documents of a set got an inferred day or a "written after"
/// bound, as a report line.
fn placed(set: &str, items: &[Item]) -> String {
    let n = |f: fn(&ClusterDoc) -> bool| items.iter().filter(|i| f(&i.doc)).count();
    format!(
        "- {set}: {} documents, {} with a publication day, {} with an inferred day, {} with a \"written after\" bound\n",
        items.len(),
        n(|d| d.published.is_some_and(|p| p.day.is_some())),
        n(|d| d.inferred.is_some()),
        n(|d| d.not_before.is_some()),
    )
}

/// The default settings with the values the arguments give
/// (`--event-threshold X`, `--story-threshold X`, `--link-threshold X`,
/// `--story-entity-weight W`, `--query-keys N`, `--no-link`): a what-if
/// without editing the defaults.
pub(crate) fn config_from_args(args: &[&str]) -> Result<ClusterConfig> {
    let mut config = ClusterConfig::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let slot = match *a {
            "--event-threshold" => &mut config.event.threshold,
            "--story-threshold" => &mut config.story.threshold,
            "--link-threshold" => &mut config.link.threshold,
            "--story-entity-weight" => &mut config.story.scorer.entity_weight,
            "--query-keys" => {
                let v = it.next().context("--query-keys needs a number")?;
                config.query_keys = v.parse().with_context(|| format!("--query-keys {v}"))?;
                continue;
            }
            "--no-link" => {
                config.link.enabled = false;
                continue;
            }
            _ => continue,
        };
        let v = it.next().with_context(|| format!("{a} needs a number"))?;
        *slot = v
            .parse()
            .with_context(|| format!("{a} {v}: not a number"))?;
    }
    config.validate()?;
    Ok(config)
}

pub fn run(args: &[&str]) -> Result<()> {
    let config = config_from_args(args)?;
    if let Some(i) = args.iter().position(|a| *a == "--dump") {
        let out = args.get(i + 1).context("--dump needs a file")?;
        return dump_assignments(Path::new(out), &config);
    }
    let table = figures(&config)?;
    println!("{table}");
    let seeds = seeds_check(&config)?;
    println!("{seeds}");
    let bounds = orangesum_bounds()?;
    println!("{bounds}");
    if !args.contains(&"--no-report") {
        let body = format!(
            "# Clustering: measured figures\n\nReproduce: `cargo run --release -p xtask -- eval clustering`\n\n{table}\n{seeds}\n{bounds}"
        );
        write_report("clustering-eval.md", &body)?;
    }
    Ok(())
}

/// `--dump FILE`: one line per GVA and RPM2 document (set, key, gold event,
/// predicted event, predicted story, score, publication date, title), tab
/// separated, for reading the clusterer's errors; no report is written.
fn dump_assignments(path: &Path, config: &ClusterConfig) -> Result<()> {
    let mut out = String::from("set\tkey\tgold\tevent\tstory\tscore\tpublished\ttitle\n");
    for (set, rel) in [("gva", "gva/articles.jsonl"), ("rpm2", "rpm2/documents")] {
        let Some(p) = require(rel) else { continue };
        let items = if set == "gva" {
            load_gva(&p)?
        } else {
            load_rpm2(&p)?
        };
        let mut c = Clusterer::new(config.clone())?;
        let got: HashMap<u64, _> = c
            .add_batch(items.iter().map(|i| i.doc.clone()).collect())
            .into_iter()
            .collect();
        for i in &items {
            let a = &got[&i.doc.key];
            let _ = writeln!(
                out,
                "{set}\t{}\t{}\t{}\t{}\t{:.3}\t{}\t{}",
                i.doc.key,
                i.event,
                a.event.0,
                a.story.0,
                a.score,
                opt(i.doc.published),
                i.doc.title.replace(['\t', '\n'], " ")
            );
        }
    }
    std::fs::write(path, out).with_context(|| format!("writing {}", path.display()))?;
    eprintln!("assignments written to {}", path.display());
    Ok(())
}

fn seeds_check(config: &ClusterConfig) -> Result<String> {
    let dir = crate::data::workspace_root().join("examples/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let mut docs = Vec::new();
    let mut names = Vec::new();
    for (i, p) in paths.iter().enumerate() {
        let raw = std::fs::read_to_string(p)?;
        let (published, text) = match raw.trim_start().strip_prefix("date ") {
            Some(rest) => {
                let (d, t) = rest.split_once(' ').unwrap_or((rest, ""));
                (d.parse().ok(), t.to_string())
            }
            None => (None, raw.clone()),
        };
        let (title, rest) = text.trim().split_once('\n').unwrap_or((text.trim(), ""));
        names.push(
            p.file_name()
                .map(|n| n.to_string_lossy()[..3].to_string())
                .unwrap_or_default(),
        );
        docs.push(timed(ClusterDoc {
            key: i as u64,
            published,
            lang: "fr".into(),
            mentioned_dates: veille_engine::mentioned_dates(
                &DateTagger::default(),
                title,
                rest,
                published,
                "fr",
            ),
            title: title.trim().into(),
            lead: lead_of(rest, LEAD_CHARS).into(),
            body: rest.trim().into(),
            ..ClusterDoc::default()
        }));
    }
    let times: Vec<String> = docs
        .iter()
        .map(|d| match d.time_span() {
            None => "undated".to_string(),
            Some(_) => format!(
                "published {}, inferred {}, not before {}",
                opt(d.published),
                opt(d.inferred),
                opt(d.not_before)
            ),
        })
        .collect();
    let mut c = Clusterer::new(config.clone())?;
    let got = c.add_batch(docs);
    let mut out = String::from("Seeds (doc → event, story, score; time):\n\n");
    let mut got: Vec<_> = got.into_iter().collect();
    got.sort_by_key(|g| g.0);
    for (k, a) in got {
        let _ = writeln!(
            out,
            "- {} → event {}, story {}, score {:.3}; {}",
            names[k as usize], a.event.0, a.story.0, a.score, times[k as usize]
        );
    }
    Ok(out)
}

fn opt(d: Option<PartialDate>) -> String {
    d.map_or_else(|| "—".to_string(), |d| d.to_string())
}

/// Whether the "written after" rule ([`veille_extract::retrospective_bound`])
/// fires sensibly on dated French news: how many OrangeSum articles (title,
/// heading and text) get a bound, and every one whose bound falls after its
/// publication date (the rule would then be wrong).
fn orangesum_bounds() -> Result<String> {
    let Some(path) = require("orangesum/articles.jsonl") else {
        return Ok(String::new());
    };
    let docs = crate::bench_clustering::load(&path)?;
    let found: Vec<(u64, PartialDate, PartialDate, String)> = docs
        .par_iter()
        .filter_map(|d| {
            let text = format!("{}\n{}\n{}", d.title, d.lead, d.body);
            let b = veille_extract::retrospective_bound(&text)?;
            let phrase = b.span.get(&text).unwrap_or("").to_string();
            Some((d.key, d.published?, b.not_before, phrase))
        })
        .collect();
    let wrong: Vec<_> = found
        .iter()
        .filter(|(_, p, b, _)| b.day.is_some() && p.year < b.year)
        .collect();
    let mut out = format!(
        "\"Written after\" bounds on OrangeSum: {} of {} dated articles get one; {} fall after the publication date.\n",
        found.len(),
        docs.len(),
        wrong.len()
    );
    for (k, p, b, phrase) in wrong.iter().take(10) {
        let _ = writeln!(
            out,
            "- line {}: published {p}, bound {b} from {phrase:?}",
            k + 1
        );
    }
    let mut years: HashMap<i32, usize> = HashMap::new();
    for (_, p, b, _) in &found {
        *years.entry(p.year - (b.year - 1)).or_default() += 1;
    }
    let mut years: Vec<_> = years.into_iter().collect();
    years.sort();
    let _ = writeln!(
        out,
        "Years from the named conflict's year to publication (years: articles): {}",
        years
            .iter()
            .map(|(y, n)| format!("{y}: {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(out)
}

/// A tunable setting: its name, the values tried, and how to set it.
type Knob = (&'static str, &'static [f32], fn(&mut ClusterConfig, f32));

/// The settings `tune clustering` searches, each over a few values.
const KNOBS: &[Knob] = &[
    (
        "event.threshold",
        &[0.07, 0.09, 0.11, 0.13, 0.16],
        |c, v| c.event.threshold = v,
    ),
    ("event.entity_weight", &[0.1, 0.2, 0.35, 0.5], |c, v| {
        c.event.scorer.entity_weight = v
    }),
    ("event.time_scale_days", &[1.5, 3.0, 5.0, 8.0], |c, v| {
        c.event.scorer.time_scale_days = v
    }),
    ("title_weight", &[2.0, 3.0, 5.0], |c, v| c.title_weight = v),
    ("lead_weight", &[1.0, 2.0, 3.0], |c, v| c.lead_weight = v),
    (
        "story.threshold",
        &[0.03, 0.04, 0.06, 0.08, 0.11],
        |c, v| c.story.threshold = v,
    ),
    ("story.entity_weight", &[0.1, 0.2, 0.35, 0.5], |c, v| {
        c.story.scorer.entity_weight = v
    }),
    ("story.time_scale_days", &[10.0, 30.0, 60.0], |c, v| {
        c.story.scorer.time_scale_days = v
    }),
    ("centroid_terms", &[80.0, 120.0, 200.0], |c, v| {
        c.centroid_terms = v as usize
    }),
];

/// `cargo xtask tune clustering`: coordinate search on the dev halves.
///
/// Objective: the mean of GVA-dev event F1, RPM2-dev event F1 and RPM2-dev
/// story F1. Starting from `ClusterConfig::default()`, each setting of
/// [`KNOBS`] in turn takes the value that maximises the objective with the
/// others fixed (ties keep the current value); two rounds. The test halves
/// are scored only at the end, for the report.
pub fn tune(args: &[&str]) -> Result<()> {
    if args.contains(&"--links") {
        return crate::tune_links::run(args);
    }
    let gva = require("gva/articles.jsonl")
        .map(|p| load_gva(&p))
        .transpose()?
        .unwrap_or_default();
    let rpm = require("rpm2/documents")
        .map(|p| load_rpm2(&p))
        .transpose()?
        .unwrap_or_default();
    let half = |v: &[Item], dev: bool| -> Vec<Item> {
        v.iter().filter(|i| i.dev == dev).cloned().collect()
    };
    let (gva_dev, rpm_dev) = (half(&gva, true), half(&rpm, true));
    let (gva_test, rpm_test) = (half(&gva, false), half(&rpm, false));
    let score = |g: &[Item], r: &[Item], c: &ClusterConfig| -> (Scores, Scores) {
        let g: Vec<&Item> = g.iter().collect();
        let r: Vec<&Item> = r.iter().collect();
        (
            run_set(&g, c).unwrap_or_default(),
            run_set(&r, c).unwrap_or_default(),
        )
    };
    let objective = |(g, r): &(Scores, Scores)| (g.event.2 + r.event.2 + r.story.2) / 3.0;
    let mut best = ClusterConfig::default();
    let mut best_score = objective(&score(&gva_dev, &rpm_dev, &best));
    println!("start (defaults): dev objective {best_score:.4}");
    for round in 1..=2 {
        for (name, values, set) in KNOBS {
            let tried: Vec<(f32, f64)> = values
                .par_iter()
                .map(|&v| {
                    let mut c = best.clone();
                    set(&mut c, v);
                    (v, objective(&score(&gva_dev, &rpm_dev, &c)))
                })
                .collect();
            for &(v, o) in &tried {
                if o > best_score + 1e-4 {
                    set(&mut best, v);
                    best_score = o;
                }
            }
            let line: Vec<String> = tried.iter().map(|(v, o)| format!("{v}: {o:.4}")).collect();
            println!(
                "round {round} {name}: {} → {best_score:.4}",
                line.join(", ")
            );
        }
    }
    println!(
        "\nbest on dev ({best_score:.4}):\n{}",
        serde_json::to_string_pretty(&best)?
    );
    for (half, g, r) in [("dev", &gva_dev, &rpm_dev), ("test", &gva_test, &rpm_test)] {
        for (label, c) in [
            ("default", ClusterConfig::default()),
            ("tuned", best.clone()),
        ] {
            let (gs, rs) = score(g, r, &c);
            println!(
                "{half} {label}: GVA event F1 {:.3}, RPM2 event F1 {:.3}, RPM2 story F1 {:.3}",
                gs.event.2, rs.event.2, rs.story.2
            );
        }
    }
    Ok(())
}
