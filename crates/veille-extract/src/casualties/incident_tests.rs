//! Each rule of [`super::incident_counts`] with a case it decides and a
//! counter-example it must leave alone.

use super::*;
use veille_text::SentenceSplitter;

/// `(killed, injured, killed rule, injured rule)` of an English article.
fn counts(title: &str, body: &str) -> (u64, u64, IncidentRule, IncidentRule) {
    let (_, sentences) = SentenceSplitter::for_lang("en").split(body);
    let c = incident_counts(
        Some(title),
        body,
        &sentences,
        "en",
        IncidentRules::default(),
    );
    (c.killed, c.injured, c.evidence[0].rule, c.evidence[1].rule)
}

use IncidentRule::*;

#[test]
fn the_first_written_figure_wins() {
    let c = counts(
        "Two killed, three wounded in shooting",
        "Police said five people were wounded in another shooting last week.",
    );
    assert_eq!(c, (2, 3, Figure, Figure));
}

#[test]
fn figures_above_the_cap_and_running_tolls_are_not_the_incident() {
    let c = counts(
        "Shooting in Chicago",
        "More than 300 people have been killed in the city since January. \
         On Sunday two men were killed outside a bar.",
    );
    assert_eq!((c.0, c.2), (2, Figure));
    // counter-example: a cap raised lets a large figure through
    let body = "At least 70 people were killed in the blast.";
    let (_, s) = SentenceSplitter::for_lang("en").split(body);
    let rules = IncidentRules {
        first: 14,
        cap: 100,
    };
    assert_eq!(incident_counts(None, body, &s, "en", rules).killed, 70);
    assert_eq!(
        incident_counts(None, body, &s, "en", IncidentRules::default()).killed,
        0
    );
}

#[test]
fn a_singular_report_counts_one_only_without_a_written_figure() {
    let c = counts("Shooting on Main Street", "John Doe was killed on Friday.");
    assert_eq!((c.0, c.2), (1, Singular));
    let c = counts(
        "Shooting on Main Street",
        "John Doe was killed on Friday. Three people were killed in the attack.",
    );
    assert_eq!((c.0, c.2), (3, Figure));
}

#[test]
fn a_death_in_the_title_without_a_count_is_one_killed() {
    let c = counts(
        "Fatal shooting of 16-year-old in Dayton",
        "Police are investigating.",
    );
    assert_eq!((c.0, c.2), (1, TitleDeath));
    // counter-example: an attempted murder is no death
    let c = counts(
        "Man charged with attempted murder after shooting",
        "Police are investigating.",
    );
    assert_eq!((c.0, c.2), (0, Nothing));
}

#[test]
fn a_singular_injury_beside_a_death_is_the_same_victim_unless_one_lived() {
    let same = counts(
        "Man killed in shooting",
        "A man was shot and killed on Friday. He suffered a gunshot wound to the chest.",
    );
    assert_eq!((same.0, same.1, same.3), (1, 0, SameVictim));
    let lived = counts(
        "Man killed in shooting",
        "A man was shot and killed on Friday. A woman was also shot and survived.",
    );
    assert_eq!((lived.0, lived.1, lived.3), (1, 1, Survivor));
}

#[test]
fn an_injury_after_a_death_across_and_is_another_victim() {
    let c = counts(
        "Shooting in Memphis",
        "Three were shot to death and another was injured on Saturday.",
    );
    assert_eq!((c.0, c.1, c.3), (3, 1, Survivor));
}

#[test]
fn a_harm_word_in_the_title_is_one_injured_only_when_nothing_else_is_said() {
    let c = counts(
        "Teen shot in North Stockton",
        "Police are looking for a suspect.",
    );
    assert_eq!((c.0, c.1, c.3), (0, 1, HarmInTitle));
    let c = counts(
        "Teen dies in North Stockton shooting",
        "Police are looking for a suspect.",
    );
    assert_eq!((c.0, c.1, c.3), (1, 0, Nothing));
    let c = counts(
        "Robbery in North Stockton",
        "Police are looking for a suspect.",
    );
    assert_eq!((c.0, c.1, c.3), (0, 0, Nothing));
}

#[test]
fn page_furniture_is_skipped_and_does_not_count_toward_the_first_sentences() {
    assert!(page_furniture("Share this article"));
    assert!(page_furniture("Posted: Mar 3, 2015 10:12 PM EST"));
    assert!(!page_furniture(
        "Two men were wounded in the shooting on Friday."
    ));
    let mut body = String::new();
    for _ in 0..20 {
        body.push_str("Click here to subscribe to our newsletter today.\n\n");
    }
    body.push_str("Two men were wounded in the shooting.");
    let c = counts("Shooting", &body);
    assert_eq!(c.1, 2);
}

#[test]
fn titles_that_report_a_death() {
    for t in [
        "1-year-old suffers fatal gunshot wound to the face",
        "boyle county man dies after accidental shooting",
        "child shot in head in trinidad taken off life support",
        "teen charged with killing uncle in shreveport",
    ] {
        assert!(title_reports_death(t), "{t}");
    }
    for t in [
        "man charged with attempted murder after shooting",
        "boy wounded in north stockton shooting",
        "teen in critical condition after friend shoots him in head",
    ] {
        assert!(!title_reports_death(t), "{t}");
    }
}

#[test]
fn evidence_points_at_the_figure() {
    let body = "Police said two men were wounded on Friday.";
    let (_, s) = SentenceSplitter::for_lang("en").split(body);
    let c = incident_counts(None, body, &s, "en", IncidentRules::default());
    let e = &c.evidence[1];
    assert_eq!(
        (e.kind, e.count, e.in_title),
        (CasualtyKind::Injured, 2, false)
    );
    assert!(e
        .span
        .and_then(|s| s.get(body))
        .is_some_and(|t| t.contains("two")));
}
