//! `cargo xtask eval dupes`: exact and near duplicates and sentence reuse on
//! OrangeSum (gold same-headline groups, planted edited copies) and GVA
//! (same-incident pairs as a proxy). Writes `reports/duplicates-eval.md`.

use crate::data;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;
use veille_model::{DocId, PartialDate};
use veille_story::dedup::{
    exact_key_of_words, folded_words, jaccard, rough_sentences, shingle_hashes,
    shingle_hashes_of_words, DuplicateConfig, DuplicateIndex, ReuseConfig, ReuseIndex,
};

/// One OrangeSum article.
pub struct Article {
    pub id: i64,
    pub date: Option<PartialDate>,
    pub title: String,
    pub text: String,
}

pub fn load_orangesum(path: &Path) -> Result<Vec<Article>> {
    let body =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in body.lines().enumerate() {
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{}:{}", path.display(), n + 1))?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_owned();
        let Ok(id) = s("id").parse::<i64>() else {
            continue;
        };
        out.push(Article {
            id,
            date: s("date").parse().ok(),
            title: s("title"),
            text: s("article"),
        });
    }
    Ok(out)
}

/// A small deterministic random generator (splitmix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

/// An edit applied to make a planted copy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Edit {
    DropSentences(f64),
    ReplaceWords(f64),
    Boilerplate,
    ReorderParagraphs,
}

impl Edit {
    pub const ALL: [Edit; 9] = [
        Edit::DropSentences(0.1),
        Edit::DropSentences(0.2),
        Edit::DropSentences(0.3),
        Edit::DropSentences(0.5),
        Edit::ReplaceWords(0.05),
        Edit::ReplaceWords(0.1),
        Edit::ReplaceWords(0.2),
        Edit::Boilerplate,
        Edit::ReorderParagraphs,
    ];

    pub fn label(&self) -> String {
        match self {
            Edit::DropSentences(f) => format!("sentences dropped {:.0} %", f * 100.0),
            Edit::ReplaceWords(f) => format!("words replaced {:.0} %", f * 100.0),
            Edit::Boilerplate => "boilerplate added (~60 words)".into(),
            Edit::ReorderParagraphs => "paragraphs (3 sentences) reordered".into(),
        }
    }

    /// The edited copy of `text`; `vocab` gives replacement words and
    /// `headline` a title for the boilerplate links.
    pub fn apply(&self, text: &str, rng: &mut Rng, vocab: &[String], headline: &str) -> String {
        let sentences = rough_sentences(text);
        match *self {
            Edit::DropSentences(f) => {
                let n = sentences.len();
                let drop = ((f * n as f64).round() as usize).max(1).min(n.saturating_sub(1));
                let mut idx: Vec<usize> = (0..n).collect();
                rng.shuffle(&mut idx);
                let gone: HashSet<usize> = idx.into_iter().take(drop).collect();
                let kept: Vec<&str> = (0..n).filter(|i| !gone.contains(i)).map(|i| sentences[i]).collect();
                kept.join(" ")
            }
            Edit::ReplaceWords(f) => text
                .split_whitespace()
                .map(|w| {
                    if rng.chance(f) && !vocab.is_empty() {
                        vocab[rng.below(vocab.len())].as_str()
                    } else {
                        w
                    }
                })
                .collect::<Vec<_>>()
                .join(" "),
            Edit::Boilerplate => format!(
                "Publié le {} à {}h{:02} - Par la rédaction avec AFP. Partager sur Facebook Partager sur Twitter.\n\n{}\n\nLire aussi : {}. Abonnez-vous à notre newsletter pour recevoir chaque matin l'essentiel de l'actualité. © Agence France-Presse, tous droits de reproduction réservés.",
                1 + rng.below(28),
                rng.below(24),
                rng.below(60),
                text,
                headline
            ),
            Edit::ReorderParagraphs => {
                let mut paras: Vec<String> = sentences.chunks(3).map(|c| c.join(" ")).collect();
                let before = paras.clone();
                for _ in 0..4 {
                    rng.shuffle(&mut paras);
                    if paras != before || paras.len() < 2 {
                        break;
                    }
                }
                paras.join("\n\n")
            }
        }
    }
}

/// Original/copy pairs planted into a corpus.
pub struct Planted {
    /// All texts: the corpus in its order, then the copies.
    pub texts: Vec<String>,
    pub dates: Vec<Option<PartialDate>>,
    /// (original index, copy index, edit)
    pub pairs: Vec<(usize, usize, Edit)>,
    pub corpus_len: usize,
}

/// Plants `per_edit` edited copies of `sample` random articles (with at
/// least 4 sentences), each copy with every edit of `edits`.
pub fn plant(articles: &[Article], sample: usize, edits: &[Edit], seed: u64) -> Planted {
    let mut rng = Rng::new(seed);
    let vocab: Vec<String> = articles
        .iter()
        .step_by(97)
        .flat_map(|a| {
            a.text
                .split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.chars().all(char::is_alphabetic) && w.len() > 3)
        .take(20_000)
        .collect();
    let mut eligible: Vec<usize> = (0..articles.len())
        .filter(|&i| rough_sentences(&articles[i].text).len() >= 4)
        .collect();
    rng.shuffle(&mut eligible);
    eligible.truncate(sample);
    let mut texts: Vec<String> = articles.iter().map(|a| a.text.clone()).collect();
    let mut dates: Vec<Option<PartialDate>> = articles.iter().map(|a| a.date).collect();
    let mut pairs = Vec::new();
    for &o in &eligible {
        for &e in edits {
            let headline = &articles[rng.below(articles.len())].title;
            let copy = e.apply(&articles[o].text, &mut rng, &vocab, headline);
            pairs.push((o, texts.len(), e));
            texts.push(copy);
            dates.push(articles[o].date);
        }
    }
    Planted {
        texts,
        dates,
        pairs,
        corpus_len: articles.len(),
    }
}

/// Group number of each document index (None when alone).
fn group_of(groups: &[veille_story::DuplicateGroup], n: usize) -> Vec<Option<usize>> {
    let mut g = vec![None; n];
    for (gi, grp) in groups.iter().enumerate() {
        for m in &grp.members {
            g[m.0 as usize] = Some(gi);
        }
    }
    g
}

/// Everything the grid needs of one run.
struct RunResult {
    recall: Vec<(Edit, usize, usize)>,
    /// Pairs among untouched corpus docs called near, with different text.
    corpus_near_pairs: usize,
    corpus_near_pairs_gold: usize,
    corpus_docs_flagged: usize,
    seconds: f64,
}

fn run_planted(
    planted: &Planted,
    hashes: &[Vec<u64>],
    keys: &[u128],
    config: DuplicateConfig,
    gold_pairs: &HashSet<(usize, usize)>,
) -> Result<RunResult> {
    let t0 = std::time::Instant::now();
    let mut idx = DuplicateIndex::new(config)?;
    let sketches: Vec<_> = hashes
        .par_iter()
        .zip(keys.par_iter())
        .map(|(h, k)| idx.sketch_hashes(*k, h.clone()))
        .collect();
    for (i, s) in sketches.into_iter().enumerate() {
        idx.add_sketch(DocId(i as i64), planted.dates[i], s);
    }
    let seconds = t0.elapsed().as_secs_f64();
    let groups = idx.groups();
    let g = group_of(&groups, planted.texts.len());
    let mut recall = Vec::new();
    for &e in Edit::ALL.iter() {
        let of_e: Vec<_> = planted.pairs.iter().filter(|p| p.2 == e).collect();
        if of_e.is_empty() {
            continue;
        }
        let found = of_e
            .iter()
            .filter(|(o, c, _)| g[*o].is_some() && g[*o] == g[*c])
            .count();
        recall.push((e, found, of_e.len()));
    }
    let (mut near_pairs, mut near_gold) = (0, 0);
    let mut flagged = HashSet::new();
    for grp in &groups {
        let untouched: Vec<usize> = grp
            .members
            .iter()
            .map(|d| d.0 as usize)
            .filter(|&i| i < planted.corpus_len)
            .collect();
        for (x, &a) in untouched.iter().enumerate() {
            for &b in &untouched[x + 1..] {
                if keys[a] != keys[b] {
                    near_pairs += 1;
                    flagged.insert(a);
                    flagged.insert(b);
                    if gold_pairs.contains(&(a.min(b), a.max(b))) {
                        near_gold += 1;
                    }
                }
            }
        }
    }
    Ok(RunResult {
        recall,
        corpus_near_pairs: near_pairs,
        corpus_near_pairs_gold: near_gold,
        corpus_docs_flagged: flagged.len(),
        seconds,
    })
}

fn load_gold_groups(path: &Path, pos: &HashMap<i64, usize>) -> Result<Vec<Vec<usize>>> {
    let body =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(body
        .lines()
        .map(|l| {
            l.split(',')
                .filter_map(|f| f.trim().strip_suffix(".json")?.parse::<i64>().ok())
                .filter_map(|id| pos.get(&id).copied())
                .collect::<Vec<_>>()
        })
        .filter(|g| g.len() > 1)
        .collect())
}

fn snippet(s: &str, n: usize) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(n).collect();
    if one_line.chars().count() > n {
        out.push('…');
    }
    out
}

pub fn run(args: &[&str]) -> Result<()> {
    let quick = args.contains(&"--quick");
    let mut report = String::new();
    writeln!(report, "# Duplicates and text reuse: evaluation\n")?;
    writeln!(report, "Generated by `cargo run --release -p xtask -- eval dupes` (`cargo xtask eval dupes`). Defaults: {:?}.\n", DuplicateConfig::default())?;
    if let Some(dir) = data::require("orangesum") {
        eval_orangesum(&dir, quick, &mut report)?;
    }
    if let Some(dir) = data::require("gva") {
        eval_gva(&dir, &mut report)?;
    }
    data::write_report("duplicates-eval.md", &report)
}

fn eval_orangesum(dir: &Path, quick: bool, report: &mut String) -> Result<()> {
    let articles = load_orangesum(&dir.join("articles.jsonl"))?;
    eprintln!("orangesum: {} articles", articles.len());
    let pos: HashMap<i64, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();
    let gold = load_gold_groups(&dir.join("duplicate_groups.txt"), &pos)?;
    // Pairs as listed (a pair in two groups counts twice, as in the data
    // set's own figures), and the set of distinct pairs.
    let mut listed_pairs: Vec<(usize, usize)> = Vec::new();
    for g in &gold {
        for (x, &a) in g.iter().enumerate() {
            for &b in &g[x + 1..] {
                listed_pairs.push((a.min(b), a.max(b)));
            }
        }
    }
    let gold_pairs: HashSet<(usize, usize)> = listed_pairs.iter().copied().collect();

    // 1. The whole corpus with the defaults.
    let t0 = std::time::Instant::now();
    let mut idx = DuplicateIndex::new(DuplicateConfig::default())?;
    let docs: Vec<_> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (DocId(i as i64), a.date, a.text.as_str()))
        .collect();
    let verdicts = idx.add_many(&docs);
    let secs = t0.elapsed().as_secs_f64();
    let groups = idx.groups();
    let g = group_of(&groups, articles.len());
    let keys: Vec<u128> = articles
        .par_iter()
        .map(|a| exact_key_of_words(&folded_words(&a.text)))
        .collect();
    writeln!(report, "## OrangeSum ({} articles)\n", articles.len())?;
    writeln!(report, "Indexed in {secs:.1} s (rayon sketches on 2 threads, sequential index). Verdicts: {} exact, {} near, {} new; {} groups of duplicates. Sketch state {:.0} bytes per indexed document, whole index {:.0} bytes per document.\n",
        verdicts.iter().filter(|v| matches!(v, veille_story::Verdict::Exact { .. })).count(),
        verdicts.iter().filter(|v| matches!(v, veille_story::Verdict::Near { .. })).count(),
        verdicts.iter().filter(|v| matches!(v, veille_story::Verdict::New)).count(),
        groups.len(),
        idx.sketch_bytes_per_doc(),
        idx.memory_bytes() as f64 / articles.len() as f64)?;

    // Gold pairs.
    let mut cats: HashMap<&str, Vec<(usize, usize, f32)>> = HashMap::new();
    let mut identical = 0;
    let mut identical_found = 0;
    for &(a, b) in &listed_pairs {
        let same_text = articles[a].text == articles[b].text;
        let ours = if g[a].is_some() && g[a] == g[b] {
            if keys[a] == keys[b] {
                "exact"
            } else {
                "near"
            }
        } else {
            "distinct"
        };
        if same_text {
            identical += 1;
            if ours != "distinct" {
                identical_found += 1;
            }
            cats.entry(if ours == "distinct" {
                "identical text, missed"
            } else {
                "identical text"
            })
            .or_default()
            .push((a, b, 1.0));
            continue;
        }
        let j = jaccard(
            &shingle_hashes(&articles[a].text, 5),
            &shingle_hashes(&articles[b].text, 5),
        );
        let label = match ours {
            "exact" => "different text, exact (same folded words)",
            "near" => "different text, near",
            _ => "different text, distinct",
        };
        cats.entry(label).or_default().push((a, b, j));
    }
    writeln!(
        report,
        "### Gold same-headline groups ({} groups, {} pairs as listed, {} distinct)\n",
        gold.len(),
        listed_pairs.len(),
        gold_pairs.len()
    )?;
    writeln!(report, "Pairs with identical article text: {identical}, found (exact or near): {identical_found}.\n")?;
    writeln!(
        report,
        "| category | pairs | median Jaccard (5-shingles) |\n|---|---:|---:|"
    )?;
    let mut labels: Vec<_> = cats.keys().copied().collect();
    labels.sort();
    for l in &labels {
        let mut js: Vec<f32> = cats[l].iter().map(|x| x.2).collect();
        js.sort_by(f32::total_cmp);
        writeln!(report, "| {l} | {} | {:.3} |", js.len(), js[js.len() / 2])?;
    }
    let mut dist_j: Vec<f32> = cats
        .get("different text, distinct")
        .map(|v| v.iter().map(|x| x.2).collect())
        .unwrap_or_default();
    dist_j.sort_by(f32::total_cmp);
    let over = |t: f32| dist_j.iter().filter(|&&j| j >= t).count();
    writeln!(report, "\nDistinct-called pairs with exact Jaccard ≥ 0.3: {}, ≥ 0.4: {}, ≥ 0.5: {} (misses of the MinHash estimate near the threshold).\n", over(0.3), over(0.4), over(0.5))?;
    // The largest gold group (the daily coronavirus column).
    if let Some(big) = gold.iter().max_by_key(|g| g.len()) {
        let mut near = 0;
        let mut total = 0;
        for (x, &a) in big.iter().enumerate() {
            for &b in &big[x + 1..] {
                total += 1;
                if g[a].is_some() && g[a] == g[b] {
                    near += 1;
                }
            }
        }
        writeln!(report, "Largest gold group ({} pages, \"{}\"): {near} of its {total} pairs called duplicates.\n", big.len(), snippet(&articles[big[0]].title, 60))?;
    }
    writeln!(report, "Samples (id, id, Jaccard, first words of each):\n")?;
    for l in &labels {
        writeln!(report, "- **{l}**")?;
        let mut v = cats[l].clone();
        v.sort_by_key(|x| (x.0, x.1));
        let step = (v.len() / 4).max(1);
        for &(a, b, j) in v.iter().step_by(step).take(4) {
            writeln!(
                report,
                "  - {} / {} (J={j:.2}): «{}» / «{}»",
                articles[a].id,
                articles[b].id,
                snippet(&articles[a].text, 110),
                snippet(&articles[b].text, 110)
            )?;
        }
    }

    // False positives: near pairs outside the gold groups.
    let mut fps = Vec::new();
    let mut exact_outside = 0;
    for grp in &groups {
        let m: Vec<usize> = grp.members.iter().map(|d| d.0 as usize).collect();
        for (x, &a) in m.iter().enumerate() {
            for &b in &m[x + 1..] {
                let p = (a.min(b), a.max(b));
                if gold_pairs.contains(&p) {
                    continue;
                }
                if keys[a] == keys[b] {
                    exact_outside += 1;
                } else {
                    fps.push(p);
                }
            }
        }
    }
    writeln!(
        report,
        "\n### Pairs called duplicates outside the gold groups\n"
    )?;
    writeln!(report, "Exact (same folded text) outside the groups: {exact_outside}; near outside the groups: {}.\n", fps.len())?;
    fps.sort();
    let step = (fps.len() / 12).max(1);
    for &(a, b) in fps.iter().step_by(step).take(12) {
        let j = jaccard(
            &shingle_hashes(&articles[a].text, 5),
            &shingle_hashes(&articles[b].text, 5),
        );
        writeln!(
            report,
            "- {} / {} (J={j:.2}, {} / {}): «{}» / «{}» — «{}» / «{}»",
            articles[a].id,
            articles[b].id,
            articles[a].date.map(|d| d.to_string()).unwrap_or_default(),
            articles[b].date.map(|d| d.to_string()).unwrap_or_default(),
            snippet(&articles[a].title, 70),
            snippet(&articles[b].title, 70),
            snippet(&articles[a].text, 90),
            snippet(&articles[b].text, 90)
        )?;
    }

    // 2. Planted copies over a grid of settings.
    let sample = if quick { 300 } else { 2000 };
    let planted = plant(&articles, sample, &Edit::ALL, 0xd0c5);
    eprintln!("planted {} copies", planted.pairs.len());
    let words: Vec<Vec<String>> = planted.texts.par_iter().map(|t| folded_words(t)).collect();
    let pkeys: Vec<u128> = words.par_iter().map(|w| exact_key_of_words(w)).collect();
    writeln!(report, "\n## Planted copies\n\n{} originals sampled from OrangeSum (≥ 4 sentences), one copy per edit each ({} copies), indexed with the whole corpus ({} documents in all). Recall: copy in the same group as its original. Corpus near pairs: pairs of untouched corpus articles with different text called near (of them, in a gold same-headline group); flagged: untouched articles in such a pair.\n", sample, planted.pairs.len(), planted.texts.len())?;
    let ks: &[usize] = if quick { &[5] } else { &[3, 5, 7] };
    let ts: &[f32] = if quick {
        &[0.5]
    } else {
        &[0.3, 0.4, 0.5, 0.6, 0.7]
    };
    let mut header = String::from("| shingle | threshold | bands×rows |");
    let mut sep = String::from("|---:|---:|---|");
    for e in Edit::ALL.iter() {
        header.push_str(&format!(" {} |", e.label()));
        sep.push_str("---:|");
    }
    header.push_str(" corpus near pairs (gold) | flagged docs | index s |");
    sep.push_str("---:|---:|---:|");
    writeln!(report, "{header}\n{sep}")?;
    for &k in ks {
        let hashes: Vec<Vec<u64>> = words
            .par_iter()
            .map(|w| shingle_hashes_of_words(w, k))
            .collect();
        for &t in ts {
            let config = DuplicateConfig {
                shingle: k,
                threshold: t,
                ..DuplicateConfig::default()
            };
            let r = run_planted(&planted, &hashes, &pkeys, config, &gold_pairs)?;
            let b = veille_story::dedup::Banding::for_threshold(t);
            let mut row = format!("| {k} | {t:.1} | {}×{} |", b.bands, b.rows);
            for (_, found, n) in &r.recall {
                row.push_str(&format!(" {:.3} |", *found as f64 / *n as f64));
            }
            row.push_str(&format!(
                " {} ({}) | {} | {:.1} |",
                r.corpus_near_pairs, r.corpus_near_pairs_gold, r.corpus_docs_flagged, r.seconds
            ));
            eprintln!("{row}");
            writeln!(report, "{row}")?;
        }
    }
    Ok(())
}

fn eval_gva(dir: &Path, report: &mut String) -> Result<()> {
    let path = dir.join("articles.jsonl");
    let body =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut incidents = Vec::new();
    let mut texts = Vec::new();
    let mut dates = Vec::new();
    for line in body.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_owned();
        incidents.push(s("incident_uri"));
        texts.push(s("content"));
        dates.push(s("dct").parse::<PartialDate>().ok());
    }
    let n = texts.len();
    let mut gold: HashSet<(usize, usize)> = HashSet::new();
    let mut by_inc: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, inc) in incidents.iter().enumerate() {
        by_inc.entry(inc.as_str()).or_default().push(i);
    }
    for m in by_inc.values() {
        for (x, &a) in m.iter().enumerate() {
            for &b in &m[x + 1..] {
                gold.insert((a.min(b), a.max(b)));
            }
        }
    }
    let mut idx = DuplicateIndex::new(DuplicateConfig::default())?;
    let docs: Vec<_> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| (DocId(i as i64), dates[i], t.as_str()))
        .collect();
    idx.add_many(&docs);
    let mut near: HashSet<(usize, usize)> = HashSet::new();
    for grp in idx.groups() {
        let m: Vec<usize> = grp.members.iter().map(|d| d.0 as usize).collect();
        for (x, &a) in m.iter().enumerate() {
            for &b in &m[x + 1..] {
                near.insert((a.min(b), a.max(b)));
            }
        }
    }
    let t0 = std::time::Instant::now();
    let mut reuse = ReuseIndex::new(ReuseConfig::default());
    let mut reuse_pairs: HashMap<(usize, usize), usize> = HashMap::new();
    for (i, t) in texts.iter().enumerate() {
        let sents = rough_sentences(t);
        for src in reuse.add(DocId(i as i64), &sents) {
            let j = src.source.0 as usize;
            reuse_pairs.insert((i.min(j), i.max(j)), src.sentences());
        }
    }
    let reuse_secs = t0.elapsed().as_secs_f64();
    writeln!(
        report,
        "\n## GVA ({n} English local-news articles, {} incidents, {} same-incident pairs)\n",
        by_inc.len(),
        gold.len()
    )?;
    writeln!(report, "Predicted pairs vs same-incident pairs. Reuse index built in {reuse_secs:.1} s (one thread, rough sentences).\n")?;
    writeln!(
        report,
        "| predicted pairs | pairs | true | precision | recall |\n|---|---:|---:|---:|---:|"
    )?;
    let mut row = |label: String, set: &HashSet<(usize, usize)>| -> Result<()> {
        let tp = set.iter().filter(|p| gold.contains(p)).count();
        writeln!(
            report,
            "| {label} | {} | {tp} | {:.3} | {:.3} |",
            set.len(),
            tp as f64 / set.len().max(1) as f64,
            tp as f64 / gold.len().max(1) as f64
        )?;
        Ok(())
    };
    row("near duplicates (default)".into(), &near)?;
    for min in [1, 2, 3, 5] {
        let set: HashSet<(usize, usize)> = reuse_pairs
            .iter()
            .filter(|(_, &c)| c >= min)
            .map(|(p, _)| *p)
            .collect();
        row(format!("share ≥ {min} reused sentences"), &set)?;
        let union: HashSet<_> = set.union(&near).copied().collect();
        row(format!("near ∪ ≥ {min} reused sentences"), &union)?;
    }
    writeln!(
        report,
        "\nSample of reuse pairs across different incidents (≥ 2 sentences):\n"
    )?;
    let mut wrong: Vec<_> = reuse_pairs
        .iter()
        .filter(|(p, &c)| c >= 2 && !gold.contains(p))
        .map(|(p, c)| (*p, *c))
        .collect();
    wrong.sort();
    let step = (wrong.len() / 8).max(1);
    for ((a, b), c) in wrong.iter().step_by(step).take(8) {
        let r = veille_story::align(
            &rough_sentences(&texts[*a]),
            &rough_sentences(&texts[*b]),
            &ReuseConfig::default(),
        );
        let first = r
            .pairs
            .first()
            .map(|p| snippet(rough_sentences(&texts[*a])[p.a], 120))
            .unwrap_or_default();
        writeln!(
            report,
            "- articles {a} / {b} (incidents {} / {}): {c} sentences, e.g. «{first}»",
            incidents[*a], incidents[*b]
        )?;
    }
    Ok(())
}
