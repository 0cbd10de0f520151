//! Everything as JSON Lines: one object a line, `"type": "event"` or `"fact"`.

use crate::{ExportEvent, ExportFact, Result};
use serde_json::{json, Value};
use std::io::Write;

fn tagged<T: serde::Serialize>(kind: &str, item: &T) -> Result<Value> {
    let mut v = serde_json::to_value(item)?;
    if let Value::Object(map) = &mut v {
        map.insert("type".into(), json!(kind));
    }
    Ok(v)
}

/// Writes the events, then the facts, one JSON object a line; returns the lines written.
pub fn write_jsonl<W: Write>(
    mut out: W,
    events: &[ExportEvent],
    facts: &[ExportFact],
) -> Result<usize> {
    for e in events {
        let mut v = tagged("event", e)?;
        if let Value::Object(map) = &mut v {
            map.insert(
                "fatalities_conservative".into(),
                json!(e.conservative_fatalities()),
            );
        }
        serde_json::to_writer(&mut out, &v)?;
        out.write_all(b"\n")?;
    }
    for f in facts {
        serde_json::to_writer(&mut out, &tagged("fact", f)?)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(events.len() + facts.len())
}
