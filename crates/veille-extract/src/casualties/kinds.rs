//! Cue words for each kind of casualty, French and English, by folded key.

use super::CasualtyKind::{self, *};

/// A noun or participle right after a count (`21 morts`, `392 blessés`,
/// `two dead`, `three wounded`, `21 personnes tuées`).
pub(crate) fn noun_kind(key: &str) -> Option<CasualtyKind> {
    Some(match key {
        "morts" | "mort" | "tues" | "tuees" | "tue" | "tuee" | "deces" | "dead" | "killed"
        | "deaths" | "death" | "fatalities" | "decedes" | "victimes_mortelles" => Killed,
        "blesses" | "blessees" | "blesse" | "blessee" | "injured" | "wounded" | "hurt"
        | "injuries" => Injured,
        "disparus" | "disparues" | "disparu" | "missing" => Missing,
        "prisonniers" | "captures" | "capturees" | "otages" | "prisoners" | "captured"
        | "hostages" | "enleves" | "kidnapped" | "abducted" => Captured,
        "deplaces" | "deplacees" | "refugies" | "displaced" | "refugees" => Displaced,
        "evacues" | "evacuees" | "evacuated" => Evacuated,
        _ => return None,
    })
}

/// A participle after an auxiliary (`ont été tués`, `were killed`), or a
/// verb with no auxiliary that says the subject died (`died`, `ont péri`).
pub(crate) fn participle_kind(key: &str) -> Option<CasualtyKind> {
    Some(match key {
        "tues" | "tuees" | "tue" | "tuee" | "morts" | "mortes" | "mort" | "morte" | "decede"
        | "decedes" | "decedee" | "decedees" | "peri" | "killed" | "died" | "perished"
        | "slain" | "murdered" | "dead" | "elimines" | "abattus" | "abattu" | "executes" => Killed,
        "blesses" | "blessees" | "blesse" | "blessee" | "injured" | "wounded" | "hurt" | "shot"
        | "stabbed" => Injured,
        "disparus" | "disparues" | "disparu" | "disparue" | "missing" => Missing,
        "captures" | "capturees" | "capture" | "enleves" | "enlevees" | "kidnappes" | "faits"
        | "captured" | "kidnapped" | "abducted" | "taken" => Captured,
        "deplaces" | "deplacees" | "deplace" | "displaced" => Displaced,
        "evacues" | "evacuees" | "evacue" | "evacuee" | "evacuated" => Evacuated,
        _ => return None,
    })
}

/// A participle that after `avoir` / `have` alone makes the subject the
/// doer (`un homme a tué`, `ont blessé`, `have killed`): French in its
/// invariable form only (`quatre ont tuées` is a passive with `été` left
/// out), and not the intransitive ones (`ont péri`, `have died`).
pub(crate) fn is_active_participle(key: &str) -> bool {
    matches!(
        key,
        "tue"
            | "blesse"
            | "abattu"
            | "elimine"
            | "execute"
            | "capture"
            | "enleve"
            | "kidnappe"
            | "evacue"
            | "deplace"
            | "killed"
            | "injured"
            | "wounded"
            | "shot"
            | "stabbed"
            | "murdered"
            | "slain"
            | "hurt"
            | "captured"
            | "kidnapped"
            | "abducted"
            | "evacuated"
            | "displaced"
    )
}

/// A verb that takes the victims as object (`tuant 21 civils`, `a tué`,
/// `killing two`, `blessé des dizaines`, `avoir éliminé des milliers`).
pub(crate) fn verb_kind(key: &str) -> Option<CasualtyKind> {
    Some(match key {
        "tuant" | "tue" | "tuer" | "tua" | "tuent" | "tuait" | "elimine" | "eliminant"
        | "abattu" | "abattant" | "killed" | "killing" | "kills" | "kill" | "murdered"
        | "killings" => Killed,
        "blessant" | "blesse" | "blesser" | "blessent" | "injuring" | "wounding" | "injured"
        | "wounded" | "injures" | "wounds" => Injured,
        "capture" | "capturant" | "enleve" | "captured" | "capturing" | "kidnapped"
        | "abducted" => Captured,
        "evacue" | "evacuant" | "evacuated" | "evacuating" => Evacuated,
        "deplace" | "displaced" | "displacing" => Displaced,
        _ => return None,
    })
}

/// Nouns of death or injury followed by `de`/`of` and the victims
/// (`la mort de 13 personnes`, `the deaths of two men`).
pub(crate) fn noun_of_kind(key: &str) -> Option<CasualtyKind> {
    Some(match key {
        "mort" | "morts" | "deces" | "death" | "deaths" | "killing" | "killings" | "meurtre"
        | "assassinat" => Killed,
        "shooting" | "shootings" | "stabbing" | "stabbings" => Injured,
        "evacuation" | "evacuations" => Evacuated,
        "enlevement" | "capture" => Captured,
        _ => return None,
    })
}

/// Auxiliaries and copulas before a participle.
pub(crate) fn is_auxiliary(key: &str) -> bool {
    matches!(
        key,
        "a" | "ont"
            | "est"
            | "sont"
            | "ete"
            | "etre"
            | "avait"
            | "avaient"
            | "etait"
            | "etaient"
            | "auraient"
            | "aurait"
            | "seraient"
            | "serait"
            | "furent"
            | "fut"
            | "avoir"
            | "was"
            | "were"
            | "been"
            | "be"
            | "is"
            | "are"
            | "has"
            | "have"
            | "had"
            | "got"
            | "get"
            | "gets"
            | "being"
    )
}

/// Adverbs that may stand between an auxiliary and its participle.
pub(crate) fn is_adverb(key: &str) -> bool {
    matches!(
        key,
        "deja"
            | "aussi"
            | "egalement"
            | "toutes"
            | "tous"
            | "ainsi"
            | "reportedly"
            | "also"
            | "already"
            | "all"
            | "both"
            | "later"
            | "critically"
            | "seriously"
            | "fatally"
            | "grievement"
            | "legerement"
            | "mortellement"
            | "ensuite"
            | "finalement"
            | "allegedly"
            | "each"
            | "then"
            | "apparently"
            | "accidentally"
            | "possibly"
            | "pronounced"
            | "found"
            | "non"
            | "not"
            | "n'"
            | "pas"
            | "only"
            | "just"
            | "respectivement"
    )
}

/// Adverbs that turn an injury into a death (`fatally shot`, `mortellement blessé`).
pub(crate) fn is_fatal_adverb(key: &str) -> bool {
    matches!(key, "fatally" | "mortellement")
}
