use super::*;
use proptest::prelude::*;

fn seed_docs() -> Vec<(String, ClusterDoc)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("seeds are bundled")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy()[..3].to_string())
                .unwrap_or_default();
            let raw = std::fs::read_to_string(p).expect("readable seed");
            // the plain-text dispatches mark their date as a leading ` date YYYY-MM`
            let (published, text) = match raw.trim_start().strip_prefix("date ") {
                Some(rest) => {
                    let (d, t) = rest.split_once(' ').unwrap_or((rest, ""));
                    (d.parse().ok(), t.to_string())
                }
                None => (None, raw.clone()),
            };
            let (title, rest) = text.trim().split_once('\n').unwrap_or((text.trim(), ""));
            // placed in time as the engine does (`veille_engine::place_in_time`)
            let time = veille_extract::document_time(
                &veille_extract::DateTagger::default(),
                rest.trim(),
                published,
                "fr",
            );
            let doc = ClusterDoc {
                key: i as u64,
                published,
                lang: "fr".into(),
                title: title.trim().into(),
                lead: lead_of(rest, 300).into(),
                body: rest.trim().into(),
                inferred: time.day.map(|d| d.day),
                not_before: time.not_before.map(|b| b.not_before),
                ..ClusterDoc::default()
            };
            (name, doc)
        })
        .collect()
}

/// The seeds clustered at the default settings, and their assignments.
fn seed_assignments() -> (Clusterer, HashMap<u64, Assignment>) {
    let docs = seed_docs();
    assert_eq!(docs.len(), 5);
    assert!(docs[2].1.published.is_some() && docs[0].1.published.is_none());
    let mut c = Clusterer::new(ClusterConfig::default()).expect("valid config");
    let got = c
        .add_batch(docs.iter().map(|d| d.1.clone()).collect())
        .into_iter()
        .collect();
    (c, got)
}

/// The time the seeds get from their text: 000 and 001 write no year
/// (undated), 002 and 003 are dated `2020-10` and their lead's weekday
/// gives a day, 004 names "la dernière guerre de 2020" (on or after 2021).
#[test]
fn seeds_are_placed_in_time_by_their_text() {
    let docs = seed_docs();
    let t: Vec<_> = docs
        .iter()
        .map(|d| (d.1.inferred, d.1.not_before))
        .collect();
    assert_eq!((t[0], t[1]), ((None, None), (None, None)));
    assert_eq!(t[2].0.map(|d| d.to_string()).as_deref(), Some("2020-10-05"));
    assert_eq!(t[3].0.map(|d| d.to_string()).as_deref(), Some("2020-10-02"));
    assert_eq!(t[4].1.map(|d| d.to_string()).as_deref(), Some("2021-01-01"));
}

/// The two days of the war that 002 and 003 tell are not the Barda event.
/// Fails: 000 and 001 write no year, so they are undated (neutral on
/// time) and join 002's event on content (0.32 against 0.09).
#[test]
#[ignore = "000/001 are undated and join 002's event on content (reports/clustering.md)"]
fn seeds_002_and_003_are_other_events() {
    let (_, got) = seed_assignments();
    let ev = |i: u64| got[&i].event;
    assert_ne!(ev(0), ev(2));
    assert_ne!(ev(0), ev(3));
}

#[test]
fn seeds_form_the_expected_events_and_stories() {
    let (c, got) = seed_assignments();
    let s = |i: u64| got[&i].story;
    let ev = |i: u64| got[&i].event;
    assert_eq!(ev(0), ev(1), "000 and 001 tell the Barda strike");
    assert_eq!(s(0), s(1));
    assert_eq!(s(0), s(2), "002 is the same war");
    assert_eq!(s(0), s(3), "003 is the same war");
    assert_ne!(s(0), s(4), "004 is the 2023 offensive");
    let stories = c.stories();
    let war = &stories[s(0).0 as usize];
    assert_eq!(war.members.len(), 4);
    assert!(!war.label.is_empty());
    assert_eq!(
        war.span.map(|d| d.first.to_string()),
        Some("2020-10".to_string())
    );
}

use std::collections::HashMap;

/// A small corpus of three stories over two months, with same-day ties.
fn corpus() -> Vec<ClusterDoc> {
    let topics: [(&str, &[&str]); 3] = [
        (
            "Barda",
            &["missile", "frappe", "civils", "Azerbaïdjan", "bombardement"],
        ),
        (
            "Marseille",
            &["incendie", "pompiers", "forêt", "évacuation", "vent"],
        ),
        (
            "Lyon",
            &["grève", "transports", "syndicats", "métro", "manifestation"],
        ),
    ];
    let mut docs = Vec::new();
    for (t, (place, words)) in topics.iter().enumerate() {
        for i in 0..8u64 {
            let day = 1 + (i as u8 % 4) * 9;
            let w = |k: usize| words[(i as usize + k) % words.len()];
            docs.push(ClusterDoc {
                key: t as u64 * 100 + i,
                published: PartialDate::day(2021, 3 + (i % 2) as u8, day),
                lang: "fr".into(),
                title: format!("{} : {} et {} à {place}", w(0), w(1), w(2)),
                lead: format!("Selon la préfecture, {} puis {} à {place}.", w(3), w(4)),
                body: format!(
                    "Les habitants de {place} parlent de {} et de {}.",
                    w(1),
                    w(3)
                ),
                ..ClusterDoc::default()
            });
        }
    }
    docs
}

fn run(docs: Vec<ClusterDoc>) -> (Vec<EventView>, Vec<StoryView>) {
    let mut c = Clusterer::new(ClusterConfig::default()).expect("valid config");
    c.add_batch(docs);
    (c.events(), c.stories())
}

/// [`corpus`] plus copies of some of its documents placed in time only by
/// a "written after" bound (within or after the corpus's months), by an
/// inferred day within a publication month, or not at all.
fn corpus_in_time() -> Vec<ClusterDoc> {
    let mut docs = corpus();
    for (i, d) in corpus().into_iter().step_by(3).enumerate() {
        let mut d = ClusterDoc {
            key: 1000 + i as u64,
            ..d
        };
        match i % 4 {
            0 => {
                d.not_before = PartialDate::day(2021, 4, 1);
                d.published = None;
            }
            1 => {
                d.not_before = PartialDate::day(2022, 1, 1);
                d.published = None;
            }
            2 => {
                d.inferred = d.published;
                d.published = d.published.map(|p| PartialDate { day: None, ..p });
            }
            _ => d.published = None,
        }
        docs.push(d);
    }
    docs
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn clustering_ignores_input_order(docs in Just(corpus()).prop_shuffle()) {
        prop_assert_eq!(run(docs), run(corpus()));
    }

    #[test]
    fn clustering_ignores_input_order_with_bounds_inferred_days_and_undated(
        docs in Just(corpus_in_time()).prop_shuffle()
    ) {
        prop_assert_eq!(run(docs), run(corpus_in_time()));
    }
}

#[test]
fn a_document_written_after_a_bound_does_not_join_what_ended_before_it() {
    let text = "Missile strike on Barda kills 21 civilians";
    let mut c = Clusterer::new(ClusterConfig::default()).expect("valid config");
    let strike = c.add(simple(1, "2020-10-28", text));
    let retro = c.add(ClusterDoc {
        not_before: PartialDate::day(2021, 1, 1),
        ..simple(2, "", text)
    });
    assert!(retro.new_event && retro.new_story, "{retro:?}");
    assert_ne!(strike.story, retro.story);
    // a dated report on or after the bound is at distance 0 of it
    let later = c.add(simple(3, "2023-09-20", text));
    assert_eq!(later.event, retro.event, "{later:?}");
    let view = c.event(retro.event).expect("event");
    assert_eq!(view.members, vec![2, 3]);
}

#[test]
fn corpus_events_stay_within_their_topics() {
    let (events, _) = run(corpus());
    assert!(events.len() >= 3, "{} events", events.len());
    for e in &events {
        let topics: std::collections::BTreeSet<u64> = e.members.iter().map(|k| k / 100).collect();
        assert_eq!(topics.len(), 1, "event mixes topics: {e:?}");
    }
}

#[test]
fn state_round_trips_through_json_and_resumes() {
    let docs = corpus();
    let mut straight = Clusterer::new(ClusterConfig::default()).expect("valid config");
    straight.add_batch(docs.clone());

    let mut c = Clusterer::new(ClusterConfig::default()).expect("valid config");
    let mut sorted = docs.clone();
    sorted.sort_by(|a, b| a.published.cmp(&b.published).then(a.key.cmp(&b.key)));
    let (head, tail) = sorted.split_at(12);
    c.add_batch(head.to_vec());
    let json = serde_json::to_string(c.state()).expect("serialisable");
    let state: ClusterState = serde_json::from_str(&json).expect("deserialisable");
    let mut resumed = Clusterer::from_state(ClusterConfig::default(), state).expect("valid");
    resumed.add_batch(tail.to_vec());
    assert_eq!(resumed.events(), straight.events());
    assert_eq!(resumed.stories(), straight.stories());
}

fn simple(key: u64, date: &str, title: &str) -> ClusterDoc {
    ClusterDoc {
        key,
        published: date.parse().ok(),
        lang: "en".into(),
        title: title.into(),
        ..ClusterDoc::default()
    }
}

#[test]
fn the_same_words_months_apart_are_another_event() {
    let mut c = Clusterer::new(ClusterConfig::default()).expect("valid config");
    let a = c.add(simple(1, "2016-01-03", "Man shot dead outside Dayton bar"));
    let b = c.add(simple(
        2,
        "2016-01-04",
        "Dayton bar shooting leaves man dead",
    ));
    // names the press gives every week are no rare names (those of at
    // most `link.rare_df` documents): only the words are alike
    for k in 0..8 {
        c.add(simple(
            10 + k,
            &format!("2016-0{}-1{k}", 2 + k % 6),
            &format!("Man elected to Dayton council, seat {k}"),
        ));
    }
    let later = c.add(simple(3, "2016-09-20", "Man shot dead outside Dayton bar"));
    assert_eq!(a.event, b.event);
    assert!(!b.new_event && b.score >= c.config().event.threshold);
    assert_ne!(later.event, a.event);
    let undated = c.add(simple(4, "", "Man shot dead outside Dayton bar"));
    assert!(!undated.new_event, "undated documents are neutral on time");
}

#[test]
fn a_follow_up_weeks_later_joins_by_its_names_and_ages() {
    let report = |key, date: &str, title: &str, lead: &str| ClusterDoc {
        lead: lead.into(),
        body: lead.into(),
        ..simple(key, date, title)
    };
    let docs = [
        report(
            1,
            "2016-01-03",
            "Man shot dead outside Dayton bar",
            "Police said Tyrone Mabry, 23, was shot outside the Blue Moon bar. Witnesses saw Dwayne Kessler flee.",
        ),
        report(
            2,
            "2016-01-05",
            "Teen wounded in Toledo shooting",
            "A 16-year-old boy was wounded on Elm Street in Toledo, police said.",
        ),
        report(
            3,
            "2016-02-10",
            "Suspect charged in Dayton bar killing",
            "Dwayne Kessler, 31, was charged with murder in the death of Tyrone Mabry, 23, outside the Blue Moon bar.",
        ),
    ];
    let run = |link: bool| {
        let mut cfg = ClusterConfig::default();
        cfg.link.enabled = link;
        let mut c = Clusterer::new(cfg).expect("valid config");
        let got: Vec<_> = docs.iter().map(|d| c.add(d.clone())).collect();
        got
    };
    let on = run(true);
    assert_eq!(on[2].event, on[0].event, "{on:?}");
    assert_ne!(on[1].event, on[0].event);
    let off = run(false);
    assert_ne!(
        off[2].event, off[0].event,
        "the formula's decay parts them: {off:?}"
    );
}

#[test]
fn a_reuse_link_joins_a_document_with_other_words() {
    let mut c = Clusterer::new(ClusterConfig::default()).expect("valid config");
    let a = c.add(simple(1, "2016-01-03", "Man shot dead outside Dayton bar"));
    let mut d = simple(2, "2016-01-03", "Council approves budget for parks");
    let alone = {
        let mut c2 = Clusterer::new(ClusterConfig::default()).expect("valid config");
        c2.add(simple(1, "2016-01-03", "Man shot dead outside Dayton bar"));
        c2.add(d.clone())
    };
    assert!(alone.new_event);
    d.reuse_links = vec![(1, 0.9), (999, 1.0)];
    let b = c.add(d);
    assert_eq!(b.event, a.event);
    assert_eq!(
        c.add(simple(2, "2020-01-01", "anything")).event,
        a.event,
        "a key keeps its event"
    );
    assert_eq!(c.len(), 2);
}

#[test]
fn labels_are_central_titles_and_spans_cover_members() {
    let mut c = Clusterer::new(ClusterConfig::default()).expect("valid config");
    c.add(simple(
        1,
        "2016-01-03",
        "Dayton bar shooting: man dead, police seek gunman",
    ));
    c.add(simple(2, "2016-01-05", "Dayton bar shooting victim named"));
    c.add(simple(
        3,
        "2016-01-04",
        "Police seek gunman after Dayton bar shooting",
    ));
    let events = c.events();
    assert_eq!(events.len(), 1, "{events:?}");
    let e = &events[0];
    assert_eq!(e.members, vec![1, 2, 3]);
    let span = e.span.expect("dated members");
    assert_eq!(
        (span.first.to_string(), span.last.to_string()),
        ("2016-01-03".into(), "2016-01-05".into())
    );
    assert!(
        [
            "Dayton bar shooting: man dead, police seek gunman",
            "Police seek gunman after Dayton bar shooting"
        ]
        .contains(&e.label.as_str()),
        "{}",
        e.label
    );
}

#[test]
fn lead_takes_whole_sentences() {
    assert_eq!(lead_of("One. Two three. Four.", 10), "One.");
    assert_eq!(lead_of("One. Two three. Four.", 16), "One. Two three.");
    assert_eq!(lead_of("  no stop at all here", 8), "no stop");
    assert_eq!(lead_of("", 8), "");
}

/// The score of `second` against an event made of `first`, under `config`.
fn score_after(config: &ClusterConfig, first: &[ClusterDoc], second: ClusterDoc) -> f32 {
    let mut c = Clusterer::new(config.clone()).expect("valid config");
    for d in first {
        c.add(d.clone());
    }
    c.add(second).score
}

#[test]
fn another_mentioned_day_lowers_the_score_and_a_shared_one_does_not() {
    let mut cfg = ClusterConfig::default();
    cfg.event.scorer.date_weight = 0.5;
    // the formula's signal: the follow-up link would decide these dated pairs
    cfg.link.enabled = false;
    let dated = |key, title: &str, day: &str| ClusterDoc {
        mentioned_dates: vec![day.to_string()],
        ..simple(key, "2016-01-06", title)
    };
    let first = [dated(1, "Man shot outside Dayton bar", "2016-01-03")];
    let plain = score_after(
        &cfg,
        &first,
        simple(2, "2016-01-06", "Dayton police arrest suspect"),
    );
    let same = score_after(
        &cfg,
        &first,
        dated(2, "Dayton police arrest suspect", "XXXX-01-03"),
    );
    let other = score_after(
        &cfg,
        &first,
        dated(2, "Dayton police arrest suspect", "2016-01-05"),
    );
    assert!(plain > 0.0 && plain < 1.0, "{plain}");
    assert!((same - plain).abs() < 1e-6, "{same} vs {plain}");
    assert!(other < plain - 0.05, "{other} vs {plain}");
}

#[test]
fn single_link_lets_a_document_match_one_member_of_a_mixed_event() {
    let first = [
        simple(
            1,
            "2016-01-03",
            "Man shot outside Dayton bar on Main Street",
        ),
        simple(
            2,
            "2016-01-03",
            "Dayton bar shooting: police name victim John Ormond",
        ),
        simple(
            3,
            "2016-01-04",
            "Vigil held for John Ormond, Dayton shooting victim",
        ),
    ];
    let probe = simple(4, "2016-01-05", "Vigil for John Ormond draws hundreds");
    let mut off = ClusterConfig {
        member_weight: 0.0,
        ..ClusterConfig::default()
    };
    off.event.threshold = 0.01;
    off.link.enabled = false;
    let mut on = off.clone();
    on.member_weight = 1.0;
    let mut c = Clusterer::new(off.clone()).expect("valid config");
    let events: Vec<EventId> = first.iter().map(|d| c.add(d.clone()).event).collect();
    assert!(events.iter().all(|&e| e == events[0]), "one mixed event");
    let centroid_only = score_after(&off, &first, probe.clone());
    let linked = score_after(&on, &first, probe);
    assert!(linked > centroid_only, "{linked} vs {centroid_only}");
}

/// Thirty unrelated car titles of one site, each ending with the site's
/// template (`… : actualité automobile, infos, scoop`), one a day.
fn templated_titles() -> Vec<ClusterDoc> {
    (0..30u64)
        .map(|i| ClusterDoc {
            lang: "fr".into(),
            ..simple(
                i,
                &format!("2019-03-{:02}", 1 + i),
                &format!("Zorbak{i} Quintel{i} Vandor{i} : actualité automobile, infos, scoop"),
            )
        })
        .collect()
}

#[test]
fn a_title_template_links_nothing_once_twenty_titles_end_with_it() {
    let docs = templated_titles();
    let off = ClusterConfig {
        boilerplate_title_docs: 0,
        ..ClusterConfig::default()
    };
    let mut c = Clusterer::new(off).expect("valid config");
    let stories: Vec<StoryId> = docs.iter().map(|d| c.add(d.clone()).story).collect();
    assert!(
        stories.iter().all(|&s| s == stories[0]),
        "the template alone makes one story: {stories:?}"
    );
    assert!(c.stories()[0].label.ends_with("infos, scoop"));

    let mut c = Clusterer::new(ClusterConfig::default()).expect("valid config");
    let got: Vec<Assignment> = docs.iter().map(|d| c.add(d.clone())).collect();
    // the twentieth title and those after it are read without the template
    assert!(got[19..].iter().all(|a| a.new_story), "{got:?}");
    for v in c.stories() {
        assert!(!v.label.contains("actualité"), "{}", v.label);
    }
    assert_eq!(c.events()[0].label.split(' ').count(), 3);
}

#[test]
fn a_title_tail_is_a_short_last_segment_after_two_words() {
    let tail = |t: &'static str| features::title_tail(t).map(|(_, at)| &t[at..]);
    assert_eq!(
        tail("Il y a 35 ans : la première victoire : actualité automobile, infos, scoop"),
        Some("actualité automobile, infos, scoop")
    );
    assert_eq!(tail("Two men charged - WNCT"), Some("WNCT"));
    assert_eq!(
        tail("Coronavirus : 57 nouveaux décès"),
        None,
        "one word before"
    );
    assert_eq!(
        tail("Barda, une ville sous les bombes"),
        None,
        "no separator"
    );
    assert_eq!(
        tail("Un bilan : selon les autorités de Bakou le nombre de morts a encore augmenté"),
        None,
        "a clause, not a name"
    );
    assert_eq!(
        features::tail_key("Actualité Automobile, infos, SCOOP"),
        features::tail_key("actualite automobile infos scoop")
    );
}

proptest! {
    #[test]
    fn a_title_tail_cuts_at_char_boundaries(title in "\\PC{0,60}") {
        if let Some((sep, at)) = features::title_tail(&title) {
            prop_assert!(sep < at && at <= title.len());
            prop_assert!(title.is_char_boundary(sep) && title.is_char_boundary(at));
        }
    }
}

/// Undated reports of one topic (RPM2's shape): each names the topic's
/// person in its title and lead, and each also has its own words, more of
/// them and repeated, which outweigh the shared name in its vector.
fn reports_with_their_own_words(n: u64) -> Vec<ClusterDoc> {
    (0..n)
        .map(|i| {
            // letters only: the tokeniser splits words at digits
            let letter = |k: u64| char::from(b'a' + (k % 26) as u8);
            let own: Vec<String> = (0..16)
                .map(|j| format!("vocable{}{}", letter(i), letter(j)))
                .collect();
            let own = own.join(" ");
            ClusterDoc {
                key: i,
                lang: "fr".into(),
                title: format!("Ingrid Betancourt et le sujet {}", letter(i + 5)),
                lead: format!("Ingrid Betancourt a parlé de libération. {own}"),
                body: format!("Ingrid Betancourt a parlé de libération. {own} {own} {own}"),
                ..ClusterDoc::default()
            }
        })
        .collect()
}

/// A report is indexed and looked up by its heaviest keys: with too few of
/// them, its own words take them all and the topic's name shared by every
/// report is in none, so the next report finds no candidate (RPM2's
/// "Libération d'Ingrid Betancourt: la joie et les arrières pensées" after
/// nine Betancourt reports, reports/clustering.md).
#[test]
fn a_shared_name_outweighed_by_each_reports_own_words_still_finds_the_event() {
    let events = |config: ClusterConfig| {
        let mut c = Clusterer::new(config).expect("valid config");
        let got: HashMap<u64, Assignment> = c
            .add_batch(reports_with_their_own_words(10))
            .into_iter()
            .collect();
        let mut e: Vec<u32> = got.values().map(|a| a.event.0).collect();
        e.sort_unstable();
        e.dedup();
        e.len()
    };
    assert_eq!(events(ClusterConfig::default()), 1);
    let narrow = ClusterConfig {
        query_keys: 12,
        ..ClusterConfig::default()
    };
    assert!(events(narrow) > 1, "the test must tell the settings apart");
}

/// A later event that shares little of a story's words but names its
/// protagonist belongs to the story: at the story level, names weigh half.
#[test]
fn a_new_event_naming_a_storys_protagonist_joins_the_story() {
    let topic = "Les Farc détenaient l'otage depuis six ans dans la jungle colombienne. \
                 L'armée colombienne a libéré Ingrid Betancourt et quatorze otages.";
    let mut docs: Vec<ClusterDoc> = (0..4)
        .map(|i| ClusterDoc {
            key: i,
            lang: "fr".into(),
            title: format!("Ingrid Betancourt libérée par l'armée colombienne ({i})"),
            lead: lead_of(topic, 300).into(),
            body: topic.into(),
            ..ClusterDoc::default()
        })
        .collect();
    // its words are its own; the one name it gives is the story's
    let later = "La cérémonie a commencé sans son invitée d'honneur, Ingrid Betancourt. \
                 Les convives ont patienté longtemps dans la salle des fêtes décorée de \
                 guirlandes, puis le maire a lu un discours, la fanfare a joué trois airs \
                 et le buffet a été servi aux enfants du village sous les platanes.";
    docs.push(ClusterDoc {
        key: 9,
        lang: "fr".into(),
        title: "Une cérémonie sans son invitée d'honneur".into(),
        lead: lead_of(later, 300).into(),
        body: later.into(),
        ..ClusterDoc::default()
    });
    let run = |entity_weight: f32| {
        let mut config = ClusterConfig::default();
        config.story.scorer.entity_weight = entity_weight;
        let mut c = Clusterer::new(config).expect("valid config");
        let got: HashMap<u64, Assignment> = c.add_batch(docs.clone()).into_iter().collect();
        (got[&9].new_event, got[&9].story == got[&0].story)
    };
    assert_eq!(
        run(ClusterConfig::default().story.scorer.entity_weight),
        (true, true)
    );
    assert_eq!(
        run(0.2),
        (true, false),
        "the test must tell the weights apart"
    );
}
