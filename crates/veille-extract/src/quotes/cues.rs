//! Reporting verbs (cues) of French and English, by folded key.

use crate::numbers::words::{is, is_any, Word};

/// The cue at word `i`: one past its last word, when `i` starts one.
/// Multi-word cues: `fait savoir`, `fait état`, `according to`, `pointed out`.
pub(crate) fn cue_at(ws: &[Word], i: usize) -> Option<usize> {
    // a capitalised word inside a clause is a name (`the United States`,
    // `Reports Inc`), not a verb
    if i > 0 && ws[i].cap && !ws[i].before.stop && !ws[i].before.quote {
        return None;
    }
    let k = ws[i].key.as_str();
    match k {
        "fait" | "font" | "faisant" => is_any(ws, i + 1, &["savoir", "etat"]).then_some(i + 2),
        "mis" if is(ws, i + 1, "en") && is(ws, i + 2, "garde") => Some(i + 3),
        "pointed" | "points" | "point" if is(ws, i + 1, "out") => Some(i + 2),
        _ if is_cue_word(k) => Some(i + 1),
        _ => None,
    }
}

fn is_cue_word(k: &str) -> bool {
    matches!(
        k,
        // French
        "declare" | "declarent" | "declarant" | "affirme" | "affirment" | "affirmant"
            | "assure" | "assurent" | "assurant" | "indique" | "indiquent" | "indiquant"
            | "annonce" | "annoncent" | "annoncant" | "precise" | "precisent" | "precisant"
            | "explique" | "expliquent" | "souligne" | "soulignent" | "soulignant" | "estime"
            | "estiment" | "estimant" | "ajoute" | "ajoutent" | "ajoutant" | "dit" | "disent"
            | "denonce" | "denoncent" | "denoncant" | "confirme" | "confirment" | "reconnu"
            | "reconnait" | "accuse" | "accusent" | "accusant" | "dementi" | "dement"
            | "dementent" | "evoque" | "rapporte" | "rapportent" | "martele" | "insiste"
            | "temoigne" | "commente" | "tweete" | "ecrit" | "repondu" | "lance" | "prevenu"
            | "averti" | "jure" | "promis" | "demande" | "appele" | "exhorte" | "regrette"
            | "deplore" | "juge" | "considere" | "signale" | "revele" | "raconte" | "admis"
            // not `concluant`, an adjective as often (`un essai concluant`)
            | "conclut" | "concluent"
            // English
            | "said" | "says" | "say" | "saying" | "told" | "tells" | "tell" | "added" | "adds"
            | "stated" | "states" | "claimed" | "claims" | "claim" | "argued" | "argues"
            | "argue" | "explained" | "explains" | "noted" | "notes" | "wrote" | "writes"
            | "reported" | "reports" | "report" | "announced" | "announces" | "insisted"
            | "insists" | "warned" | "warns" | "suggested" | "suggests" | "believes"
            | "believe" | "believed" | "thinks" | "think" | "thought" | "asked" | "asks"
            | "acknowledged" | "acknowledges" | "admitted" | "admits" | "denied" | "denies"
            | "accused" | "accuses" | "predicted" | "predicts" | "declared" | "declares"
            | "tweeted" | "tweets" | "complained" | "complains" | "contended" | "contends"
            | "concluded" | "confirmed" | "confirms" | "revealed" | "reveals" | "urged"
            | "urges" | "estimated" | "estimates" | "indicated" | "indicates" | "show"
            | "shows" | "showed" | "found" | "finds" | "according" | "agreed" | "agrees"
            | "recalled" | "replied" | "responded" | "testified" | "asserted" | "asserts"
            | "alleged" | "alleges" | "charged" | "blamed" | "blames" | "promised" | "promises"
            | "vowed" | "vows" | "hopes" | "hoped" | "feels" | "felt" | "knows" | "learned"
            | "mentioned" | "emphasized" | "stressed" | "conceded" | "boasted" | "joked"
            | "insist" | "warn" | "predict" | "suggest" | "expect" | "expects" | "expected"
            | "called" | "described" | "describes" | "criticized" | "praised" | "questioned"
            | "wondered" | "speculated" | "announcing" | "arguing" | "claiming" | "noting"
            | "adding" | "telling" | "explaining" | "warning" | "insisting"
    )
}
