use super::*;
use proptest::prelude::*;

const SEED_000: &str = include_str!("../../../../examples/seeds/000_b173b38ccefd84c3.txt");
const SEED_002: &str = include_str!("../../../../examples/seeds/002_1ecbdd966da1c296.txt");
const SEED_003: &str = include_str!("../../../../examples/seeds/003_402732ef8272a68d.txt");
const SEED_004: &str = include_str!("../../../../examples/seeds/004_989597bee5541ff8.txt");

fn date(s: &str) -> Option<PartialDate> {
    s.parse().ok()
}

fn tag(text: &str, anchor: &str) -> Vec<Timex> {
    DateTagger::default().tag(text, date(anchor), "fr")
}

/// The timexes whose text is `phrase`.
fn find<'a>(xs: &'a [Timex], text: &str, phrase: &str) -> Vec<&'a Timex> {
    xs.iter().filter(|x| x.span.slice(text) == phrase).collect()
}

/// The value of the only (or first) timex spelled `phrase`; fails if none.
fn value_of(xs: &[Timex], text: &str, phrase: &str) -> String {
    match find(xs, text, phrase).first() {
        Some(x) => x.value.clone(),
        None => panic!(
            "no timex {phrase:?} among {:?}",
            xs.iter().map(|x| x.span.slice(text)).collect::<Vec<_>>()
        ),
    }
}

/// The timex that ends right before `after` in `text` (its first occurrence).
fn timex_before<'a>(xs: &'a [Timex], text: &str, after: &str) -> &'a Timex {
    let end = text.find(after).map(|p| p as u32).unwrap_or(u32::MAX);
    xs.iter()
        .filter(|x| x.span.end <= end)
        .max_by_key(|x| x.span.end)
        .unwrap_or_else(|| panic!("no timex before {after:?}"))
}

#[test]
fn seed_000_weekdays_and_dates_resolve_against_thursday() {
    let xs = tag(SEED_000, "2020-10-29");
    let t = SEED_000;
    assert!(find(&xs, t, "mercredi")
        .iter()
        .all(|x| x.value == "2020-10-28"));
    assert_eq!(value_of(&xs, t, "mercredi"), "2020-10-28");
    assert_eq!(value_of(&xs, t, "lundi"), "2020-10-26");
    assert_eq!(value_of(&xs, t, "les années 1990"), "199X");
    assert_eq!(value_of(&xs, t, "1994"), "1994");
    let jeudi = timex_before(&xs, t, " à Genève");
    assert_eq!(
        (jeudi.span.slice(t), jeudi.value.as_str()),
        ("jeudi", "2020-10-29")
    );
    assert_eq!(value_of(&xs, t, "deux jours"), "P2D");
}

#[test]
fn seed_000_depuis_marks_an_interval_start() {
    let t = SEED_000;
    let xs = tag(t, "2020-10-29");
    // "jusqu'à présent" is an end; the dates after "depuis" are starts.
    for x in xs
        .iter()
        .filter(|x| x.interval.is_some() && x.family != Family::Reference)
    {
        assert_eq!(x.interval, Some(IntervalEdge::Start), "{}", x.span.slice(t));
    }
    let years: Vec<_> = xs
        .iter()
        .filter(|x| x.interval == Some(IntervalEdge::Start) && x.granularity == Granularity::Year)
        .map(|x| x.value.as_str())
        .collect();
    assert!(years.contains(&"1992"), "{years:?}");
}

#[test]
fn phrases_from_seed_000_in_isolation() {
    let t = "Les combats ont repris depuis le 27 septembre. Le 17 octobre, un cessez-le-feu a été signé. Les deux ministres se rendront jeudi à Genève.";
    let xs = tag(t, "2020-10-28");
    let x = find(&xs, t, "le 27 septembre")[0];
    assert_eq!(
        (x.value.as_str(), x.interval),
        ("2020-09-27", Some(IntervalEdge::Start))
    );
    assert_eq!(value_of(&xs, t, "Le 17 octobre"), "2020-10-17");
    // Future tense: the next Thursday after Wednesday 28.
    assert_eq!(value_of(&xs, t, "jeudi"), "2020-10-29");
}

#[test]
fn seed_004_season_years_and_durations() {
    let t = SEED_004;
    let xs = tag(t, "2020-11-12");
    assert!(!find(&xs, t, "l'automne 2020").is_empty() || !find(&xs, t, "automne 2020").is_empty());
    assert!(xs.iter().any(|x| x.value == "2020-FA"));
    let d = find(&xs, t, "1991");
    assert!(
        d.iter().any(|x| x.interval == Some(IntervalEdge::Start)),
        "{d:?}"
    );
    let h = find(&xs, t, "24 heures")[0];
    assert_eq!((h.kind, h.value.as_str()), (TimexKind::Duration, "PT24H"));
    // "a été" is a verb, not the summer.
    assert!(xs.iter().all(|x| !x.value.ends_with("-SU")));
}

#[test]
fn month_only_anchor_coarsens_weekdays_and_keeps_dates() {
    for seed in [SEED_002, SEED_003] {
        let xs = tag(seed, "2020-10");
        let weekdays: Vec<_> = xs
            .iter()
            .filter(|x| x.family == Family::Relative && x.kind != TimexKind::Time)
            .collect();
        assert!(!weekdays.is_empty());
        for x in weekdays {
            assert!(x.coarsened, "{}", x.span.slice(seed));
            assert_eq!(x.value, "2020-10");
            assert_eq!(x.granularity, Granularity::Month);
        }
    }
    let t = "Le 17 octobre, vendredi soir, les combats ont repris.";
    let xs = tag(t, "2020-10");
    assert_eq!(value_of(&xs, t, "Le 17 octobre"), "2020-10-17");
    assert!(find(&xs, t, "vendredi soir")[0].coarsened);
}

#[test]
fn english_weekday_in_a_gva_style_article() {
    let t = "A man was shot Wednesday night outside a bar, police said. Two days ago a suspect was arrested; officers will return next week.";
    let xs = DateTagger::default().tag(t, date("2014-01-31"), "en");
    let x = find(&xs, t, "Wednesday night")[0];
    assert_eq!(
        (x.kind, x.value.as_str()),
        (TimexKind::Time, "2014-01-29TNI")
    );
    assert_eq!(value_of(&xs, t, "Two days ago"), "2014-01-29");
    assert_eq!(value_of(&xs, t, "next week"), "2014-W06");
}

#[test]
fn relative_words_and_periods() {
    let t = "Hier soir, avant-hier, aujourd'hui, demain, la semaine dernière, le mois prochain, \
             il y a trois jours, dans deux semaines, lundi dernier, l'an dernier, en octobre, \
             fin septembre, début 2021, le XXe siècle, 44 jours, un demi-siècle, chaque année, \
             le 1er janvier, 28 octobre 2020, le mercredi 28 octobre, 10/28/2020, 28/10/2020, \
             vers 15 h 30, maintenant.";
    let xs = tag(t, "2020-10-29");
    let expect = [
        ("Hier soir", "2020-10-28TEV"),
        ("avant-hier", "2020-10-27"),
        ("aujourd'hui", "2020-10-29"),
        ("demain", "2020-10-30"),
        ("la semaine dernière", "2020-W43"),
        ("le mois prochain", "2020-11"),
        ("il y a trois jours", "2020-10-26"),
        ("dans deux semaines", "2020-W46"),
        ("lundi dernier", "2020-10-26"),
        ("l'an dernier", "2019"),
        ("octobre", "2020-10"),
        ("fin septembre", "2020-09"),
        ("début 2021", "2021"),
        ("le XXe siècle", "19"),
        ("44 jours", "P44D"),
        ("un demi-siècle", "P50Y"),
        ("chaque année", "P1Y"),
        // No tense: news looks back unless the date is far behind.
        ("le 1er janvier", "2020-01-01"),
        ("28 octobre 2020", "2020-10-28"),
        ("le mercredi 28 octobre", "2020-10-28"),
        ("10/28/2020", "2020-10-28"),
        ("28/10/2020", "2020-10-28"),
        ("vers 15 h 30", "2020-10-28T15:30"), // the last day written: 28/10/2020
        ("maintenant", "PRESENT_REF"),
    ];
    for (phrase, value) in expect {
        assert_eq!(value_of(&xs, t, phrase), value, "{phrase}");
    }
    // 05/10/2020 could be either order: not tagged.
    assert!(tag("le 05/10/2020", "2020-10-29").is_empty());
}

#[test]
fn ages_and_counts_are_not_dates() {
    let t =
        "Théodore Monod, 97 ans, a jeûné. Agée de 90 ans, elle est morte. 2000 personnes ont fui.";
    let xs = tag(t, "1999-08-07");
    assert!(xs.is_empty(), "{xs:?}");
}

#[test]
fn clock_times_take_the_last_day_mentioned() {
    let t = "Le drame s'est produit hier. Les secours sont arrivés à 18 h.";
    let xs = tag(t, "1999-05-21");
    assert_eq!(value_of(&xs, t, "18 h"), "1999-05-20T18:00");
    let t = "Hier à 10 h, le conseil s'est réuni.";
    assert_eq!(
        value_of(&tag(t, "1999-09-04"), t, "Hier à 10 h"),
        "1999-09-03T10:00"
    );
}

#[test]
fn no_anchor_gives_underspecified_values() {
    let t = "mercredi, hier et le 17 octobre";
    let xs = DateTagger::default().tag(t, None, "fr");
    assert_eq!(value_of(&xs, t, "mercredi"), "XXXX-WXX-3");
    assert_eq!(value_of(&xs, t, "le 17 octobre"), "XXXX-10-17");
    assert!(xs.iter().all(|x| x.coarsened));
}

#[test]
fn infers_the_document_date_from_a_weekday_with_a_date() {
    let t = "Les combats ont repris le 27 septembre. Mercredi 28 octobre, Barda a été frappée.";
    let xs = tag(t, "2020-10");
    let (d, ev) = infer_document_date(t, &xs).expect("a date");
    assert_eq!(d.to_string(), "2020-10-28");
    assert_eq!(ev.rule, InferenceRule::WeekdayWithDate);
    assert_eq!(ev.span.slice(t), "Mercredi 28 octobre");
    let t = "Le 3 octobre puis le 12 octobre, des frappes.";
    let (d, ev) = infer_document_date(t, &tag(t, "2020-10")).expect("a date");
    assert_eq!(
        (d.to_string().as_str(), ev.rule),
        ("2020-10-12", InferenceRule::LatestFullDate)
    );
    assert!(infer_document_date("hier", &tag("hier", "2020-10")).is_none());
}

#[test]
fn starters_are_sorted_for_binary_search() {
    assert!(STARTERS.windows(2).all(|w| w[0] < w[1]));
    let t = "Oct. 28, maintenant";
    let xs = DateTagger::default().tag(t, date("2020-10-29"), "en");
    assert_eq!(value_of(&xs, t, "Oct. 28"), "2020-10-28");
    assert_eq!(value_of(&xs, t, "maintenant"), "PRESENT_REF");
}

proptest! {
    #[test]
    fn spans_slice_back_and_tagging_never_panics(text in "\\PC{0,200}", day in 1u8..=28) {
        let anchor = PartialDate::day(2020, 10, day);
        for lang in ["fr", "en"] {
            let xs = DateTagger::default().tag(&text, anchor, lang);
            let mut prev_end = 0;
            for x in &xs {
                prop_assert!(x.span.get(&text).is_some());
                prop_assert!(x.span.start as usize >= prev_end && !x.span.is_empty());
                prev_end = x.span.end as usize;
            }
        }
    }

    #[test]
    fn temporal_words_in_random_order_never_panic(words in proptest::collection::vec(
        prop::sample::select(vec!["le", "17", "octobre", "2020", "hier", "soir", "il", "y", "a",
            "trois", "jours", "mercredi", "dernier", "à", "14", "h", "30", "/", "-", "'", "l",
            "automne", "les", "années", "1990", "depuis", "du", "au", "vingt", "quatre", "XXe",
            "siècle", "ces", "derniers", "dans", "deux", "semaines", "ago", "p", ".", "m", ":"]), 0..30),
        anchor in prop::option::of(prop::sample::select(vec!["2020", "2020-10", "2020-10-29", "2020-02-29"]))) {
        let text = words.join(" ");
        let xs = DateTagger::default().tag(&text, anchor.and_then(date), "fr");
        for x in &xs {
            prop_assert!(x.span.get(&text).is_some());
        }
    }
}

#[test]
fn a_wars_age_and_written_dates_bound_an_undated_document() {
    let t = "L'Azerbaïdjan a accusé mercredi l'Arménie, le pire bilan en un mois de combats. \
             La mort de 13 personnes le 17 octobre. Depuis la reprise des combats le 27 septembre.";
    let xs = tag(t, "2020-10");
    let b = lower_bound(t, &xs).expect("a bound");
    // 27 September + one month is later than 17 October
    assert_eq!(b.not_before.to_string(), "2020-10-27");
    assert_eq!(b.rule, BoundRule::StartPlusDuration);
    let (wd, span) = lead_weekday(t, &xs).expect("a weekday");
    assert_eq!((wd, span.get(t)), (3, Some("mercredi")));
    assert_eq!(
        first_weekday_from(b.not_before, wd).unwrap().to_string(),
        "2020-10-28"
    );
    // a Wednesday bound is its own first Wednesday
    let wed = "2020-10-28".parse().unwrap();
    assert_eq!(first_weekday_from(wed, 3), Some(wed));
}

#[test]
fn a_duration_without_fighting_or_a_start_bounds_nothing() {
    let t = "Un mois de vacances, puis mercredi la rentrée.";
    assert_eq!(lower_bound(t, &tag(t, "2020-10")), None);
    let t = "Après 44 jours de combats, mercredi, la paix.";
    assert_eq!(lower_bound(t, &tag(t, "2020-10")), None);
}

#[test]
fn seed_000_is_bounded_to_the_barda_wednesday() {
    let xs = tag(SEED_000, "2020-10");
    let b = lower_bound(SEED_000, &xs).expect("a bound");
    let (wd, _) = lead_weekday(SEED_000, &xs).expect("a weekday");
    assert_eq!(
        first_weekday_from(b.not_before, wd).unwrap().to_string(),
        "2020-10-28"
    );
}
