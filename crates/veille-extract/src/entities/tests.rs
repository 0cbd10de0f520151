use super::*;

fn tag(text: &str) -> Vec<Mention> {
    let (_, sentences) = veille_text::SentenceSplitter::for_lang("fr").split(text);
    let spans: Vec<Span> = sentences.iter().map(|s| s.span).collect();
    EntityTagger::new().tag(text, &spans, "fr")
}

fn find<'a>(found: &'a [Mention], text: &str, surface: &str) -> &'a Mention {
    found
        .iter()
        .find(|m| &text[m.span.range()] == surface)
        .unwrap_or_else(|| {
            panic!(
                "{surface} not found in {:?}",
                found
                    .iter()
                    .map(|m| &text[m.span.range()])
                    .collect::<Vec<_>>()
            )
        })
}

#[test]
fn persons_with_titles_roles_and_short_forms() {
    let text = "Le Premier ministre arménien Nikol Pachinian a répondu. M. Pachinian a ajouté que Mme Merkel était informée.";
    let found = tag(text);
    let full = find(&found, text, "Nikol Pachinian");
    assert_eq!(full.kind, EntityKind::Person);
    assert_eq!(
        full.role.map(|r| &text[r.range()]),
        Some("Premier ministre arménien")
    );
    assert_eq!(full.country.as_deref(), Some("AM"));
    let short = find(&found, text, "Pachinian");
    assert_eq!(
        (short.key.as_str(), short.canonical.as_str()),
        (full.key.as_str(), "Nikol Pachinian")
    );
    assert_eq!(short.title.map(|t| &text[t.range()]), Some("M"));
    assert_eq!(find(&found, text, "Merkel").kind, EntityKind::Person);
}

#[test]
fn roles_in_apposition() {
    let text =
        "Hikmet Hajiyev, conseiller du président azerbaïdjanais Ilham Aliev, a accusé Erevan.";
    let found = tag(text);
    let h = find(&found, text, "Hikmet Hajiyev");
    assert_eq!(
        h.role.map(|r| &text[r.range()]),
        Some("conseiller du président azerbaïdjanais")
    );
    assert_eq!(h.country.as_deref(), Some("AZ"));
    let a = find(&found, text, "Ilham Aliev");
    assert_eq!(
        a.role.map(|r| &text[r.range()]),
        Some("président azerbaïdjanais")
    );
}

#[test]
fn organisations_by_head_tail_and_acronym() {
    let text =
        "Le ministère arménien de la Défense a cité l'ONU et le Conseil de l'Europe, selon l'AFP.";
    let found = tag(text);
    assert_eq!(
        find(&found, text, "ministère arménien de la Défense").kind,
        EntityKind::Organisation
    );
    assert_eq!(find(&found, text, "ONU").kind, EntityKind::Organisation);
    assert_eq!(find(&found, text, "AFP").kind, EntityKind::Organisation);
    assert_eq!(
        find(&found, text, "Conseil de l'Europe").kind,
        EntityKind::Organisation
    );
}

#[test]
fn places_are_chosen_by_the_countries_of_the_document() {
    let text = "L'Azerbaïdjan accuse l'Arménie. Des tirs ont visé Barda.";
    let barda = tag(text)
        .into_iter()
        .find(|m| &text[m.span.range()] == "Barda")
        .unwrap();
    let place = barda.place.unwrap();
    assert_eq!(
        (place.country.as_str(), place.precision),
        ("AZ", Precision::City)
    );
    let text = "La Russie et le Bachkortostan. Le village de Barda, en Russie, est calme.";
    let barda = tag(text)
        .into_iter()
        .find(|m| &text[m.span.range()] == "Barda")
        .unwrap();
    assert_eq!(barda.place.unwrap().country, "RU");
}

#[test]
fn demonyms_and_capitals_name_countries() {
    let text = "Bakou a démenti. Les forces arméniennes sont entrées à Erevan.";
    let found = tag(text);
    let baku = find(&found, text, "Bakou");
    assert_eq!((baku.via, baku.key.as_str()), (Via::Metonym, "country:AZ"));
    let arm = find(&found, text, "arméniennes");
    assert_eq!((arm.via, arm.key.as_str()), (Via::Demonym, "country:AM"));
    let erevan = find(&found, text, "Erevan");
    assert_eq!(
        (erevan.via, erevan.place.as_ref().unwrap().name.as_str()),
        (Via::Name, "Yerevan")
    );
}

#[test]
fn sentence_openers_are_not_names() {
    let text = "Mardi, les combats ont repris. Selon lui, rien. Ces accusations sont fausses.";
    assert!(tag(text).is_empty(), "{:?}", tag(text));
}

#[test]
fn mentions_slice_back_on_char_boundaries() {
    let text = "Ça « Erevan » — Ünal Çelik, président de l'Université d'Istanbul.";
    for m in tag(text) {
        assert!(text.get(m.span.range()).is_some());
    }
}

proptest::proptest! {
    #[test]
    fn spans_slice_back(s in "[A-Za-zÉéèàçÇ'’., «»\\-]{0,120}") {
        let found = tag(&s);
        for m in &found {
            proptest::prop_assert!(s.get(m.span.range()).is_some());
            proptest::prop_assert!(!m.key.is_empty());
        }
    }
}

#[test]
fn platforms_are_organisations_not_places() {
    let text = "Le ministère a publié sur Twitter une vidéo, reprise sur Facebook.";
    let found = tag(text);
    for name in ["Twitter", "Facebook"] {
        assert_eq!(find(&found, text, name).kind, EntityKind::Organisation);
        assert!(find(&found, text, name).place.is_none());
    }
}

#[test]
fn regions_get_a_point_with_region_precision() {
    let rules = EntityTagger::rules_only();
    let tag = |text: &str| {
        let (_, sentences) = veille_text::SentenceSplitter::for_lang("fr").split(text);
        let spans: Vec<Span> = sentences.iter().map(|s| s.span).collect();
        rules.tag(text, &spans, "fr")
    };
    let text = "La France a été touchée par les orages. Les pompiers sont intervenus en Lorraine.";
    let found = tag(text);
    let lorraine = find(&found, text, "Lorraine");
    let place = lorraine.place.as_ref().expect("a point");
    assert_eq!(place.precision, Precision::Region);
    assert_eq!(
        (place.country.as_str(), lorraine.kind),
        ("FR", EntityKind::Place)
    );
    assert!((48.0..50.0).contains(&place.lat) && (5.0..7.5).contains(&place.lon));
    assert_eq!(lorraine.key, "region:FR:loraine"); // the transliteration key
                                                   // the Quebec town when the dispatch is about Canada
    let text = "Le Canada a été touché par les orages. Les pompiers sont intervenus à Lorraine.";
    let found = tag(text);
    let place = find(&found, text, "Lorraine")
        .place
        .as_ref()
        .expect("a point");
    assert_eq!(
        (place.precision, place.country.as_str()),
        (Precision::City, "CA")
    );
}

#[test]
fn a_town_after_a_role_and_de_is_the_roles_place_not_a_person() {
    let text = "L'ancien maire de Londres a parlé. L'adjointe au maire de Moscou, Anastasia Rakova, a répondu. Le général de Gaulle avait prévenu.";
    let found = tag(text);
    let london = find(&found, text, "Londres");
    assert_eq!(london.kind, EntityKind::Place);
    assert_eq!(london.country.as_deref(), Some("GB"));
    let moscow = find(&found, text, "Moscou");
    assert_eq!(moscow.kind, EntityKind::Place);
    assert_eq!(moscow.country.as_deref(), Some("RU"));
    assert_eq!(
        find(&found, text, "Anastasia Rakova").kind,
        EntityKind::Person
    );
    // a name particle before a name that is no town stays a person's
    let gaulle = found
        .iter()
        .find(|m| text[m.span.range()].contains("Gaulle"))
        .expect("de Gaulle");
    assert_eq!(gaulle.kind, EntityKind::Person);
}

#[test]
fn parties_to_conflicts_named_by_one_word_are_organisations() {
    let text =
        "Le chef du Hamas a parlé. Le Hezbollah et Daech ont répondu, puis l'Otan et l'Unicef.";
    let found = tag(text);
    for name in ["Hamas", "Hezbollah", "Daech", "Otan", "Unicef"] {
        assert_eq!(
            find(&found, text, name).kind,
            EntityKind::Organisation,
            "{name}"
        );
    }
}

#[test]
fn a_body_of_a_city_is_no_person_and_leaves_the_city_a_place() {
    let text = "Le président de l'Olympique de Marseille a parlé. Selon l'Assistance publique-Hôpitaux de Paris, rien. Marseille et Paris sont calmes. Le général de Gaulle et Dominique de Villepin ont parlé.";
    let found = tag(text);
    for name in ["Olympique de Marseille", "Hôpitaux de Paris"] {
        assert_eq!(
            find(&found, text, name).kind,
            EntityKind::Organisation,
            "{name}"
        );
    }
    let marseille = found
        .iter()
        .find(|m| &text[m.span.range()] == "Marseille")
        .expect("Marseille alone");
    assert_eq!(marseille.kind, EntityKind::Place);
    assert_eq!(
        find(&found, text, "Dominique de Villepin").kind,
        EntityKind::Person
    );
}
