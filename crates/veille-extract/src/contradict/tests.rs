use super::*;
use crate::casualties::SentenceInput;
use crate::quotes::extract_claims;
use veille_model::{AnalysedDoc, Format, Origin, RawDoc};
use veille_text::{Analyser, Cleaner};

const SEEDS: [&str; 5] = [
    include_str!("../../../../examples/seeds/000_b173b38ccefd84c3.txt"),
    include_str!("../../../../examples/seeds/001_770acdc0607464ea.txt"),
    include_str!("../../../../examples/seeds/002_1ecbdd966da1c296.txt"),
    include_str!("../../../../examples/seeds/003_402732ef8272a68d.txt"),
    include_str!("../../../../examples/seeds/004_989597bee5541ff8.txt"),
];

fn analyse(i: usize) -> AnalysedDoc {
    let raw = RawDoc::new(
        format!("seed{i}"),
        Origin {
            path: format!("seed{i}.txt"),
            line: None,
        },
        Format::Text,
        SEEDS[i].into(),
    );
    Analyser::default().analyse(Cleaner::default().clean(raw))
}

/// Claims and stances of the seeds, run through the real extractors.
fn records(which: &[usize]) -> (Vec<ClaimRecord>, Vec<StanceRecord>) {
    let (mut claims, mut stances) = (Vec::new(), Vec::new());
    for &i in which {
        let doc = analyse(i);
        let text = &doc.clean.text;
        let mut previous = None;
        for s in &doc.sentences {
            let sentence = s.span.slice(text);
            let input = SentenceInput {
                text: sentence,
                span: s.span,
                previous,
                title: doc.clean.title.as_deref(),
                lang: &doc.lang.code,
            };
            let found = extract_claims(&input);
            for c in found.casualties {
                claims.push(ClaimRecord::new(c, text, i as i64, doc.clean.published));
            }
            for st in &found.stances {
                stances.push(StanceRecord::from_stance(
                    st,
                    text,
                    i as i64,
                    doc.clean.published,
                ));
            }
            previous = Some((sentence, s.span));
        }
    }
    (claims, stances)
}

fn figures(cs: &[Contradiction], claims: &[ClaimRecord]) -> Vec<(u64, u64)> {
    cs.iter()
        .filter_map(|c| match c.kind {
            ContradictionKind::Figures { a, b } => Some((claims[a].claim.min, claims[b].claim.min)),
            _ => None,
        })
        .map(|(x, y)| (x.min(y), x.max(y)))
        .collect()
}

#[test]
fn barda_tolls_that_disagree_are_listed() {
    // the two Barda reports of 28 October 2020, one event
    let (claims, stances) = records(&[0, 1]);
    let cs = find_contradictions(&claims, &stances);
    let f = figures(&cs, &claims);
    // 90 civilians killed (Azerbaijani authorities) vs about a hundred (partial tolls)
    assert!(f.contains(&(90, 100)), "{f:?}");
    // "plusieurs centaines" vs about 1,120 vs about 5,000
    assert!(f.contains(&(1120, 5000)), "{f:?}");
    assert!(f.contains(&(200, 1120)), "{f:?}");
    assert!(f.contains(&(200, 5000)), "{f:?}");
    // the Prosecutor General's 21 civilians, repeated by both reports, agree
    assert!(!f.iter().any(|&(a, b)| a == 21 && b == 21), "{f:?}");
    // a toll is not an incident: 21 dead at Barda does not contradict 90 in all
    assert!(!f.contains(&(21, 90)), "{f:?}");
    // the Tuesday strike's 5 dead are not Wednesday's 21
    assert!(!f.contains(&(5, 21)), "{f:?}");
}

#[test]
fn barda_accusation_is_met_by_the_denial() {
    let (claims, stances) = records(&[0, 1]);
    let cs = find_contradictions(&claims, &stances);
    let denied: Vec<(&str, &str)> = cs
        .iter()
        .filter_map(|c| match c.kind {
            ContradictionKind::AccusationDenied { accusation, denial } => Some((
                stances[accusation].actor.as_str(),
                stances[denial].actor.as_str(),
            )),
            _ => None,
        })
        .collect();
    assert!(denied.contains(&("L'Azerbaïdjan", "Erevan")), "{denied:?}");
    // "les deux camps se rejetant la responsabilité" denies for no one in particular
    assert!(
        !denied.iter().any(|d| d.1 == "les deux camps"),
        "{denied:?}"
    );
}

#[test]
fn mutual_blame_is_listed_once_and_reciprocals_name_no_one() {
    let (claims, stances) = records(&[0, 1, 3, 4]);
    let cs = find_contradictions(&claims, &stances);
    let blames: Vec<&str> = cs
        .iter()
        .filter(|c| matches!(c.kind, ContradictionKind::Perpetrators { .. }))
        .map(|c| c.summary.as_str())
        .collect();
    assert_eq!(blames.len(), 1, "{blames:?}");
    assert!(blames[0].contains("Armenia") && blames[0].contains("Azerbaijan"));
}

#[test]
fn running_tolls_form_one_series_per_claimant_and_side() {
    let (claims, _) = records(&[0, 1, 2, 3, 4]);
    let series = claimant_series(&claims);
    let official: Vec<&ClaimantSeries> = series
        .iter()
        .filter(|s| s.claimant == "bilan officiel" && s.victims == Some(VictimCategory::Civilian))
        .collect();
    // "des bilans officiels" (doc 2) and "le bilan officiel" (doc 3): one claimant, two sides
    assert_eq!(official.len(), 2, "{official:?}");
    assert!(official.iter().all(|s| s.points.len() >= 2), "{official:?}");
    let azerbaijan = series
        .iter()
        .find(|s| s.claimant == "Azerbaijan" && s.kind == CasualtyKind::Killed)
        .expect("the Azerbaijani authorities' toll");
    assert_eq!(azerbaijan.points[0].min, 90);
    let russia = series
        .iter()
        .find(|s| s.claimant == "Russia")
        .expect("Putin's toll");
    assert_eq!(
        russia.points.len(),
        1,
        "wire copies of one toll count once: {russia:?}"
    );
    for s in &series {
        assert!(s.points.iter().all(|p| claims[p.claim].is_running_toll()));
    }
}

#[test]
fn a_count_of_part_of_the_period_is_no_point_of_a_running_toll() {
    let k = CasualtyKind::Killed;
    let published = PartialDate::day(2020, 10, 5);
    // "depuis le 27 septembre, 19 civils … tués, dont 5 … depuis dimanche"
    let war = ClaimRecord {
        since: PartialDate::day(2020, 9, 27),
        ..record(claim(k, 19, Some(19), false, true), 1, published)
    };
    // (from a day a week before publication or earlier: a count of the
    // last days is no toll at all, `runs_from_last_days`)
    let week = ClaimRecord {
        since: PartialDate::day(2020, 9, 28),
        ..record(claim(k, 5, Some(5), false, true), 1, published)
    };
    let both = [war.clone(), week.clone()];
    assert!(!part_of_longer_count(&both, 0));
    assert!(part_of_longer_count(&both, 1));
    let series = claimant_series(&both);
    assert_eq!(series.len(), 1);
    assert_eq!(series[0].points.len(), 1, "{series:?}");
    assert_eq!(series[0].points[0].min, 19);
    // in another document, or of another kind, or with no start known: a toll of its own
    for other in [
        ClaimRecord {
            doc_id: 2,
            ..week.clone()
        },
        ClaimRecord {
            claim: claim(CasualtyKind::Injured, 5, Some(5), false, true),
            ..week.clone()
        },
        ClaimRecord {
            since: None,
            ..week.clone()
        },
    ] {
        let pair = [war.clone(), other];
        assert!(!part_of_longer_count(&pair, 1));
        assert_eq!(
            claimant_series(&pair)
                .iter()
                .map(|s| s.points.len())
                .sum::<usize>(),
            2
        );
    }
}

fn claim(
    kind: CasualtyKind,
    min: u64,
    max: Option<u64>,
    approximate: bool,
    cumulative: bool,
) -> CasualtyClaim {
    CasualtyClaim {
        kind,
        min,
        max,
        approximate,
        victims: crate::casualties::Victims::default(),
        place: None,
        date_text: None,
        cumulative,
        claimed_by: None,
        accused: None,
        implicit: false,
        span: veille_model::Span::new(0, 1),
        sentence: veille_model::Span::new(0, 1),
    }
}

fn record(c: CasualtyClaim, doc_id: i64, published: Option<PartialDate>) -> ClaimRecord {
    ClaimRecord {
        claim: c,
        doc_id,
        published,
        sentence: String::new(),
        when: None,
        since: None,
        scope: None,
        context: Vec::new(),
    }
}

#[test]
fn ranges_and_periods() {
    let day = |d| PartialDate::day(2020, 10, d);
    let k = CasualtyKind::Killed;
    // exact figures that differ
    let cs = find_contradictions(
        &[
            record(claim(k, 21, Some(21), false, false), 1, None),
            record(claim(k, 25, Some(25), false, false), 2, None),
        ],
        &[],
    );
    assert_eq!(cs.len(), 1);
    // an open-ended figure overlaps anything above it
    let cs = find_contradictions(
        &[
            record(claim(k, 70, None, false, false), 1, None),
            record(claim(k, 400, Some(400), false, false), 2, None),
        ],
        &[],
    );
    assert!(cs.is_empty());
    // approximate figures are widened by 5 %
    let cs = find_contradictions(
        &[
            record(claim(k, 100, Some(100), true, false), 1, None),
            record(claim(k, 96, Some(96), false, false), 2, None),
        ],
        &[],
    );
    assert!(cs.is_empty());
    // different kinds never compare
    let cs = find_contradictions(
        &[
            record(claim(k, 1, Some(1), false, false), 1, None),
            record(
                claim(CasualtyKind::Injured, 9, Some(9), false, false),
                2,
                None,
            ),
        ],
        &[],
    );
    assert!(cs.is_empty());
    // running tolls three weeks apart are not the same period; the same day they are
    let early = record(claim(k, 100, Some(100), false, true), 1, day(1));
    let late = record(claim(k, 300, Some(300), false, true), 2, day(22));
    assert!(find_contradictions(&[early.clone(), late.clone()], &[]).is_empty());
    let same_day = record(claim(k, 300, Some(300), false, true), 2, day(1));
    assert_eq!(
        find_contradictions(&[early.clone(), same_day], &[]).len(),
        1
    );
    // a day later, a higher toll is an update; a lower one still disagrees
    let next_day = |n| record(claim(k, n, Some(n), false, true), 2, day(2));
    assert!(find_contradictions(&[early.clone(), next_day(300)], &[]).is_empty());
    assert_eq!(
        find_contradictions(&[early.clone(), next_day(60)], &[]).len(),
        1
    );
    // unless another party gives it
    let party = |c: CasualtyClaim, who: &str| CasualtyClaim {
        claimed_by: Some(crate::casualties::Claimant {
            text: who.to_string(),
            span: veille_model::Span::new(0, 1),
        }),
        ..c
    };
    let armenia = ClaimRecord {
        claim: party(early.claim.clone(), "Erevan"),
        ..early.clone()
    };
    let azerbaijan = ClaimRecord {
        claim: party(next_day(300).claim, "Bakou"),
        ..next_day(300)
    };
    assert_eq!(find_contradictions(&[armenia, azerbaijan], &[]).len(), 1);
    // a toll and an incident figure never compare
    let incident = record(claim(k, 3, Some(3), false, false), 3, day(1));
    assert!(find_contradictions(&[early, incident], &[]).is_empty());
}

#[test]
fn days_apart_counts_calendar_days() {
    let d = |y, m, dd| PartialDate::day(y, m, dd);
    assert_eq!(days_apart(d(2020, 2, 28), d(2020, 3, 1)), Some(2));
    assert_eq!(days_apart(d(2019, 12, 31), d(2020, 1, 1)), Some(1));
    assert_eq!(days_apart(d(2020, 1, 1), d(2021, 1, 1)), Some(366));
    assert_eq!(days_apart(PartialDate::month(2020, 1), d(2020, 1, 1)), None);
}

#[test]
fn strikes_pointed_back_at_are_one_incident_not_a_toll() {
    // seed 000: "Rejetant la responsabilité de ces frappes, l'Arménie assure
    // … tuant un civil": an incident figure, not a running toll
    let (claims, _) = records(&[0]);
    let one = claims
        .iter()
        .find(|c| c.claim.min == 1 && c.sentence.contains("ces frappes"))
        .expect("the Martouni figure");
    assert!(!one.is_running_toll());
    // seed 001: "Les attaques arméniennes … ont fait 90 morts" is one
    let (claims, _) = records(&[1]);
    assert!(claims
        .iter()
        .any(|c| c.claim.min == 90 && c.is_running_toll()));
}

/// A record whose sentence is `sentence` and whose figure is `figure` in it.
fn in_sentence(sentence: &str, figure: &str, n: u64, doc_id: i64) -> ClaimRecord {
    let at = sentence.find(figure).expect("figure in sentence");
    let c = CasualtyClaim {
        span: veille_model::Span::new(at, at + figure.len()),
        sentence: veille_model::Span::new(0, sentence.len()),
        ..claim(CasualtyKind::Killed, n, Some(n), false, true)
    };
    ClaimRecord {
        sentence: sentence.to_string(),
        ..record(c, doc_id, PartialDate::day(2020, 8, 13))
    }
}

#[test]
fn scopes_increments_and_parts_keep_different_counts_apart() {
    // a worldwide toll against one country's, or against a figure with no place
    let world = ClaimRecord {
        scope: Some(WORLD.to_string()),
        ..in_sentence(
            "La pandémie a fait au moins 745.783 morts dans le monde.",
            "745.783 morts",
            745_783,
            1,
        )
    };
    assert_eq!(worldwide_at(&world.sentence).len(), 1);
    let france = ClaimRecord {
        scope: Some("FR".to_string()),
        ..in_sentence("La France compte 30.000 morts.", "30.000 morts", 30_000, 2)
    };
    let unplaced = in_sentence("Le pays compte 30.000 morts.", "30.000 morts", 30_000, 3);
    assert!(find_contradictions(&[world.clone(), france.clone()], &[]).is_empty());
    assert!(find_contradictions(&[world.clone(), unplaced.clone()], &[]).is_empty());
    // two countries' tolls
    let italy = ClaimRecord {
        scope: Some("IT".to_string()),
        ..france.clone()
    };
    let spain = ClaimRecord {
        scope: Some("ES".to_string()),
        ..in_sentence("L'Espagne compte 28.000 morts.", "28.000 morts", 28_000, 4)
    };
    assert!(find_contradictions(&[italy, spain.clone()], &[]).is_empty());
    // the same country's do compare
    let spain2 = ClaimRecord {
        scope: Some("ES".to_string()),
        ..in_sentence("L'Espagne compte 25.000 morts.", "25.000 morts", 25_000, 5)
    };
    assert_eq!(find_contradictions(&[spain.clone(), spain2], &[]).len(), 1);
    // `au monde` ranks a country, it is no worldwide toll
    assert!(worldwide_at("un des pires bilans au monde").is_empty());
    // what a day added is no toll
    let day = in_sentence(
        "L'épidémie a fait 96 morts en 24 heures en Espagne.",
        "96 morts",
        96,
        6,
    );
    assert!(day.is_increment());
    assert!(in_sentence("351 décès supplémentaires", "351 décès", 351, 6).is_increment());
    assert!(!spain.is_increment());
    let spain_day = ClaimRecord {
        scope: Some("ES".to_string()),
        ..day
    };
    assert!(find_contradictions(&[spain.clone(), spain_day], &[]).is_empty());
    // a breakdown of a toll is no toll; a count of other victims is one
    let s = "30.503 personnes sont décédées, dont 19.992 à l'hôpital";
    let parts = [
        in_sentence(s, "30.503 personnes", 30_503, 7),
        in_sentence(s, "19.992", 19_992, 7),
    ];
    assert!(!part_of_sentence_figure(&parts, 0));
    assert!(part_of_sentence_figure(&parts, 1));
    let mut civilians = parts.clone();
    civilians[1].claim.victims.category = Some(VictimCategory::Civilian);
    assert!(!part_of_sentence_figure(&civilians, 1));
}

#[test]
fn only_blames_of_violence_name_perpetrators() {
    assert!(is_violence("d'avoir tué 21 personnes"));
    assert!(is_violence("d'avoir tiré des roquettes sur Barda"));
    assert!(is_violence("of shelling civilian areas"));
    assert!(!is_violence("de laxisme"));
    assert!(!is_violence("d'avoir une mentalité colonialiste"));
    let blame = |actor: &str, target: &str, content: &str| StanceRecord {
        kind: StanceKind::Accusation,
        actor: actor.to_string(),
        target: Some(target.to_string()),
        content: content.to_string(),
        doc_id: 1,
        published: None,
    };
    let political = [
        blame("Emmanuel Macron", "Jair Bolsonaro", "de lui avoir menti"),
        blame(
            "M. Bolsonaro",
            "M. Macron",
            "d'avoir une mentalité colonialiste",
        ),
    ];
    assert!(find_contradictions(&[], &political).is_empty());
    let violent = [
        blame("Bakou", "l'Arménie", "d'avoir tué 21 civils"),
        blame("Erevan", "l'Azerbaïdjan", "d'avoir bombardé Stepanakert"),
    ];
    assert_eq!(find_contradictions(&[], &violent).len(), 1);
}

#[test]
fn a_claimants_tolls_of_two_scopes_are_two_series() {
    let k = CasualtyKind::Killed;
    let day = |d| PartialDate::day(2020, 8, d);
    let at = |n, d, scope: &str| ClaimRecord {
        scope: Some(scope.to_string()),
        ..record(claim(k, n, Some(n), false, true), i64::from(d), day(d))
    };
    let claims = [
        at(745_783, 13, WORLD),
        at(30_371, 13, "FR"),
        at(750_003, 14, WORLD),
    ];
    let series = claimant_series(&claims);
    assert_eq!(series.len(), 2, "{series:?}");
    let world = series
        .iter()
        .find(|s| s.scope.as_deref() == Some(WORLD))
        .expect("the world's series");
    assert_eq!(world.points.len(), 2);
}

#[test]
fn a_figure_without_a_scope_compares_only_where_its_document_may_be() {
    let at = |scope: Option<&str>, context: &[&str], n: u64, doc: i64| ClaimRecord {
        scope: scope.map(str::to_string),
        context: context.iter().map(|c| c.to_string()).collect(),
        ..in_sentence("Le bilan est de 30.000 morts.", "30.000 morts", n, doc)
    };
    let ecuador = at(Some("EC"), &[], 10_500, 1);
    // a round-up about Brazil and Peru: not Ecuador's toll
    let roundup = at(None, &["BR", "PE"], 3_301, 2);
    assert!(find_contradictions(&[ecuador.clone(), roundup], &[]).is_empty());
    // a dispatch mostly about Ecuador: maybe
    let about = at(None, &["EC", "CO"], 3_301, 3);
    assert_eq!(find_contradictions(&[ecuador, about.clone()], &[]).len(), 1);
    // two without a scope: when their documents share a place, or one names none
    let elsewhere = at(None, &["FR"], 9, 4);
    assert!(find_contradictions(&[about.clone(), elsewhere], &[]).is_empty());
    let nowhere = at(None, &[], 9, 5);
    assert_eq!(find_contradictions(&[about, nowhere], &[]).len(), 1);
}

#[test]
fn a_dashed_heading_restating_its_paragraph_is_not_compared() {
    let heading = ClaimRecord {
        claim: CasualtyClaim {
            min: 430_001,
            max: None,
            sentence: veille_model::Span::new(0, 26),
            span: veille_model::Span::new(2, 24),
            ..claim(CasualtyKind::Killed, 430_001, None, false, true)
        },
        sentence: "- Plus de 430.000 morts -".to_string(),
        ..record(
            claim(CasualtyKind::Killed, 0, None, false, true),
            1,
            PartialDate::day(2020, 6, 15),
        )
    };
    let body = ClaimRecord {
        claim: CasualtyClaim {
            sentence: veille_model::Span::new(27, 120),
            span: veille_model::Span::new(50, 63),
            ..claim(CasualtyKind::Killed, 434_214, Some(434_214), false, true)
        },
        sentence: "La pandémie a fait au moins 434.214 morts dans le monde.".to_string(),
        ..record(
            claim(CasualtyKind::Killed, 0, None, false, true),
            1,
            PartialDate::day(2020, 6, 15),
        )
    };
    let claims = [heading.clone(), body];
    assert!(restated_heading(&claims, 0));
    assert!(!restated_heading(&claims, 1));
    // a US toll with no scope beside the heading: only the body compares
    let us = ClaimRecord {
        doc_id: 2,
        ..in_sentence(
            "Les Etats-Unis comptent 115.000 morts.",
            "115.000 morts",
            115_000,
            2,
        )
    };
    let found = find_contradictions(&[heading, us], &[]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn counts_of_the_last_days_and_of_another_hour_are_no_contradiction() {
    // `soit 12 décès depuis mercredi` (a Saturday dispatch) is what the
    // days added, not a toll
    let since_wednesday = ClaimRecord {
        since: PartialDate::day(2020, 8, 12),
        published: PartialDate::day(2020, 8, 15),
        ..in_sentence("(soit 12 décès depuis mercredi)", "12 décès", 12, 1)
    };
    assert!(since_wednesday.runs_from_last_days());
    let since_march = ClaimRecord {
        since: PartialDate::day(2020, 3, 1),
        ..since_wednesday.clone()
    };
    assert!(!since_march.runs_from_last_days());
    let toll = in_sentence(
        "30.480 personnes sont décédées.",
        "30.480 personnes",
        30_480,
        2,
    );
    assert!(find_contradictions(&[since_wednesday, toll.clone()], &[]).is_empty());
    assert!(in_sentence("13 morts en 24h", "13 morts", 13, 3).is_increment());
    // one toll read at two hours of a day (0.007 % apart), and 10 % apart
    let t =
        |n: u64, doc: i64| in_sentence("Le bilan est de 199.268 décès.", "199.268 décès", n, doc);
    assert!(find_contradictions(&[t(199_268, 4), t(199_255, 5)], &[]).is_empty());
    assert_eq!(
        find_contradictions(&[t(199_268, 4), t(180_001, 5)], &[]).len(),
        1
    );
}

#[test]
fn settings_severities_and_vague_counts_split_or_drop_a_comparison() {
    let total = in_sentence(
        "Au total, 12.210 personnes sont mortes en France.",
        "12.210 personnes",
        12_210,
        1,
    );
    let homes = in_sentence(
        "Dans les Ehpad, 4.166 décès ont été déclarés.",
        "4.166 décès",
        4_166,
        2,
    );
    let hospital = in_sentence(
        "8.044 personnes sont mortes à l'hôpital depuis le 1er mars.",
        "8.044 personnes",
        8_044,
        3,
    );
    assert_eq!(total.setting(), None);
    assert_eq!(homes.setting(), Some("care home"));
    assert_eq!(hospital.setting(), Some("hospital"));
    assert!(find_contradictions(&[total.clone(), homes.clone(), hospital], &[]).is_empty());
    // both settings named: the whole
    let both = in_sentence(
        "Au total, hôpitaux et établissements médico-sociaux confondus, 6.507 décès ont été enregistrés.",
        "6.507 décès",
        6_507,
        4,
    );
    assert_eq!(both.setting(), None);
    assert_eq!(find_contradictions(&[total, both], &[]).len(), 1);
    // a part after `dont` leaves the whole its setting
    let injured = in_sentence(
        "L'attaque a fait 13 blessés dont une personne en urgence absolue.",
        "13 blessés",
        13,
        5,
    );
    assert_eq!(injured.setting(), None);
    let serious = in_sentence("Sept blessés graves.", "Sept blessés", 7, 6);
    assert_eq!(serious.setting(), Some("serious"));
    // vague counts under ten are set against nothing
    let several = ClaimRecord {
        claim: CasualtyClaim {
            approximate: true,
            ..claim(CasualtyKind::Killed, 2, Some(9), true, true)
        },
        ..in_sentence(
            "Plusieurs personnes sont mortes.",
            "Plusieurs personnes",
            2,
            7,
        )
    };
    let hundred = in_sentence("100 personnes sont mortes.", "100 personnes", 100, 8);
    assert!(find_contradictions(&[several, hundred], &[]).is_empty());
}

#[test]
fn increments_said_before_the_figure_or_by_the_day_or_week() {
    let inc = |s: &str, f: &str| in_sentence(s, f, 13, 1).is_increment();
    assert!(inc(
        "Les autorités ont annoncé 723 nouvelles contaminations en 24 heures, et 13 décès.",
        "13 décès"
    ));
    assert!(inc("Le bilan a augmenté de 929 décès jeudi.", "929 décès"));
    assert!(inc(
        "Le dernier bilan quotidien est de 483 morts.",
        "483 morts"
    ));
    assert!(inc(
        "Une augmentation des décès, avec un doublement à 265 morts, après 129 la semaine précédente.",
        "265 morts"
    ));
    assert!(inc("242 personnes sont décédées en 24 h.", "242 personnes"));
    // a total after an increment is the toll
    assert!(!inc(
        "319 nouveaux décès en 24 heures, portant le bilan à 2.314 morts.",
        "2.314 morts"
    ));
    assert!(!inc(
        "Depuis le 1er mars, 22.614 personnes en sont mortes.",
        "22.614 personnes"
    ));
}

#[test]
fn a_claimants_tolls_of_two_settings_are_two_series() {
    let homes = |n: u64, doc: i64| {
        in_sentence(
            "Dans les Ehpad, 4.166 décès ont été déclarés depuis le 1er mars.",
            "4.166 décès",
            n,
            doc,
        )
    };
    let whole = in_sentence(
        "Au total, 12.210 personnes sont mortes depuis le 1er mars.",
        "12.210 personnes",
        12_210,
        3,
    );
    let series = claimant_series(&[homes(4_166, 1), whole, homes(4_599, 2)]);
    assert_eq!(series.len(), 2, "{series:?}");
    let care = series
        .iter()
        .find(|s| s.setting == Some("care home"))
        .expect("the care homes' series");
    assert_eq!(care.points.len(), 2);
}

#[test]
fn a_documents_own_figure_is_not_set_against_one_it_attributes() {
    let by = |who: &str, mut r: ClaimRecord| {
        r.claim.claimed_by = Some(crate::casualties::Claimant {
            text: who.into(),
            span: veille_model::Span::new(0, who.len()),
        });
        r
    };
    let own = in_sentence(
        "Chine: les pains de sucre inondés, au moins 20 morts",
        "20 morts",
        20,
        1,
    );
    let agency = || {
        by(
            "l'agence officielle",
            in_sentence(
                "Six personnes ont été tuées, a précisé l'agence officielle.",
                "Six personnes",
                6,
                1,
            ),
        )
    };
    // in one document: the writer's 20 and the agency's 6 count different things
    assert!(find_contradictions(&[own.clone(), agency()], &[]).is_empty());
    // in two documents, they disagree
    let elsewhere = ClaimRecord {
        doc_id: 2,
        ..agency()
    };
    assert_eq!(find_contradictions(&[own, elsewhere], &[]).len(), 1);
    // two claimants of two parties in one document do disagree
    let ministry = by(
        "le ministère arménien",
        in_sentence(
            "Le bilan est de 20 morts, selon le ministère arménien.",
            "20 morts",
            20,
            1,
        ),
    );
    let baku = by(
        "Bakou",
        in_sentence("Bakou fait état de six morts.", "six morts", 6, 1),
    );
    assert_eq!(find_contradictions(&[ministry, baku], &[]).len(), 1);
}

#[test]
fn a_part_counted_over_a_day_leaves_the_toll_a_toll() {
    let s = "Le Covid-19 a tué au moins 27.074 personnes depuis le 1er mars, dont 98 dans \
             les hôpitaux au cours des dernières 24 heures.";
    let toll = in_sentence(s, "27.074 personnes", 27_074, 1);
    assert!(!toll.is_increment());
    let part = in_sentence(s, "98", 98, 1);
    assert!(part.is_increment());
    // without the part, the day is the figure's
    let day = in_sentence(
        "Le Covid-19 a tué 98 personnes au cours des dernières 24 heures.",
        "98 personnes",
        98,
        1,
    );
    assert!(day.is_increment());
}
