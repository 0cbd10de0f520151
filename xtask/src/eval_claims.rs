//! `cargo xtask eval claims`: casualty figures on GVA, attribution on
//! PolNeAR, throughput on OrangeSum; writes `reports/claims.md`.
//!
//! GVA has no official dev split in the shared files: an article is in dev
//! when the FNV-1a hash of its `incident_uri` is even, in held-out test
//! when odd. Rules are tuned on dev only; both are reported.

use crate::data::{require, write_report_keeping};
use anyhow::{Context, Result};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;
use veille_extract::quotes::contextual::ContextualModel;
use veille_extract::{
    extract_claims, extract_quotes_with, incident_counts, IncidentRules, Quote, QuoteMethod,
    SentenceInput,
};
use veille_model::{Format, Origin, RawDoc, Span};
use veille_text::{Analyser, Cleaner, SentenceSplitter};

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[derive(Debug, Clone, Copy, Default)]
struct Prediction {
    killed: u64,
    injured: u64,
}

/// What an article says was killed and injured in its incident: the page
/// read as the engine reads it (cleaned, then split into sentences), then
/// exactly the engine's per-document function
/// (`veille_extract::incident_counts`, default rules).
fn predict_gva(title: &str, content: &str, trace: Option<&mut Vec<String>>) -> Prediction {
    let mut raw = RawDoc::new(
        "gva",
        Origin {
            path: "gva/articles.jsonl".to_string(),
            line: None,
        },
        Format::Jsonl,
        content.to_string(),
    );
    raw.title = Some(title.to_string());
    raw.lang_hint = Some("en".to_string());
    let doc = Analyser::default().analyse(Cleaner::default().clean(raw));
    let counts = incident_counts(
        Some(title),
        &doc.clean.text,
        &doc.sentences,
        "en",
        IncidentRules::default(),
    );
    if let Some(trace) = trace {
        for f in &counts.read {
            let c = &f.claim;
            let sentence = if f.in_title {
                title
            } else {
                c.sentence.get(&doc.clean.text).unwrap_or_default()
            };
            trace.push(format!(
                "{:?} {} implicit={} cumulative={} survivor={} in `{sentence}`",
                c.kind, c.min, c.implicit, c.cumulative, f.survivor
            ));
        }
        trace.push(format!("evidence {:?}", counts.evidence));
    }
    Prediction {
        killed: counts.killed,
        injured: counts.injured,
    }
}

struct GvaArticle {
    dev: bool,
    title: String,
    content: String,
    killed: u64,
    injured: u64,
}

fn load_gva(dir: &Path) -> Result<Vec<GvaArticle>> {
    let mut incidents: HashMap<String, (u64, u64)> = HashMap::new();
    for line in std::fs::read_to_string(dir.join("incidents.jsonl"))
        .context("reading gva incidents")?
        .lines()
    {
        let v: Value = serde_json::from_str(line).context("parsing a gva incident")?;
        let uri = v["incident_uri"].as_str().unwrap_or_default().to_string();
        incidents.insert(
            uri,
            (
                v["num_killed"].as_u64().unwrap_or(0),
                v["num_injured"].as_u64().unwrap_or(0),
            ),
        );
    }
    let mut out = Vec::new();
    for line in std::fs::read_to_string(dir.join("articles.jsonl"))
        .context("reading gva articles")?
        .lines()
    {
        let v: Value = serde_json::from_str(line).context("parsing a gva article")?;
        let uri = v["incident_uri"].as_str().unwrap_or_default();
        let Some(&(killed, injured)) = incidents.get(uri) else {
            continue;
        };
        out.push(GvaArticle {
            dev: fnv(uri).is_multiple_of(2),
            title: v["title"].as_str().unwrap_or_default().to_string(),
            content: v["content"].as_str().unwrap_or_default().to_string(),
            killed,
            injured,
        });
    }
    Ok(out)
}

#[derive(Debug, Default, Clone, Copy)]
struct Scores {
    n: usize,
    killed_exact: usize,
    killed_near: usize,
    injured_exact: usize,
    injured_near: usize,
    base_killed: usize,
    base_injured: usize,
}

fn score(arts: &[&GvaArticle], preds: &[Prediction], base: (u64, u64)) -> Scores {
    let mut s = Scores {
        n: arts.len(),
        ..Scores::default()
    };
    for (a, p) in arts.iter().zip(preds) {
        s.killed_exact += usize::from(a.killed == p.killed);
        s.killed_near += usize::from(a.killed.abs_diff(p.killed) <= 1);
        s.injured_exact += usize::from(a.injured == p.injured);
        s.injured_near += usize::from(a.injured.abs_diff(p.injured) <= 1);
        s.base_killed += usize::from(a.killed == base.0);
        s.base_injured += usize::from(a.injured == base.1);
    }
    s
}

fn ratio(a: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        a as f64 / n as f64
    }
}

fn majority(values: impl Iterator<Item = u64>) -> u64 {
    let mut counts: HashMap<u64, usize> = HashMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(v, c)| (c, std::cmp::Reverse(v)))
        .map_or(0, |(v, _)| v)
}

fn eval_gva(report: &mut String, dump: bool) -> Result<()> {
    let Some(dir) = require("gva") else {
        return Ok(());
    };
    let arts = load_gva(&dir)?;
    let dev: Vec<&GvaArticle> = arts.iter().filter(|a| a.dev).collect();
    let test: Vec<&GvaArticle> = arts.iter().filter(|a| !a.dev).collect();
    let base = (
        majority(dev.iter().map(|a| a.killed)),
        majority(dev.iter().map(|a| a.injured)),
    );
    let run = |set: &[&GvaArticle]| -> Vec<Prediction> {
        set.par_iter()
            .map(|a| predict_gva(&a.title, &a.content, None))
            .collect()
    };
    let (pd, pt) = (run(&dev), run(&test));
    let rules = IncidentRules::default();
    if dump {
        for (a, p) in dev.iter().zip(&pd).filter(|(a, p)| a.injured != p.injured) {
            let mut trace = Vec::new();
            predict_gva(&a.title, &a.content, Some(&mut trace));
            println!(
                "=== gold {}/{} pred {}/{} | {}\n{}\n",
                a.killed,
                a.injured,
                p.killed,
                p.injured,
                a.title,
                trace.join("\n")
            );
        }
    }
    let (sd, st) = (score(&dev, &pd, base), score(&test, &pt, base));
    println!("gva killed exact {:.3}", ratio(sd.killed_exact, sd.n));
    println!("gva injured exact {:.3}", ratio(sd.injured_exact, sd.n));
    println!("gva test killed exact {:.3}", ratio(st.killed_exact, st.n));
    println!(
        "gva test injured exact {:.3}",
        ratio(st.injured_exact, st.n)
    );
    writeln!(report, "## GVA: killed and injured per article\n")?;
    writeln!(report, "{} articles joined to their incident ({} dev, {} held-out test; split by the parity of the FNV-1a hash of `incident_uri`). Each page is read as the engine reads it: `veille_text::Cleaner` (boilerplate, stamps, credits removed) then `Analyser` sentences. Prediction: the first written non-cumulative figure of each kind in reading order (title, then the first {} body sentences, page-furniture lines skipped; figures above {} ignored); an injured figure of one written `a`/`an`/`one` (`a toddler was shot`) counts as a singular report; failing a written figure, 1 for a singular report (`a man was shot and killed`, `in critical condition`), a death said in the title without a count (`fatal shooting`, `dies`) counts one killed; an injury of one dropped when a death is reported unless a sentence says a victim lived (`also shot`, `survived`, `stable condition`) or the injury is coordinated by `and` after a death of its sentence (`three were shot to death and another was injured`); 0 killed and 0 injured but a harm word in the title (`shot`, `shooting`, `wound`…) → 1 injured. Baseline: the dev majority value (killed {}, injured {}). The prediction is the engine's `veille_extract::incident_counts` (what `veille show` and the export use).\n", arts.len(), dev.len(), test.len(), rules.first, rules.cap, base.0, base.1)?;
    writeln!(report, "| split | n | killed exact | killed ±1 | injured exact | injured ±1 | baseline killed | baseline injured |")?;
    writeln!(report, "|---|---|---|---|---|---|---|---|")?;
    for (name, s) in [("dev", sd), ("test", st)] {
        writeln!(
            report,
            "| {name} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
            s.n,
            ratio(s.killed_exact, s.n),
            ratio(s.killed_near, s.n),
            ratio(s.injured_exact, s.n),
            ratio(s.injured_near, s.n),
            ratio(s.base_killed, s.n),
            ratio(s.base_injured, s.n)
        )?;
    }
    writeln!(report, "\nPublished reference: 0.443 exact match for victim counts (Zhou et al. 2023, NT5 on EMM news).\n")?;
    let under = |f: fn(&GvaArticle, &Prediction) -> (u64, u64)| {
        let (mut lo, mut hi) = (0, 0);
        for (a, p) in dev.iter().zip(&pd) {
            let (g, q) = f(a, p);
            lo += usize::from(q < g);
            hi += usize::from(q > g);
        }
        (lo, hi)
    };
    let (kl, kh) = under(|a, p| (a.killed, p.killed));
    let (il, ih) = under(|a, p| (a.injured, p.injured));
    writeln!(report, "Dev errors by direction: killed {kl} under-counted, {kh} over-counted; injured {il} under-counted, {ih} over-counted.\n")?;
    writeln!(
        report,
        "### Sample of dev errors (first 12 by file order)\n"
    )?;
    writeln!(report, "| title | gold killed/injured | predicted |")?;
    writeln!(report, "|---|---|---|")?;
    for (a, p) in dev
        .iter()
        .zip(&pd)
        .filter(|(a, p)| a.killed != p.killed || a.injured != p.injured)
        .take(12)
    {
        let title: String = a
            .title
            .chars()
            .take(90)
            .collect::<String>()
            .replace('|', "/");
        writeln!(
            report,
            "| {title} | {}/{} | {}/{} |",
            a.killed, a.injured, p.killed, p.injured
        )?;
    }
    writeln!(report)?;
    Ok(())
}

/// A brat span list `12 20;25 30` → first start and last end.
fn brat_span(s: &str) -> Option<(usize, usize)> {
    let nums: Vec<usize> = s.split([' ', ';']).filter_map(|x| x.parse().ok()).collect();
    let start = *nums.first()?;
    let end = nums.last().copied().unwrap_or(start);
    Some((start, end))
}

#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Prf {
    pred: usize,
    gold: usize,
    pred_hit: usize,
    gold_hit: usize,
}

impl Prf {
    fn add(&mut self, pred: &[(usize, usize)], gold: &[(usize, usize)], exact: bool) {
        let hit = |a: (usize, usize), b: (usize, usize)| {
            if exact {
                a == b
            } else {
                a.0 < b.1 && b.0 < a.1
            }
        };
        self.pred += pred.len();
        self.gold += gold.len();
        self.pred_hit += pred
            .iter()
            .filter(|&&p| gold.iter().any(|&g| hit(p, g)))
            .count();
        self.gold_hit += gold
            .iter()
            .filter(|&&g| pred.iter().any(|&p| hit(p, g)))
            .count();
    }

    pub(crate) fn f1(&self) -> (f64, f64, f64) {
        let p = ratio(self.pred_hit, self.pred);
        let r = ratio(self.gold_hit, self.gold);
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

/// Prints the gold sources not found exactly and the predicted sources that
/// match no gold one, each with a little context.
fn print_source_errors(doc: &str, text: &str, pred: &[(usize, usize)], gold: &[(usize, usize)]) {
    let show = |(s, e): (usize, usize)| {
        let at = |i: usize| text.floor_char_boundary(i);
        let before = &text[at(s.saturating_sub(60))..at(s)];
        let after = &text[at(e)..at((e + 60).min(text.len()))];
        format!("…{}[{}]{}…", before, &text[at(s)..at(e)], after).replace('\n', " ")
    };
    for &g in gold.iter().filter(|g| !pred.contains(g)) {
        let near = pred.iter().find(|p| p.0 < g.1 && g.0 < p.1);
        // a source found with other boundaries: what ours has more (`-`) or
        // less (`+`) than the gold span on each side, `=` when that side agrees
        let edge = |a: usize, b: usize, ours_more: bool| match a.cmp(&b) {
            std::cmp::Ordering::Equal => "=".to_string(),
            _ => format!(
                "{}{}",
                if ours_more { '-' } else { '+' },
                &text[a.min(b)..a.max(b)]
            ),
        };
        let tag = near.map_or("MISS".to_string(), |&p| {
            format!(
                "PART({})\tleft {}\tright {}",
                text[p.0..p.1].replace('\n', " "),
                edge(p.0, g.0, p.0 < g.0),
                edge(p.1, g.1, p.1 > g.1)
            )
        });
        println!("{doc}\t{tag}\t{}", show(g));
    }
    for &p in pred
        .iter()
        .filter(|p| !gold.iter().any(|g| g.0 < p.1 && p.0 < g.1))
    {
        println!("{doc}\tFALSE\t{}", show(p));
    }
}

/// Character offsets (brat) to byte offsets of `text`.
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// A PolNeAR document: its text, its gold spans by role (source, cue,
/// content) and its attributions (cue with its source, when the relation
/// names one), all in byte offsets.
pub(crate) struct PolnearDoc {
    pub stem: String,
    pub text: String,
    gold: [Vec<(usize, usize)>; 3],
    pub pairs: Vec<(Bytes, Option<Bytes>)>,
}

/// A byte range `[start, end)`.
type Bytes = (usize, usize);

/// The annotated documents of a PolNeAR split (`train`, `dev`); `None` when
/// the data is missing.
pub(crate) fn polnear_docs(split: &str) -> Result<Option<Vec<PolnearDoc>>> {
    let Some(dir) = require(&format!("polnear/{split}")) else {
        return Ok(None);
    };
    let mut names: Vec<_> = std::fs::read_dir(dir.join("attributions"))?
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    let mut out = Vec::new();
    for ann in names {
        let stem = ann.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let base = stem.rsplit_once('_').map_or(stem, |(b, _)| b);
        let Ok(text) = std::fs::read_to_string(dir.join("text").join(format!("{base}.txt"))) else {
            continue;
        };
        let Ok(ann_text) = std::fs::read_to_string(&ann) else {
            continue;
        };
        let c2b = char_to_byte(&text);
        let mut gold: [Vec<(usize, usize)>; 3] = Default::default();
        let mut spans: HashMap<&str, (usize, usize)> = HashMap::new();
        let mut relations = Vec::new();
        for line in ann_text.lines() {
            let mut parts = line.split('\t');
            let (Some(id), Some(meta)) = (parts.next(), parts.next()) else {
                continue;
            };
            if id.starts_with('E') {
                relations.push(meta);
                continue;
            }
            if !id.starts_with('T') {
                continue;
            }
            let Some((role, at)) = meta.split_once(' ') else {
                continue;
            };
            let Some((s, e)) = brat_span(at) else {
                continue;
            };
            let (Some(&s), Some(&e)) = (c2b.get(s), c2b.get(e)) else {
                continue;
            };
            spans.insert(id, (s, e));
            let slot = match role {
                "Source" => 0,
                "Cue" => 1,
                "Content" => 2,
                _ => continue,
            };
            gold[slot].push((s, e));
        }
        // `Attribution:T4 Content:T3 Cue:T2 Source:T1`
        let pairs = relations
            .iter()
            .filter_map(|r| {
                let arg = |role: &str| {
                    r.split(' ')
                        .find_map(|a| a.strip_prefix(role))
                        .and_then(|t| spans.get(t).copied())
                };
                Some((arg("Cue:")?, arg("Source:")))
            })
            .collect();
        out.push(PolnearDoc {
            stem: stem.to_string(),
            text,
            gold,
            pairs,
        });
    }
    Ok(Some(out))
}

/// Source, cue and content scores (exact, overlap) of `find` on `docs`:
/// every predicted quote against every gold attribution of the document.
pub(crate) fn score_polnear<D: std::borrow::Borrow<PolnearDoc>>(
    docs: &[D],
    find: &(dyn Fn(&SentenceInput<'_>) -> Vec<Quote> + Sync),
    dump: bool,
) -> [[Prf; 2]; 3] {
    let splitter = SentenceSplitter::for_lang("en");
    let mut scores = [[Prf::default(); 2]; 3];
    for doc in docs {
        let doc = doc.borrow();
        let text = doc.text.as_str();
        let mut pred: [Vec<(usize, usize)>; 3] = Default::default();
        // byte spans of the shared splitter; gold brat character offsets were
        // mapped to bytes (`char_to_byte`)
        let sents: Vec<Span> = splitter.split(text).1.iter().map(|s| s.span).collect();
        for (i, s) in sents.iter().enumerate() {
            let previous = i.checked_sub(1).map(|j| (sents[j].slice(text), sents[j]));
            let input = SentenceInput {
                text: s.slice(text),
                span: *s,
                previous,
                title: None,
                lang: "en",
            };
            for q in find(&input) {
                // the source as written in the sentence (a pronoun is a
                // source in PolNeAR), not the speaker it was resolved to
                if let Some(sp) = q.mention {
                    pred[0].push((sp.start as usize, sp.end as usize));
                }
                if let Some(c) = q.cue {
                    pred[1].push((c.start as usize, c.end as usize));
                }
                pred[2].push((q.content.start as usize, q.content.end as usize));
            }
        }
        if dump {
            print_source_errors(&doc.stem, text, &pred[0], &doc.gold[0]);
        }
        for k in 0..3 {
            pred[k].sort_unstable();
            pred[k].dedup();
            scores[k][0].add(&pred[k], &doc.gold[k], true);
            scores[k][1].add(&pred[k], &doc.gold[k], false);
        }
    }
    scores
}

/// The source F1 (exact, overlap) of a score table.
pub(crate) fn source_f1(scores: &[[Prf; 2]; 3]) -> (f64, f64) {
    (scores[0][0].f1().2, scores[0][1].f1().2)
}

fn eval_polnear(report: &mut String, dump: bool) -> Result<()> {
    let Some(docs) = polnear_docs("dev")? else {
        return Ok(());
    };
    anyhow::ensure!(
        matches!(QuoteMethod::for_lang("en"), QuoteMethod::Learned(_)),
        "no attribution model in {} (VEILLE_MODELS): run `cargo run --release -p xtask -- train attribution` first",
        crate::data::models_dir().display()
    );
    // the opt-in contextual model (`veille ingest --contextual`), when it
    // and the encoder's weights are there
    let contextual_file = crate::data::models_dir().join(ContextualModel::FILE);
    let contextual = match std::fs::read(&contextual_file) {
        Ok(b) => Some(ContextualModel::from_gz(&b).map_err(anyhow::Error::msg)?),
        Err(_) => {
            println!(
                "{}: absent, the contextual row is skipped (`cargo run --release -p xtask -- train attribution-e5` builds it)",
                contextual_file.display()
            );
            None
        }
    };
    let vecs = match &contextual {
        Some(_) => Some(crate::attribution_e5::dev_vectors(&docs)?),
        None => None,
    };
    let source = vecs
        .as_ref()
        .zip(vecs.as_ref().and_then(|v| v.first()))
        .map(|(v, first)| crate::attribution_e5::CachedVectors::new(&docs, v, first.dim));
    let mut methods: Vec<(&str, QuoteMethod<'_>)> = vec![
        ("rules", QuoteMethod::Rules),
        ("learned (English default)", QuoteMethod::for_lang("en")),
    ];
    if let (Some(m), Some(src)) = (&contextual, &source) {
        methods.push((
            "learned + e5 (`--contextual`)",
            QuoteMethod::Contextual(m, src),
        ));
    }
    writeln!(report, "## PolNeAR dev: attribution source, cue, content\n")?;
    writeln!(report, "{} annotated dev documents; every predicted quote or reported statement against every gold attribution of the document. Exact = same byte span; overlap = any shared byte. `rules`: the hand-written cues and source boundaries (what French uses); `learned`: the averaged-perceptron cue and source model trained on PolNeAR train (`cargo run --release -p xtask -- train attribution`), what English uses; `learned + e5`: the same model trained with two more per-word features, the buckets of logistic heads over each word's multilingual-e5-small vector (`cargo run --release -p xtask -- train attribution-e5`, `veille_extract::quotes::contextual`), what `veille ingest --contextual` uses.\n", docs.len())?;
    writeln!(
        report,
        "| method | role | P exact | R exact | F1 exact | P overlap | R overlap | F1 overlap |"
    )?;
    writeln!(report, "|---|---|---|---|---|---|---|---|")?;
    for (label, method) in methods {
        let scores = score_polnear(
            &docs,
            &|i| extract_quotes_with(i, method),
            dump && label != "rules",
        );
        let names = ["source", "cue", "content"];
        for (k, name) in names.iter().enumerate() {
            println!(
                "polnear {label} {name} f1 exact {:.3} overlap {:.3}",
                scores[k][0].f1().2,
                scores[k][1].f1().2
            );
            let (pe, re, fe) = scores[k][0].f1();
            let (po, ro, fo) = scores[k][1].f1();
            writeln!(
                report,
                "| {label} | {name} | {pe:.3} | {re:.3} | {fe:.3} | {po:.3} | {ro:.3} | {fo:.3} |"
            )?;
        }
    }
    writeln!(report)?;
    Ok(())
}

fn throughput(report: &mut String) -> Result<()> {
    let Some(path) = require("orangesum/articles.jsonl") else {
        return Ok(());
    };
    let raw = std::fs::read_to_string(&path).context("reading orangesum")?;
    let docs: Vec<(String, String)> = raw
        .lines()
        .take(10_000)
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|v| {
            (
                v["title"].as_str().unwrap_or_default().to_string(),
                v["article"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let splitter = SentenceSplitter::for_lang("fr");
    let t = Instant::now();
    let found: usize = docs
        .par_iter()
        .map(|(title, body)| {
            let sents: Vec<Span> = splitter.split(body).1.iter().map(|s| s.span).collect();
            let mut n = 0;
            for (i, s) in sents.iter().enumerate() {
                let previous = i.checked_sub(1).map(|j| (sents[j].slice(body), sents[j]));
                let input = SentenceInput {
                    text: s.slice(body),
                    span: *s,
                    previous,
                    title: Some(title),
                    lang: "fr",
                };
                let c = extract_claims(&input);
                n += c.casualties.len() + c.quotes.len() + c.stances.len();
            }
            n
        })
        .sum();
    let secs = t.elapsed().as_secs_f64();
    let rate = docs.len() as f64 / secs;
    println!("orangesum articles/s {rate:.0}");
    writeln!(report, "## Throughput\n")?;
    writeln!(report, "{} OrangeSum articles (sentence split + casualties + quotes + stances, rayon on {} threads, release build): {secs:.2} s, **{rate:.0} articles/s**, {found} findings; load average when it ran: {}.\n", docs.len(), rayon::current_num_threads(), crate::data::load_average())?;
    Ok(())
}

pub fn run(args: &[&str]) -> Result<()> {
    // `--errors`: print the dev articles whose injured count is wrong
    let dump = args.contains(&"--errors");
    // `--polnear-errors`: only PolNeAR, printing every source it misses or
    // invents, and for a source found with other boundaries what ours has
    // more (`-`) or less (`+`) on each side
    if args.contains(&"--polnear-buckets") {
        return polnear_buckets(args.contains(&"--show"));
    }
    if args.contains(&"--polnear-errors") {
        return eval_polnear(&mut String::new(), true);
    }
    // `--gva`: only the GVA figures (printed, no report written)
    if args.contains(&"--gva") {
        return eval_gva(&mut String::new(), dump);
    }
    let mut report = String::from("# Claims: casualty figures, quotes, accusations\n\nReproduce: `cargo run --release -p xtask -- train attribution && cargo run --release -p xtask -- eval claims` (data from `$VEILLE_DATA`, default `../shared/data`; add `--errors` to print every dev article whose injured count is wrong, with the claims read from it).\n\n");
    eval_gva(&mut report, dump)?;
    eval_polnear(&mut report, false)?;
    throughput(&mut report)?;
    if args.contains(&"--no-report") {
        return Ok(());
    }
    write_report_keeping(
        "claims.md",
        &report,
        "## Changes and their measured effect (second pass)",
    )
    .map(drop)
}

/// `eval claims --polnear-buckets`: every gold source of PolNeAR dev sorted
/// by why it is or is not found exactly (the learned English model): found,
/// other boundaries, its cue missed (source in the cue's sentence or not),
/// its cue found but the source outside the cue's sentence, or another or
/// no source chosen; then the most frequent words of the missed cues. With
/// `show`, each missed cue is printed in its sentence (`{cue}`, `[source]`).
fn polnear_buckets(show: bool) -> Result<()> {
    let Some(docs) = polnear_docs("dev")? else {
        return Ok(());
    };
    let method = QuoteMethod::for_lang("en");
    let splitter = SentenceSplitter::for_lang("en");
    let mut buckets: HashMap<&str, usize> = HashMap::new();
    let mut missed_cues: HashMap<String, usize> = HashMap::new();
    for doc in &docs {
        let text = doc.text.as_str();
        let sents: Vec<Span> = splitter.split(text).1.iter().map(|s| s.span).collect();
        let mut found: Vec<(Bytes, Option<Bytes>)> = Vec::new();
        for s in &sents {
            let input = SentenceInput {
                text: s.slice(text),
                span: *s,
                previous: None,
                title: None,
                lang: "en",
            };
            for q in extract_quotes_with(&input, method) {
                let b = |x: Span| (x.start as usize, x.end as usize);
                if let Some(c) = q.cue {
                    found.push((b(c), q.mention.map(b)));
                }
            }
        }
        let sentence_of = |(a, _): Bytes| {
            sents
                .iter()
                .position(|s| (s.start as usize) <= a && a < s.end as usize)
        };
        let overlap = |a: Bytes, b: Bytes| a.0 < b.1 && b.0 < a.1;
        for &(cue, src) in &doc.pairs {
            let Some(src) = src else { continue };
            let same = sentence_of(cue) == sentence_of(src);
            let on_cue = found.iter().find(|(c, _)| overlap(*c, cue));
            let bucket = if found.iter().any(|(_, m)| *m == Some(src)) {
                "found"
            } else if found
                .iter()
                .any(|(_, m)| m.is_some_and(|m| overlap(m, src)))
            {
                "other boundaries"
            } else if on_cue.is_none() {
                *missed_cues
                    .entry(text[cue.0..cue.1].to_lowercase())
                    .or_default() += 1;
                if show {
                    if let Some(k) = sentence_of(cue) {
                        let s = sents[k];
                        let (a, b) = (s.start as usize, s.end as usize);
                        let mut marks = [(cue.0, "{"), (cue.1, "}"), (src.0, "["), (src.1, "]")];
                        marks.sort_by_key(|m| std::cmp::Reverse(m.0));
                        let mut line = text[a..b].to_string();
                        for (at, m) in marks.into_iter().filter(|m| a <= m.0 && m.0 <= b) {
                            line.insert_str(at - a, m);
                        }
                        println!("MISSED\t{}\t{}", doc.stem, line.replace('\n', " "));
                    }
                }
                if same {
                    "cue missed, source in its sentence"
                } else {
                    "cue missed, source in another sentence"
                }
            } else if !same {
                "cue found, source in another sentence"
            } else if on_cue.is_some_and(|(_, m)| m.is_none()) {
                "cue found, no source chosen"
            } else {
                "cue found, another source chosen"
            };
            *buckets.entry(bucket).or_default() += 1;
        }
    }
    let mut b: Vec<_> = buckets.into_iter().collect();
    b.sort_by_key(|(k, n)| (std::cmp::Reverse(*n), *k));
    for (k, n) in b {
        println!("{n:5}  {k}");
    }
    let mut m: Vec<_> = missed_cues.into_iter().collect();
    m.sort_by_key(|(k, n)| (std::cmp::Reverse(*n), k.clone()));
    let top: Vec<String> = m.iter().take(40).map(|(k, n)| format!("{k} {n}")).collect();
    println!("missed cues: {}", top.join(", "));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_counts_exact_and_overlap() {
        let mut e = Prf::default();
        e.add(&[(0, 5), (10, 12)], &[(0, 5), (11, 20)], true);
        assert_eq!((e.pred_hit, e.gold_hit), (1, 1));
        let mut o = Prf::default();
        o.add(&[(0, 5), (10, 12)], &[(0, 5), (11, 20)], false);
        assert_eq!((o.pred_hit, o.gold_hit), (2, 2));
    }
}
