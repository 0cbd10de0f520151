//! Events with coordinates as a GeoJSON FeatureCollection (RFC 7946): a
//! `Point` at `[longitude, latitude]` per event, the ACLED fields as
//! properties. Events without valid coordinates are left out.

use crate::{acled_date, ExportEvent, Result};
use serde_json::{json, Value};
use std::io::Write;

fn position(e: &ExportEvent) -> Option<(f64, f64)> {
    let (lat, lon) = (e.latitude?, e.longitude?);
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some((lon, lat))
}

/// The FeatureCollection of the events that have coordinates.
pub fn geojson(events: &[ExportEvent]) -> Value {
    let features: Vec<Value> = events
        .iter()
        .filter_map(|e| {
            let (lon, lat) = position(e)?;
            let (date, precision) = e.date.map(acled_date).unzip();
            Some(json!({
                "type": "Feature",
                "id": e.id,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "event_id_cnty": e.id,
                    "event_date": date,
                    "time_precision": precision,
                    "event_type": e.event_type,
                    "sub_event_type": e.sub_event_type,
                    "actor1": e.actor1,
                    "actor2": e.actor2,
                    "country": e.country,
                    "location": e.location,
                    "geo_precision": e.geo_precision,
                    "sources": e.sources,
                    "notes": e.notes,
                    "fatalities": e.conservative_fatalities(),
                    "fatality_figures": e.fatalities,
                }
            }))
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features})
}

/// Writes [`geojson`]; returns the number of features (events with coordinates).
pub fn write_geojson<W: Write>(mut out: W, events: &[ExportEvent]) -> Result<usize> {
    let v = geojson(events);
    let n = v["features"].as_array().map_or(0, Vec::len);
    serde_json::to_writer_pretty(&mut out, &v)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(n)
}
