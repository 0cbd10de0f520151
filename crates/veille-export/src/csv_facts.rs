//! Facts as CSV, one row per claimed figure.

use crate::{text_cell, ExportFact, ExportOptions, Result};
use std::io::Write;

/// The header of [`write_facts_csv`].
pub const FACT_COLUMNS: [&str; 17] = [
    "fact_id",
    "event_id",
    "doc_id",
    "source",
    "published",
    "date",
    "kind",
    "min",
    "max",
    "approximate",
    "cumulative",
    "victims",
    "place",
    "claimed_by",
    "accused",
    "sentence",
    "date_precision",
];

fn opt_date(d: Option<veille_model::PartialDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Writes the facts with the [`FACT_COLUMNS`] header; returns the rows written.
pub fn write_facts_csv<W: Write>(
    out: W,
    facts: &[ExportFact],
    options: &ExportOptions,
) -> Result<usize> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(FACT_COLUMNS)?;
    let n = options.neutralise_formulas;
    for f in facts {
        let t = |s: &str| text_cell(s, n).into_owned();
        let o = |s: &Option<String>| text_cell(s.as_deref().unwrap_or(""), n).into_owned();
        w.write_record([
            t(&f.id),
            o(&f.event_id),
            f.doc_id.to_string(),
            t(&f.source),
            opt_date(f.published),
            opt_date(f.date),
            t(&f.kind),
            f.min.to_string(),
            f.max.map(|m| m.to_string()).unwrap_or_default(),
            f.approximate.to_string(),
            f.cumulative.to_string(),
            o(&f.victims),
            o(&f.place),
            o(&f.claimed_by),
            o(&f.accused),
            t(&f.sentence),
            f.date
                .map(|d| d.precision().as_str().to_string())
                .unwrap_or_default(),
        ])?;
    }
    w.flush()?;
    Ok(facts.len())
}
