//! Events as ACLED-like CSV: ACLED's column names and codes, one row per event.

use crate::{text_cell, ExportEvent, ExportOptions, Result};
use std::io::Write;
use veille_model::{DatePrecision, PartialDate};

/// The header of [`write_acled_csv`], in ACLED's order and spelling.
pub const ACLED_COLUMNS: [&str; 15] = [
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
];

/// ACLED's `event_date` and `time_precision` for a partial date: the day
/// with 1; the 15th of the month with 3; the 1st of July with 3 for a year.
pub fn acled_date(date: PartialDate) -> (String, u8) {
    match date.precision() {
        DatePrecision::Day => (date.to_string(), 1),
        DatePrecision::Month => (format!("{date}-15"), 3),
        DatePrecision::Year => (format!("{:04}-07-01", date.year), 3),
    }
}

fn notes(e: &ExportEvent) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !e.notes.is_empty() {
        parts.push(e.notes.clone());
    }
    if e.date.is_some_and(|d| d.precision() == DatePrecision::Year) {
        parts.push("year only".into());
    }
    if !e.fatalities.is_empty() {
        let figures: Vec<String> = e
            .fatalities
            .iter()
            .map(|f| {
                let mut s = format!("{} killed", f.range_text());
                if let Some(c) = &f.claimed_by {
                    s.push_str(&format!(" according to {c}"));
                }
                if let Some(src) = &f.source {
                    s.push_str(&format!(" ({src})"));
                }
                s
            })
            .collect();
        parts.push(format!("Fatality figures: {}", figures.join("; ")));
    }
    parts.join(" | ")
}

fn coord(x: Option<f64>) -> String {
    x.filter(|v| v.is_finite())
        .map(|v| format!("{v:.4}"))
        .unwrap_or_default()
}

/// Writes the events with the [`ACLED_COLUMNS`] header; returns the rows written.
pub fn write_acled_csv<W: Write>(
    out: W,
    events: &[ExportEvent],
    options: &ExportOptions,
) -> Result<usize> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(ACLED_COLUMNS)?;
    let n = options.neutralise_formulas;
    for e in events {
        let t = |s: &str| text_cell(s, n).into_owned();
        let o = |s: &Option<String>| text_cell(s.as_deref().unwrap_or(""), n).into_owned();
        let (date, precision) = e
            .date
            .map(acled_date)
            .map(|(d, p)| (d, p.to_string()))
            .unwrap_or_default();
        w.write_record([
            t(&e.id),
            date,
            precision,
            t(&e.event_type),
            t(&e.sub_event_type),
            o(&e.actor1),
            o(&e.actor2),
            o(&e.country),
            o(&e.location),
            coord(e.latitude),
            coord(e.longitude),
            e.geo_precision.map(|g| g.to_string()).unwrap_or_default(),
            t(&e.sources.join("; ")),
            t(&notes(e)),
            e.conservative_fatalities().to_string(),
        ])?;
    }
    w.flush()?;
    Ok(events.len())
}
