//! The plain input structs of the writers.

use serde::Serialize;
use veille_model::PartialDate;

/// One claimed figure (a casualty, displacement… count) with who claims it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Figure {
    pub min: u64,
    /// `None` when open-ended (`at least 70`).
    pub max: Option<u64>,
    pub claimed_by: Option<String>,
    /// The source (publication or document id) that reports it.
    pub source: Option<String>,
}

impl Figure {
    /// `21`, `21-25`, `70+`.
    pub fn range_text(&self) -> String {
        match self.max {
            Some(m) if m == self.min => self.min.to_string(),
            Some(m) => format!("{}-{m}", self.min),
            None => format!("{}+", self.min),
        }
    }
}

/// One fact: a claimed figure read in one sentence of one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ExportFact {
    pub id: String,
    /// The event it is attached to, if any.
    pub event_id: Option<String>,
    pub doc_id: i64,
    /// The document's source (publication, URL or source id).
    pub source: String,
    /// The document's publication date.
    pub published: Option<PartialDate>,
    /// The date the fact is about, when known.
    pub date: Option<PartialDate>,
    /// `killed`, `injured`, `displaced`…
    pub kind: String,
    pub min: u64,
    pub max: Option<u64>,
    pub approximate: bool,
    /// A running toll rather than one incident's figure.
    pub cumulative: bool,
    /// `civilian`, `military`… and a side when said.
    pub victims: Option<String>,
    pub place: Option<String>,
    pub claimed_by: Option<String>,
    pub accused: Option<String>,
    /// The sentence it was read in.
    pub sentence: String,
}

/// One event, ACLED-shaped.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ExportEvent {
    /// `event_id_cnty`.
    pub id: String,
    pub date: Option<PartialDate>,
    /// ACLED `event_type` (`Battles`, `Explosions/Remote violence`…).
    pub event_type: String,
    /// ACLED `sub_event_type` (`Armed clash`, `Shelling/artillery/missile attack`…).
    pub sub_event_type: String,
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    pub country: Option<String>,
    pub location: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// 1 exact place, 2 near or within a district, 3 region.
    pub geo_precision: Option<u8>,
    /// Sources (publications or document ids) reporting it.
    pub sources: Vec<String>,
    /// A short description.
    pub notes: String,
    /// Fatality figures claimed for the event.
    pub fatalities: Vec<Figure>,
}

impl ExportEvent {
    /// The conservative fatality count: the lowest `min` claimed, 0 if none.
    pub fn conservative_fatalities(&self) -> u64 {
        self.fatalities.iter().map(|f| f.min).min().unwrap_or(0)
    }
}

/// Options shared by the writers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// Prefix `'` to CSV text cells a spreadsheet would run as a formula.
    pub neutralise_formulas: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            neutralise_formulas: true,
        }
    }
}
