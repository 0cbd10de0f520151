//! Writers for analysts: JSON Lines, CSV, ACLED-like CSV and GeoJSON.
//!
//! The input is two plain structs defined here, [`ExportFact`] (one claimed
//! figure with its source and sentence) and [`ExportEvent`] (one event with
//! its type, actors, place and the figures claimed for it), so that the
//! writers do not depend on how the store or the extractors shape their data.
//!
//! ```
//! use veille_export::{write_acled_csv, ExportEvent, ExportOptions, Figure};
//! use veille_model::PartialDate;
//!
//! let event = ExportEvent {
//!     id: "AZE1".into(),
//!     date: PartialDate::day(2020, 10, 28),
//!     event_type: "Explosions/Remote violence".into(),
//!     sub_event_type: "Shelling/artillery/missile attack".into(),
//!     location: Some("Barda".into()),
//!     country: Some("Azerbaijan".into()),
//!     fatalities: vec![Figure { min: 21, max: Some(21), claimed_by: Some("Prosecutor General".into()), source: None }],
//!     ..ExportEvent::default()
//! };
//! let mut out = Vec::new();
//! write_acled_csv(&mut out, &[event], &ExportOptions::default()).unwrap();
//! let text = String::from_utf8(out).unwrap();
//! assert!(text.starts_with("event_id_cnty,event_date,time_precision,"));
//! assert!(text.contains("AZE1,2020-10-28,1,"));
//! ```
//!
//! Choices, where ACLED's codebook leaves room or where we know less:
//!
//! - `event_date` is ISO `YYYY-MM-DD`. `time_precision` is 1 for a known day;
//!   for a month-only date the 15th is written with precision 3 (ACLED's
//!   "month known" code), for a year-only date the 1st of July with precision
//!   3 and `year only` in the notes.
//! - `fatalities` is conservative as ACLED's: the lowest `min` of the
//!   fatality figures claimed for the event (0 when none); every figure with
//!   its claimant goes to `notes`.
//! - `geo_precision` is the caller's (1 exact place, 2 near or within a
//!   district, 3 region); empty when unknown, as are coordinates.
//! - CSV cells of text that a spreadsheet would read as a formula (starting
//!   with `=`, `+`, `-`, `@`, tab or carriage return) get a leading `'` when
//!   [`ExportOptions::neutralise_formulas`] is on (the default); numeric
//!   columns are never touched.

mod acled;
mod csv_facts;
mod error;
mod geojson;
mod jsonl;
mod types;

pub use acled::{acled_date, write_acled_csv, ACLED_COLUMNS};
pub use csv_facts::{write_facts_csv, FACT_COLUMNS};
pub use error::{ExportError, Result};
pub use geojson::{geojson, write_geojson};
pub use jsonl::write_jsonl;
pub use types::{ExportEvent, ExportFact, ExportOptions, Figure};

/// A text cell as written to CSV: with a leading `'` when it would start a
/// spreadsheet formula and `neutralise` is on.
pub(crate) fn text_cell(s: &str, neutralise: bool) -> std::borrow::Cow<'_, str> {
    if neutralise && s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests;
