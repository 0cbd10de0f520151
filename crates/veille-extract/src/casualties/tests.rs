use super::*;

fn claims(text: &str) -> Vec<CasualtyClaim> {
    extract_casualties(&SentenceInput::alone(text, "fr"))
}

fn summary(text: &str) -> Vec<(CasualtyKind, u64, Option<u64>)> {
    claims(text)
        .iter()
        .map(|c| (c.kind, c.min, c.max))
        .collect()
}

use CasualtyKind::*;

#[test]
fn reads_verbs_before_and_carries_victims() {
    let c = claims("Selon le bureau du Procureur général azerbaïdjanais, cette frappe a visé un quartier commerçant et peuplé, tuant 21 civils et en blessant au moins 70.");
    assert_eq!(c.len(), 2);
    assert_eq!((c[0].kind, c[0].min, c[0].max), (Killed, 21, Some(21)));
    assert_eq!((c[1].kind, c[1].min, c[1].max), (Injured, 70, None));
    assert_eq!(c[1].victims.category, Some(VictimCategory::Civilian));
    assert_eq!(
        c[0].claimed_by.as_ref().map(|x| x.text.as_str()),
        Some("le bureau du Procureur général azerbaïdjanais")
    );
}

#[test]
fn reads_passives_across_coordination() {
    let c = claims("Selon des bilans officiels, depuis la reprise du conflit le 27 septembre, 19 civils arméniens et 26 azerbaïdjanais ont été tués, dont 5 et 11 respectivement depuis dimanche.");
    let s: Vec<_> = c
        .iter()
        .map(|c| (c.kind, c.min, c.victims.side.clone()))
        .collect();
    assert_eq!(
        s,
        [
            (Killed, 19, Some("arméniens".into())),
            (Killed, 26, Some("azerbaïdjanais".into())),
            (Killed, 5, Some("arméniens".into())),
            (Killed, 11, Some("azerbaïdjanais".into())),
        ]
    );
    assert!(c.iter().all(|c| c.cumulative));
    assert!(c
        .iter()
        .all(|c| c.victims.category == Some(VictimCategory::Civilian)));
}

#[test]
fn each_figure_keeps_the_date_phrase_closest_to_it() {
    let text = "Selon des bilans officiels, depuis la reprise du conflit le 27 septembre, 19 civils arméniens et 26 azerbaïdjanais ont été tués, dont 5 et 11 respectivement depuis dimanche.";
    let dates: Vec<&str> = claims(text)
        .iter()
        .map(|c| c.date_text.and_then(|d| d.get(text)).unwrap_or(""))
        .collect();
    assert_eq!(
        dates,
        ["le 27 septembre", "le 27 septembre", "dimanche", "dimanche"]
    );
}

/// The claimant of the first figure of `text`.
fn claimant_of(text: &str) -> Option<String> {
    claims(text)
        .first()
        .and_then(|c| c.claimed_by.as_ref().map(|x| x.text.clone()))
}

#[test]
fn postposed_claimants_lose_addressee_dates_and_counts() {
    for (text, who) in [
        // an addressee before the subject
        ("Trois personnes ont été tuées, a déclaré à l'AFP son ministre chargé des catastrophes.", Some("son ministre chargé des catastrophes")),
        ("Un homme est décédé, a indiqué à Pékin un porte-parole de la diplomatie.", Some("un porte-parole de la diplomatie")),
        ("Plus de 80 décès ont été causés, a précisé à l'AFP Sand Jamil, à la tête du service.", Some("Sand Jamil")),
        // dates before or after it
        ("Deux gendarmes ont été blessés dimanche soir, rapporte Le Télégramme lundi 2 octobre.", Some("Le Télégramme")),
        ("950 personnes ont été blessées, a annoncé mardi 19 mai le secrétaire d'État aux Transports.", Some("le secrétaire d'État aux Transports")),
        ("Deux policiers ont été blessés vendredi, indique samedi 6 janvier Le Parisien.", Some("Le Parisien")),
        ("Près de 2.000 personnes sont décédées, selon les chiffres communiqués vendredi 27 mars.", Some("les chiffres communiqués")),
        ("Le séisme a fait au moins 35 morts, annoncent les autorités dimanche après avoir évoqué 31 morts.", Some("les autorités")),
        // a count or a period after it
        ("Le génocide fit selon l'ONU au moins 800.000 morts d'avril à juillet 1994.", Some("l'ONU")),
        ("Le génocide a fait 800.000 morts selon l'ONU entre avril et juillet 1994.", Some("l'ONU")),
        ("Deux hommes ont été tués, a annoncé ce vendredi 14 décembre le parquet de Paris.", Some("le parquet de Paris")),
        ("Deux morts, a déclaré à BFM TV la chercheuse de l'Inserm.", Some("la chercheuse de l'Inserm")),
        ("Quinze morts ont été recensés, a signalé dans la presse son directeur médical.", Some("son directeur médical")),
        ("Le ministère de la Santé, dans un communiqué, a également fait état de 80 blessés.", Some("Le ministère de la Santé")),
        ("Un pompier a été blessé, a indiqué dans un communiqué commun Anne Dupont, préfète.", Some("Anne Dupont")),
        ("\"Elle est décédée samedi\", a indiqué à un journaliste de l'AFP son attaché de presse.", Some("son attaché de presse")),
        ("Le gouvernement accuse le groupe d'avoir tué 20 civils.", Some("Le gouvernement")),
        // a number in a name stays
        ("Deux personnes ont été tuées dans les inondations, selon les informations d'Europe 1.", Some("les informations d'Europe 1")),
        // a time of day before the subject
        ("Douze passagers sont décédés, ont indiqué dans la soirée les autorités de cet Etat.", Some("les autorités de cet Etat")),
        // `quant à lui`
        ("\"La crise est gérée\", a quant à lui affirmé le chef du gouvernement, avec plus de 45.000 morts.", Some("le chef du gouvernement")),
        // a manner, a place, a count: no claimant
        ("Un soldat est mort, a-t-il ajouté en soulignant que le soldat portait son casque.", None),
        ("Il a annoncé 429 nouveaux cas et 13 décès lundi.", None),
        ("Trois personnes ont été tuées dans l'après-midi, a-t-on appris.", None),
    ] {
        assert_eq!(claimant_of(text).as_deref(), who, "{text}");
    }
}

#[test]
fn subjects_before_an_apposition_claim() {
    for (text, who) in [
        // a title, then the name
        ("Le gouverneur du Texas, Greg Abbott, a confirmé à CNN la mort de 10 personnes.", Some("Le gouverneur du Texas, Greg Abbott")),
        ("Le porte-parole de la police, Mathapelo Peters, a déclaré que cinq personnes avaient été tuées.", Some("Le porte-parole de la police, Mathapelo Peters")),
        // a name, then the title
        ("Greg Abbott, gouverneur du Texas, a annoncé la mort de 10 personnes.", Some("Greg Abbott")),
        // a participle or adjective phrase
        ("Un porte-parole de l'établissement, joint par l'AFP, a confirmé 29 décès.", Some("Un porte-parole de l'établissement")),
        ("Le parquet fédéral belge, compétent en matière de terrorisme, a annoncé que trois personnes avaient été tuées.", Some("Le parquet fédéral belge")),
        // no noun phrase first: a date, a clause
        ("Samedi, à Kaboul, a été annoncée la mort de trois soldats.", None),
        ("Lundi soir, vers 22 heures, ont été annoncés 12 morts.", None),
        // the subject after a verb in the present: what comes before is reported
        ("Pourtant, trois blessés ont été hospitalisés, explique Le Parisien.", Some("Le Parisien")),
        ("Une fois au volant, deux passagers ont été blessés, précise RTL.", Some("RTL")),
        ("Les deux blessés, des adolescents, sont sortis de l'hôpital, assure La Voix du Nord.", Some("La Voix du Nord")),
        ("Néanmoins, 2.596 patients sont morts, affirment les syndicats.", Some("les syndicats")),
        // with content or an object after it, the phrase before is the subject
        ("Le syndicat, minoritaire dans la région, indique que deux personnes ont été blessées.", Some("Le syndicat")),
        ("Syreeta Polley, 39 ans, évoque la mort de deux personnes en 2016, tuées par un policier.", Some("Syreeta Polley")),
        // a title with its determiner, then the name
        ("La PDG, Emma Cowdroy, a annoncé la mort de deux salariés.", Some("La PDG, Emma Cowdroy")),
        // two clauses joined, not an apposition
        ("L'épidémie a tué 20 personnes, mais elle recule, a expliqué le directeur général de la santé.", Some("le directeur général de la santé")),
        // a connective before the subject
        ("Mais Benny Gantz, un ancien chef d'état-major, a indiqué que deux soldats avaient été tués.", Some("Benny Gantz")),
    ] {
        assert_eq!(claimant_of(text).as_deref(), who, "{text}");
    }
}

#[test]
fn nouns_after_counts() {
    assert_eq!(
        summary("l'opération a fait au moins 200 morts et 400 blessés."),
        [(Killed, 200, None), (Injured, 400, Some(400))]
    );
    assert_eq!(summary("Le bilan officiel est monté à plus de 400 morts, dont 22 civils arméniens et 31 azerbaïdjanais."),
        [(Killed, 401, None), (Killed, 22, Some(22)), (Killed, 31, Some(31))]);
}

#[test]
fn fraction_of_a_population_displaced() {
    let c = claims("Selon les autorités séparatistes, la moitié des 140.000 habitants du Nagorny Karabakh ont déjà été déplacés par ces affrontements.");
    assert_eq!(c.len(), 1);
    assert_eq!((c[0].kind, c[0].min), (Displaced, 70_000));
    assert_eq!(
        c[0].claimed_by.as_ref().map(|x| x.text.as_str()),
        Some("les autorités séparatistes")
    );
}

#[test]
fn traps_stay_out() {
    for t in [
        "une fillette de deux ans a été tuée",
        "l'opération qui s'est achevée en 24 heures",
        "une ville à 295 km à l'ouest",
        "Arkady Balayan, pharmacien de 32 ans, a été blessé",
        "préparée pour accueillir 40.000 familles de réfugiés",
        "un départ massif des 120.000 habitants",
        "au terme de 44 jours de combats",
        "la capitale touchée par des dizaines de missiles",
        "son armée avait capturé 13 villages",
        "A 25-year-old man was shot in the 4800 block of Main Street",
        "Le Brésil déplore 478 morts par million d'habitants",
        "la moyenne nationale est de 10,4 morts pour 100.000 habitants",
        "The state reports 30 deaths per 100,000 people",
        "un poste sanitaire mobile permettant la prise en charge de 500 blessés",
        "l'hôpital rémois va permettre la prise en charge d'environ 300 blessés",
        "a field hospital with a capacity of 200 wounded",
    ] {
        let got: Vec<u64> = claims(t).iter().map(|c| c.min).filter(|&m| m > 1).collect();
        assert!(got.is_empty(), "{t}: {got:?}");
    }
    // a number glued to a name is part of it
    for (t, n) in [
        (
            "En France, l'épidémie de Covid-19 a tué 21340 personnes depuis début mars",
            21340,
        ),
        (
            "Le Covid-19 a tué 10.167 personnes depuis le début de l'épidémie",
            10167,
        ),
    ] {
        let got: Vec<u64> = claims(t).iter().map(|c| c.min).collect();
        assert_eq!(got, [n], "{t}");
    }
    // a reflexive `se déplacer` travels
    assert!(claims("l'Oklahoma, où s'est déplacé samedi Donald Trump").is_empty());
    // a count in a population, or per a number of cases, is still a count
    for (t, n) in [
        ("Washington compte 264 morts pour 700.000 habitants", 264),
        (
            "10.105 personnes sont mortes pour 295.508 cas dépistés",
            10105,
        ),
    ] {
        let got: Vec<u64> = claims(t).iter().map(|c| c.min).collect();
        assert!(got.contains(&n), "{t}: {got:?}");
    }
}

#[test]
fn english_reports() {
    assert_eq!(
        summary("Two people were killed and three others wounded in the shooting, police said."),
        [(Killed, 2, Some(2)), (Injured, 3, Some(3))]
    );
    assert_eq!(
        summary("A 25-year-old man was shot and killed Saturday night."),
        [(Killed, 1, Some(1))]
    );
    assert_eq!(
        summary("A woman was shot in the leg."),
        [(Injured, 1, Some(1))]
    );
    assert_eq!(
        summary("The gunman opened fire, killing two and injuring four."),
        [(Killed, 2, Some(2)), (Injured, 4, Some(4))]
    );
    // a verb across `and` gives way to the figure's own participle
    assert_eq!(
        summary("A man was killed and two others were wounded in the shooting."),
        [(Killed, 1, Some(1)), (Injured, 2, Some(2))]
    );
    let c = claims("Two people were killed, police said.");
    assert_eq!(
        c[0].claimed_by.as_ref().map(|x| x.text.as_str()),
        Some("police")
    );
}

#[test]
fn accusations_name_the_accused() {
    let c = claims("L’Azerbaïdjan a accusé mercredi l'Arménie d'avoir tué 21 personnes et blessé des dizaines d'autres.");
    assert_eq!(summary("L’Azerbaïdjan a accusé mercredi l'Arménie d'avoir tué 21 personnes et blessé des dizaines d'autres."), [(Killed, 21, Some(21)), (Injured, 20, Some(99))]);
    assert_eq!(
        c[0].accused.as_ref().map(|x| x.text.as_str()),
        Some("l'Arménie")
    );
    assert_eq!(
        c[0].claimed_by.as_ref().map(|x| x.text.as_str()),
        Some("L’Azerbaïdjan")
    );
}

#[test]
fn spans_are_offset_into_the_document() {
    let doc = "Titre. Deux civils ont été tués à Barda.";
    let input = SentenceInput {
        text: &doc[7..],
        span: Span::new(7, doc.len()),
        previous: None,
        title: None,
        lang: "fr",
    };
    let c = extract_casualties(&input);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].span.slice(doc), "Deux civils");
    assert_eq!(c[0].place.as_deref(), Some("Barda"));
}

proptest::proptest! {
    #[test]
    fn spans_slice_back(s in "\\PC{0,200}") {
        let pre = "Préambule. ";
        let doc = format!("{pre}{s}");
        let input = SentenceInput { text: &doc[pre.len()..], span: Span::new(pre.len(), doc.len()), previous: None, title: None, lang: "fr" };
        for c in extract_casualties(&input) {
            proptest::prop_assert!(input.span.contains(c.span));
            proptest::prop_assert!(c.span.get(&doc).is_some());
            if let Some(d) = c.date_text { proptest::prop_assert!(d.get(&doc).is_some() && input.span.contains(d)); }
            for p in [&c.claimed_by, &c.accused].into_iter().flatten() {
                proptest::prop_assert_eq!(p.span.get(&doc), Some(p.text.as_str()));
            }
        }
    }

    #[test]
    fn casualty_words_never_panic(words in proptest::collection::vec(proptest::sample::select(vec![
        "tués", "morts", "au", "moins", "plus", "de", "la", "moitié", "des", "21", "5 000", "1.120", "civils",
        "ont", "été", "dont", "et", "respectivement", "selon", "X", ",", "a", "accusé", "killed", "were", "two",
        "dizaines", "une", "centaine", "ans", "mille", "cent", "vingt", "quatre", "was", "shot", "and", "died", "« »", "\"",
    ]), 0..30)) {
        let s = words.join(" ");
        let _ = extract_casualties(&SentenceInput::alone(&s, "fr"));
    }
}

#[test]
fn reads_singular_injury_states() {
    let en = |t: &str| -> Vec<(CasualtyKind, u64, bool)> {
        extract_casualties(&SentenceInput::alone(t, "en"))
            .iter()
            .map(|c| (c.kind, c.min, c.implicit))
            .collect()
    };
    assert_eq!(
        en("The boy was taken to a hospital in critical condition."),
        [(Injured, 1, true)]
    );
    assert_eq!(
        en("Police found a man suffering from a gunshot wound to the leg."),
        [(Injured, 1, true)]
    );
    assert_eq!(
        en("A 2-year-old boy was struck by gunfire near the park."),
        [(Injured, 1, true)]
    );
    // a condition that is not a victim's, a wound that is not a gunshot
    assert!(en("The road was in poor condition.").is_empty());
    assert!(en("The council met on Tuesday in good condition.").is_empty());
}

#[test]
fn coordinated_victims_are_two() {
    let en = |t: &str| -> Vec<(CasualtyKind, u64)> {
        extract_casualties(&SentenceInput::alone(t, "en"))
            .iter()
            .map(|c| (c.kind, c.min))
            .collect()
    };
    assert_eq!(
        en("A man and a child were injured Friday during an exchange of gunfire."),
        [(Injured, 2)]
    );
    assert_eq!(
        en("Man, teenager injured in South Philadelphia shooting"),
        [(Injured, 2)]
    );
    assert_eq!(
        en("A man and a woman were shot and killed on Main Street."),
        [(Killed, 2)]
    );
    // not a pair: one victim, three victims, an arrest
    assert_eq!(
        en("A man was injured Friday in a shooting."),
        [(Injured, 1)]
    );
    assert!(!en("A man, a woman and a boy were injured.").contains(&(Injured, 2)));
    assert!(en("The suspect and his girlfriend were taken into custody.").is_empty());
}

#[test]
fn a_day_between_the_verb_and_the_count_and_at_least_one() {
    // the weekday between `a tué` and the count; the man who killed is no victim
    assert_eq!(
        summary("Il s'exprimait après qu'un homme blanc a tué samedi 20 personnes dans un hypermarché d'El Paso."),
        [(Killed, 20, Some(20))]
    );
    assert_eq!(
        summary("Les frappes ont blessé hier soir 12 civils."),
        [(Injured, 12, Some(12))]
    );
    assert_eq!(
        summary("Un homme a tué par balles trois personnes mardi à Liège."),
        [(Killed, 3, Some(3))]
    );
    // an agreed participle after `avoir` is a passive with `été` left out
    assert_eq!(
        summary("Trois personnes ont blessées."),
        [(Injured, 3, Some(3))]
    );
    assert_eq!(
        summary("Des policiers ont évacué les habitants de l'immeuble."),
        []
    );
    // `au moins une personne` is one or more
    assert_eq!(
        summary("Au moins une personne a été tuée par balle, ont affirmé des manifestants."),
        [(Killed, 1, None)]
    );
}

#[test]
fn a_nationality_after_the_kind_is_the_victims_side() {
    let t = "On dénombre également 93 blessés de nationalité française parmi les plus de 6.500 blessés recensés.";
    let got = claims(t);
    let c = got.iter().find(|c| c.min == 93).expect("93 injured");
    assert_eq!(c.victims.side.as_deref(), Some("française"));
    // the whole the part is taken from has no such side
    let all = got.iter().find(|c| c.min > 6_000).expect("6,500 injured");
    assert_eq!(all.victims.side, None, "{got:?}");
    // a verb of ability before a clause of harm: a count
    let t = "Cette mesure doit permettre de freiner l'épidémie qui a tué plus de 30.000 personnes.";
    assert!(claims(t).iter().any(|c| c.min > 30_000), "{:?}", claims(t));
    // a capacity word outside the count's clause does not hide it
    let t = "Le pays a la capacité de soigner tous les malades. Les frappes ont fait 12 morts.";
    assert!(claims(t).iter().any(|c| c.min == 12), "{:?}", claims(t));
}
