use super::*;
use proptest::prelude::*;
use veille_model::PartialDate;

fn barda() -> ExportEvent {
    ExportEvent {
        id: "AZE1".into(),
        date: PartialDate::day(2020, 10, 28),
        event_type: "Explosions/Remote violence".into(),
        sub_event_type: "Shelling/artillery/missile attack".into(),
        actor1: Some("Military Forces of Armenia".into()),
        actor2: Some("Civilians (Azerbaijan)".into()),
        country: Some("Azerbaijan".into()),
        location: Some("Barda".into()),
        latitude: Some(40.3744),
        longitude: Some(47.1266),
        geo_precision: Some(1),
        sources: vec!["AFP".into(), "AA".into()],
        notes: "Smerch rockets on a commercial district, \"cluster munitions\"".into(),
        fatalities: vec![
            Figure {
                min: 21,
                max: Some(21),
                claimed_by: Some("Prosecutor General".into()),
                source: Some("AFP".into()),
            },
            Figure {
                min: 25,
                max: None,
                claimed_by: None,
                source: None,
            },
        ],
    }
}

fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(bytes);
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn acled_csv_parses_with_acled_header_and_conservative_fatalities() {
    let mut out = Vec::new();
    let month = ExportEvent {
        id: "ARM2".into(),
        date: PartialDate::month(2020, 10),
        latitude: None,
        longitude: None,
        fatalities: vec![],
        ..barda()
    };
    let n = write_acled_csv(&mut out, &[barda(), month], &ExportOptions::default()).unwrap();
    assert_eq!(n, 2);
    let (header, rows) = read_csv(&out);
    assert_eq!(header, ACLED_COLUMNS);
    assert_eq!(rows.len(), 2);
    let col = |name: &str| ACLED_COLUMNS.iter().position(|c| *c == name).unwrap();
    assert_eq!(rows[0][col("event_date")], "2020-10-28");
    assert_eq!(rows[0][col("time_precision")], "1");
    assert_eq!(rows[0][col("fatalities")], "21");
    assert!(rows[0][col("notes")].contains("21 killed according to Prosecutor General (AFP)"));
    assert!(rows[0][col("notes")].contains("25+ killed"));
    assert_eq!(rows[0][col("latitude")], "40.3744");
    assert_eq!(rows[1][col("event_date")], "2020-10-15");
    assert_eq!(rows[1][col("time_precision")], "3");
    assert_eq!(rows[1][col("fatalities")], "0");
    assert_eq!(rows[1][col("latitude")], "");
}

#[test]
fn year_only_dates_are_said_in_the_notes() {
    let e = ExportEvent {
        date: Some(PartialDate::year(2023)),
        ..barda()
    };
    let mut out = Vec::new();
    write_acled_csv(&mut out, &[e], &ExportOptions::default()).unwrap();
    let (_, rows) = read_csv(&out);
    assert_eq!(rows[0][1], "2023-07-01");
    assert!(rows[0][13].contains("year only"));
}

#[test]
fn geojson_is_a_feature_collection_of_points() {
    let no_coords = ExportEvent {
        id: "X".into(),
        latitude: None,
        ..barda()
    };
    let bad_coords = ExportEvent {
        id: "Y".into(),
        latitude: Some(123.0),
        ..barda()
    };
    let mut out = Vec::new();
    let n = write_geojson(&mut out, &[barda(), no_coords, bad_coords]).unwrap();
    assert_eq!(n, 1);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().unwrap();
    assert_eq!(features.len(), 1);
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        assert_eq!(c.len(), 2);
        let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
        assert_eq!(lon, 47.1266);
        assert!(f["properties"].is_object());
        assert_eq!(f["properties"]["fatalities"], 21);
    }
}

#[test]
fn jsonl_tags_each_line() {
    let fact = ExportFact {
        id: "f1".into(),
        kind: "killed".into(),
        min: 21,
        max: Some(21),
        sentence: "tuant 21 civils".into(),
        ..ExportFact::default()
    };
    let mut out = Vec::new();
    let n = write_jsonl(&mut out, &[barda()], &[fact]).unwrap();
    assert_eq!(n, 2);
    let lines: Vec<serde_json::Value> = std::str::from_utf8(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["type"], "event");
    assert_eq!(lines[0]["fatalities_conservative"], 21);
    assert_eq!(lines[0]["date"], "2020-10-28");
    assert_eq!(lines[1]["type"], "fact");
    assert_eq!(lines[1]["min"], 21);
}

#[test]
fn formulas_are_neutralised_only_when_asked() {
    let fact = ExportFact {
        id: "=HYPERLINK(\"x\")".into(),
        sentence: "-5 degrees".into(),
        ..ExportFact::default()
    };
    let mut on = Vec::new();
    write_facts_csv(
        &mut on,
        std::slice::from_ref(&fact),
        &ExportOptions::default(),
    )
    .unwrap();
    let (_, rows) = read_csv(&on);
    assert_eq!(rows[0][0], "'=HYPERLINK(\"x\")");
    assert_eq!(rows[0][15], "'-5 degrees");
    let mut off = Vec::new();
    let raw = ExportOptions {
        neutralise_formulas: false,
    };
    write_facts_csv(&mut off, &[fact], &raw).unwrap();
    let (_, rows) = read_csv(&off);
    assert_eq!(rows[0][0], "=HYPERLINK(\"x\")");
}

fn any_text() -> impl Strategy<Value = String> {
    // quotes, separators, newlines, carriage returns, non-ASCII, formula starts
    proptest::string::string_regex("[a-zé\"',;\n\r\t =+@-]{0,40}").unwrap()
}

proptest! {
    #[test]
    fn facts_csv_round_trips(sentence in any_text(), source in any_text(), place in proptest::option::of(any_text()), min in 0u64..1_000_000) {
        let fact = ExportFact { id: "f".into(), source: source.clone(), place: place.clone(), sentence: sentence.clone(), min, kind: "killed".into(), ..ExportFact::default() };
        let mut out = Vec::new();
        write_facts_csv(&mut out, &[fact], &ExportOptions { neutralise_formulas: false }).unwrap();
        let (header, rows) = read_csv(&out);
        prop_assert_eq!(header, FACT_COLUMNS);
        prop_assert_eq!(rows.len(), 1);
        prop_assert_eq!(&rows[0][3], &source);
        prop_assert_eq!(&rows[0][7], &min.to_string());
        prop_assert_eq!(&rows[0][12], &place.unwrap_or_default());
        prop_assert_eq!(&rows[0][15], &sentence);
    }

    #[test]
    fn acled_csv_round_trips(notes in any_text(), location in any_text(), actor in any_text(), neutralise in any::<bool>()) {
        let e = ExportEvent { notes: notes.clone(), location: Some(location.clone()), actor1: Some(actor.clone()), fatalities: vec![], ..barda() };
        let mut out = Vec::new();
        write_acled_csv(&mut out, &[e], &ExportOptions { neutralise_formulas: neutralise }).unwrap();
        let (header, rows) = read_csv(&out);
        prop_assert_eq!(header, ACLED_COLUMNS);
        prop_assert_eq!(rows.len(), 1);
        let back = |cell: &str, orig: &str| {
            if neutralise && orig.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                cell.strip_prefix('\'') == Some(orig)
            } else {
                cell == orig
            }
        };
        prop_assert!(back(&rows[0][8], &location));
        prop_assert!(back(&rows[0][5], &actor));
        prop_assert!(back(&rows[0][13], &notes));
        prop_assert_eq!(&rows[0][14], "0");
    }
}
