//! Numbers that are not casualties: ages, distances, durations, times,
//! populations, objects, capacities, money, percentages, years, addresses,
//! calibres. A count is dropped when the word after it (or before it) is one
//! of these units, whatever cue words surround it.

use crate::numbers::words::{is, is_any, Word};

/// Units after a count that make it something else than people.
fn is_unit_after(key: &str) -> bool {
    matches!(
        key,
        // ages, durations, times
        "ans" | "an" | "annees" | "annee" | "year" | "years" | "yr" | "yrs" | "mois" | "month"
            | "months" | "semaines" | "semaine" | "week" | "weeks" | "jours" | "jour" | "day"
            | "days" | "heures" | "heure" | "hours" | "hour" | "minutes" | "minute" | "secondes"
            | "seconds" | "h" | "nuits" | "nights" | "decennies" | "decades" | "siecles"
            | "fois" | "times" | "pm" | "am"
            // distances, sizes, weights
            | "km" | "kilometres" | "kilometers" | "kilometre" | "metres" | "meters" | "m"
            | "miles" | "mile" | "feet" | "foot" | "ft" | "cm" | "mm" | "kg" | "tonnes" | "tons"
            | "hectares" | "acres" | "inch" | "inches" | "caliber" | "calibre" | "gauge"
            // places and objects
            | "villages" | "village" | "villes" | "localites" | "towns" | "cities" | "regions"
            | "districts" | "missiles" | "roquettes" | "rockets" | "obus" | "shells" | "drones"
            | "chars" | "tanks" | "avions" | "planes" | "helicopteres" | "bombes" | "bombs"
            | "maisons" | "houses" | "homes" | "batiments" | "buildings" | "vehicules"
            | "vehicles" | "voitures" | "cars" | "balles" | "rounds" | "shots" | "coups"
            | "incidents" | "attaques" | "attacks" | "frappes" | "strikes" | "violations"
            | "block" | "blocks" | "rue" | "street" | "avenue" | "road" | "route" | "points"
            | "voix" | "votes" | "sieges" | "seats" | "pages" | "articles" | "pays" | "countries"
            | "familles" | "families" | "foyers" | "households" | "lits" | "beds" | "tentes"
            | "armes" | "guns" | "weapons" | "firearms" | "pistols" | "handguns" | "rifles"
            | "counts" | "charges" | "chefs" | "accusations" | "fusils" | "cartouches"
            // money, shares
            | "euros" | "euro" | "dollars" | "dollar" | "livres" | "roubles" | "manats"
            | "drams" | "pour" | "percent" | "pourcent" | "cents" | "bucks" | "usd"
            // ordinals and ranks
            | "e" | "er" | "eme" | "th" | "st" | "nd" | "rd"
            // months (dates)
            | "janvier" | "fevrier" | "mars" | "avril" | "mai" | "juin" | "juillet" | "aout"
            | "septembre" | "octobre" | "novembre" | "decembre" | "january" | "february"
            | "march" | "april" | "june" | "july" | "august" | "september" | "october"
            | "november" | "december" | "jan" | "feb" | "aug" | "sept" | "oct" | "nov" | "dec"
    )
}

/// Words before a count that make it something else than people.
fn is_unit_before(key: &str) -> bool {
    matches!(
        key,
        "age"
            | "aged"
            | "ages"
            | "age_de"
            | "agee"
            | "ages_de"
            | "numero"
            | "no"
            | "n"
            | "number"
            | "route"
            | "highway"
            | "interstate"
            | "rue"
            | "article"
            | "chapitre"
            | "page"
            | "section"
            | "calibre"
            | "caliber"
            | "janvier"
            | "fevrier"
            | "avril"
            | "juin"
            | "juillet"
            | "aout"
            | "septembre"
            | "octobre"
            | "novembre"
            | "decembre"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "en"
            | "in"
            | "depuis"
            | "since"
            | "annees"
            | "years"
            | "year"
            | "year's"
            | "saison"
            | "season"
            | "ete"
            | "hiver"
            | "printemps"
            | "automne"
            | "suite"
            | "unit"
            | "apartment"
            | "appartement"
            | "pm"
            | "am"
            | "at"
            | "vers"
            | "until"
            | "jusqu'"
            | "top"
            | "la"
            | "le"
            | "les"
            | "des"
            | "du"
            | "the"
            | "his"
            | "her"
            | "their"
            | "its"
            | "ses"
            | "sa"
            | "son"
            | "leurs"
            | "leur"
            | "these"
            | "those"
            | "ces"
            | "cette"
            | "ce"
            | "premier"
            | "dernier"
            | "last"
            | "first"
    )
}

/// Whether the count spanning words `start..end` is a trap number.
/// `digits` says the count is written in figures (articles such as `les`
/// before a figure mean a rank or a name: `les 140.000 habitants`).
pub(crate) fn is_trap(ws: &[Word], start: usize, end: usize, digits: bool) -> bool {
    if let Some(w) = ws.get(end) {
        let k = w.key.as_str();
        // "2 a.m.", "25-year-old", "%"
        if (k == "a" || k == "p") && is(ws, end + 1, "m") {
            return true;
        }
        if is_unit_after(k) && (k != "pour" || is(ws, end + 1, "cent")) {
            return true;
        }
        if k == "de" && is_any(ws, end + 1, &["long", "large", "haut", "profondeur"]) {
            return true;
        }
    }
    if (end..end + 3).any(|i| is_rate_at(ws, i)) {
        return true;
    }
    // a figure glued by a hyphen to a name is part of it (`Covid-19 a tué`,
    // `F-16`)
    if digits
        && start > 0
        && ws[start].before.hyphen
        && ws[start - 1].kind == veille_text::TokenKind::Word
    {
        return true;
    }
    if capacity_before(ws, start) {
        return true;
    }
    if start > 0 {
        let p = &ws[start - 1];
        let k = p.key.as_str();
        // "les 140.000 habitants", "in 2019", "aged 32": a name or rank, not a count
        let article_before_digits = matches!(
            k,
            "la" | "le"
                | "les"
                | "des"
                | "du"
                | "the"
                | "ses"
                | "sa"
                | "son"
                | "leurs"
                | "leur"
                | "these"
                | "those"
                | "ces"
                | "cette"
                | "ce"
                | "his"
                | "her"
                | "their"
                | "its"
        );
        if is_unit_before(k) && (!article_before_digits || digits) && !ws[start].before.breaks() {
            // "the 2 men" is rare in casualty reports; "the 4800 block" is common
            if article_before_digits {
                return true;
            }
            if !matches!(
                k,
                "en" | "in" | "at" | "vers" | "depuis" | "since" | "until" | "jusqu'"
            ) || digits
            {
                return true;
            }
        }
        // "âgé de 32", "aged between"
        if k == "de"
            && start > 1
            && matches!(
                ws[start - 2].key.as_str(),
                "age" | "agee" | "ages" | "agees"
            )
        {
            return true;
        }
    }
    false
}

/// Whether the count is what something can take in, not who was hurt: a
/// capacity noun (`capacité`, `capacity`) within the eight words before it
/// in its clause, or a verb of ability (`permettant`, `pouvant`, `capable`)
/// with a verb or noun of taking in after it (`la prise en charge`,
/// `accueillir`, `soigner`): `un poste sanitaire permettant la prise en
/// charge de 500 blessés`. `permettre de freiner l'épidémie qui a tué 30.000
/// personnes` is a count.
fn capacity_before(ws: &[Word], start: usize) -> bool {
    let mut i = start;
    let mut taking_in = false;
    while i > 0 && start - i < 8 {
        if ws[i].before.breaks() {
            return false;
        }
        i -= 1;
        let k = ws[i].key.as_str();
        if matches!(k, "capacite" | "capacity") {
            return true;
        }
        if matches!(
            k,
            "charge"
                | "accueillir"
                | "soigner"
                | "traiter"
                | "heberger"
                | "loger"
                | "recevoir"
                | "accommodate"
                | "treat"
                | "house"
                | "hold"
        ) {
            taking_in = true;
        }
        // a relative or a verb of harm between: the count is of the clause after
        if matches!(
            k,
            "qui" | "who" | "which" | "that" | "ont" | "a" | "have" | "has"
        ) {
            return false;
        }
        if taking_in
            && matches!(
                k,
                "permettre"
                    | "permettant"
                    | "permettra"
                    | "permet"
                    | "permettent"
                    | "permettront"
                    | "pouvant"
                    | "peut"
                    | "peuvent"
                    | "pourra"
                    | "capable"
                    | "capables"
                    | "able"
                    | "can"
            )
        {
            return true;
        }
    }
    false
}

/// Whether a rate per head of population starts at word `i` (`478 morts
/// par million d'habitants`, `pour 100.000 habitants`, `per capita`): the
/// count before it is a rate, not people. `pour 295.508 cas` is no rate,
/// nor `264 morts pour 700.000 habitants` (a count in a population: a rate
/// is per a power of ten).
fn is_rate_at(ws: &[Word], i: usize) -> bool {
    if !is_any(ws, i, &["par", "pour", "per"]) {
        return false;
    }
    const HEADS: &[&str] = &["million", "millions", "capita", "habitant", "inhabitant"];
    const PEOPLE: &[&str] = &[
        "habitants",
        "inhabitants",
        "residents",
        "people",
        "population",
    ];
    is_any(ws, i + 1, HEADS)
        || (ws.get(i + 1).is_some_and(|w| {
            let digits: String = w.key.chars().filter(char::is_ascii_digit).collect();
            w.kind == veille_text::TokenKind::Number
                && digits.len() > 1
                && digits.starts_with('1')
                && digits[1..].bytes().all(|b| b == b'0')
        }) && is_any(ws, i + 2, PEOPLE))
}

/// Whether a symbol glued to the figure in the text marks money or a share
/// (`$500`, `15%`, `5 €`).
pub(crate) fn has_money_or_percent(text: &str, span_start: usize, span_end: usize) -> bool {
    let before = text[..span_start].trim_end_matches([' ', '\u{a0}']);
    let after = text[span_end..].trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    let time =
        after.starts_with([':', 'h']) && after[1..].starts_with(|c: char| c.is_ascii_digit());
    time || before.ends_with(['$', '£', '€', '#', '№'])
        || after.starts_with(['%', '€', '$', '£'])
        || after.starts_with("e ")
        || after.starts_with("ème")
}
