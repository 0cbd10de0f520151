//! The event taxonomy and its mapping to ACLED and PLOVER.
//!
//! | type | ACLED event_type / sub_event_type | PLOVER event (mode) |
//! |---|---|---|
//! | `shelling` (shelling, rockets, missiles) | Explosions/Remote violence / Shelling/artillery/missile attack | ASSAULT (explosive) |
//! | `air_strike` (air raid, drone strike) | Explosions/Remote violence / Air/drone strike | ASSAULT (aerial) |
//! | `armed_clash` (fighting, offensive) | Battles / Armed clash | ASSAULT (firearms) |
//! | `shooting` (people shot, stabbed) | Violence against civilians / Attack | ASSAULT (firearms) |
//! | `ceasefire` | Strategic developments / Agreement | AGREE (ceasefire) |
//! | `ceasefire_violation` | Battles / Armed clash | REJECT (ceasefire) |
//! | `negotiation` (talks, meetings, mediation) | Strategic developments / Other | CONSULT (meet) |
//! | `accusation` | — (ACLED codes no statements) | ACCUSE |
//! | `denial` | — | REJECT (deny responsibility) |
//! | `territorial_gain` (captured, lost control) | Battles / Government regains territory | COERCE (seize) |
//! | `displacement` (displaced, fled, evacuated) | Strategic developments / Other | — (PLOVER codes actors' acts, not flows of people) |
//! | `protest` | Protests / Peaceful protest | PROTEST (demonstrate) |
//!
//! Where the mapping is a choice:
//! - ACLED codes the violence of a ceasefire violation, not the violation:
//!   `Battles / Armed clash` is the default, and a sentence that also names
//!   shelling or an air strike carries that type too.
//! - `territorial_gain` maps to "Government regains territory"; when the
//!   actor is a non-state group ACLED uses "Non-state actor overtakes
//!   territory", which needs the actor typing we do not have yet.
//! - GVA's shootings are mostly crimes that ACLED does not code at all; they
//!   map to "Violence against civilians / Attack" only so that the export has
//!   a value. PLOVER modes follow our reading of the PLOVER 2022 draft and
//!   are to be checked against its codebook before anyone relies on them.

use serde::Serialize;

/// A type of event, sentence or document level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    Shelling,
    AirStrike,
    ArmedClash,
    Shooting,
    Ceasefire,
    CeasefireViolation,
    Negotiation,
    Accusation,
    Denial,
    TerritorialGain,
    Displacement,
    Protest,
}

impl EventType {
    /// Every type, in the taxonomy's order.
    pub const ALL: [EventType; 12] = [
        EventType::Shelling,
        EventType::AirStrike,
        EventType::ArmedClash,
        EventType::Shooting,
        EventType::Ceasefire,
        EventType::CeasefireViolation,
        EventType::Negotiation,
        EventType::Accusation,
        EventType::Denial,
        EventType::TerritorialGain,
        EventType::Displacement,
        EventType::Protest,
    ];

    /// The snake_case name used in the cue files and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Shelling => "shelling",
            EventType::AirStrike => "air_strike",
            EventType::ArmedClash => "armed_clash",
            EventType::Shooting => "shooting",
            EventType::Ceasefire => "ceasefire",
            EventType::CeasefireViolation => "ceasefire_violation",
            EventType::Negotiation => "negotiation",
            EventType::Accusation => "accusation",
            EventType::Denial => "denial",
            EventType::TerritorialGain => "territorial_gain",
            EventType::Displacement => "displacement",
            EventType::Protest => "protest",
        }
    }

    /// The type of a snake_case name.
    pub fn parse(name: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == name)
    }

    /// ACLED `(event_type, sub_event_type)`; `None` for statements.
    pub fn acled(self) -> Option<(&'static str, &'static str)> {
        const REMOTE: &str = "Explosions/Remote violence";
        const STRATEGIC: &str = "Strategic developments";
        Some(match self {
            EventType::Shelling => (REMOTE, "Shelling/artillery/missile attack"),
            EventType::AirStrike => (REMOTE, "Air/drone strike"),
            EventType::ArmedClash | EventType::CeasefireViolation => ("Battles", "Armed clash"),
            EventType::Shooting => ("Violence against civilians", "Attack"),
            EventType::Ceasefire => (STRATEGIC, "Agreement"),
            EventType::Negotiation | EventType::Displacement => (STRATEGIC, "Other"),
            EventType::TerritorialGain => ("Battles", "Government regains territory"),
            EventType::Protest => ("Protests", "Peaceful protest"),
            EventType::Accusation | EventType::Denial => return None,
        })
    }

    /// PLOVER `(event type, mode)`; `None` where PLOVER has no such event.
    pub fn plover(self) -> Option<(&'static str, Option<&'static str>)> {
        Some(match self {
            EventType::Shelling => ("ASSAULT", Some("explosive")),
            EventType::AirStrike => ("ASSAULT", Some("aerial")),
            EventType::ArmedClash | EventType::Shooting => ("ASSAULT", Some("firearms")),
            EventType::Ceasefire => ("AGREE", Some("ceasefire")),
            EventType::CeasefireViolation => ("REJECT", Some("ceasefire")),
            EventType::Negotiation => ("CONSULT", Some("meet")),
            EventType::Accusation => ("ACCUSE", None),
            EventType::Denial => ("REJECT", Some("deny responsibility")),
            EventType::TerritorialGain => ("COERCE", Some("seize")),
            EventType::Protest => ("PROTEST", Some("demonstrate")),
            EventType::Displacement => return None,
        })
    }

    /// Whether the type is physical violence (as opposed to a statement,
    /// an agreement or a movement of people).
    pub fn is_violent(self) -> bool {
        matches!(
            self,
            EventType::Shelling
                | EventType::AirStrike
                | EventType::ArmedClash
                | EventType::Shooting
                | EventType::CeasefireViolation
        )
    }
}
