//! Who the victims are: a category noun (`civils`, `soldats de la paix`,
//! `people`), and a nationality or side (`arméniens`, `Russian`, `ennemis`).

use super::{VictimCategory, Victims};
use crate::numbers::words::{is, is_any, Word};

/// A victim noun phrase at word `i`: the category and one past its end.
pub(crate) fn victims_at(ws: &[Word], i: usize, text: &str) -> Option<(Victims, usize)> {
    let w = ws.get(i)?;
    if w.before.stop || w.before.quote {
        return None;
    }
    let mut side = None;
    let mut k = i;
    // English: "Armenian civilians", "Russian peacekeepers"
    if w.cap
        && ws
            .get(i + 1)
            .is_some_and(|n| category(&n.key).is_some() && !n.before.breaks())
        && is_side_word(&w.key, true)
    {
        side = Some(w.span.slice(text).to_string());
        k += 1;
    }
    let key = ws.get(k)?.key.as_str();
    let (cat, mut end) = if matches!(key, "soldats" | "soldat" | "forces" | "casques")
        && is_any(ws, k + 1, &["de", "bleus"])
        && (is(ws, k + 1, "bleus") || (is(ws, k + 2, "la") && is(ws, k + 3, "paix")))
    {
        (
            VictimCategory::Peacekeeper,
            if is(ws, k + 1, "bleus") { k + 2 } else { k + 4 },
        )
    } else if let Some(c) = category(key) {
        (c, k + 1)
    } else if side.is_none() && is_side_word(key, ws[k].cap) && !ws[k].cap {
        // "26 azerbaïdjanais": a nationality standing for the victims
        return Some((
            Victims {
                category: None,
                side: Some(ws[k].span.slice(text).to_string()),
            },
            k + 1,
        ));
    } else {
        return None;
    };
    // French: "civils arméniens", "soldats ennemis", "soldats de la paix russes"
    if side.is_none() {
        if let Some(n) = ws.get(end) {
            if !n.before.breaks() && !n.cap && is_side_word(&n.key, false) {
                side = Some(n.span.slice(text).to_string());
                end += 1;
            }
        }
    }
    Some((
        Victims {
            category: Some(cat),
            side,
        },
        end,
    ))
}

/// The category of a victim noun.
pub(crate) fn category(key: &str) -> Option<VictimCategory> {
    use VictimCategory::*;
    Some(match key {
        "civils" | "civil" | "civiles" | "civile" | "civilians" | "civilian" | "habitants"
        | "residents" | "resident" | "villageois" | "passants" | "bystanders" | "bystander" => {
            Civilian
        }
        "soldats" | "soldat" | "militaires" | "militaire" | "troupes" | "combattants"
        | "combattant" | "soldiers" | "soldier" | "troops" | "servicemen" | "fighters"
        | "fighter" | "militants" | "militant" | "rebelles" | "rebels" | "miliciens"
        | "officiers" => Military,
        "peacekeepers" | "peacekeeper" => Peacekeeper,
        "journalistes" | "journaliste" | "journalists" | "journalist" | "reporters"
        | "reporter" | "photographe" | "photographer" => Journalist,
        "enfants" | "enfant" | "fillette" | "fillettes" | "garcon" | "garcons" | "bebe"
        | "bebes" | "adolescent" | "adolescents" | "adolescente" | "children" | "child"
        | "kids" | "kid" | "boy" | "boys" | "girl" | "girls" | "baby" | "babies" | "teen"
        | "teens" | "teenager" | "teenagers" | "toddler" | "infant" | "mineurs" | "juveniles"
        | "juvenile" | "students" | "student" | "eleves" => Child,
        "policiers" | "policier" | "gendarmes" | "gendarme" | "officers" | "officer"
        | "deputies" | "deputy" | "trooper" | "troopers" | "policemen" | "policeman" | "agents" => {
            Police
        }
        "suspect" | "suspects" | "gunman" | "gunmen" | "shooter" | "shooters" | "assailant"
        | "assailants" | "attacker" | "attackers" | "tireur" | "tireurs" | "assaillant"
        | "assaillants" | "robber" | "robbers" | "intruder" => Perpetrator,
        "personnes" | "personne" | "people" | "persons" | "person" | "victimes" | "victime"
        | "victims" | "victim" | "individus" | "individuals" | "individual" | "hommes"
        | "homme" | "femmes" | "femme" | "men" | "man" | "women" | "woman" | "adults" | "adult"
        | "passagers" | "passengers" | "travailleurs" | "ouvriers" | "workers" | "employees"
        | "membres" | "members" | "patients" | "fideles" | "pelerins" | "migrants"
        | "manifestants" | "protesters" | "brothers" | "friends" | "males" | "male" | "females"
        | "female" | "guys" | "relatives" | "family" | "autres" | "others" | "other" | "mother"
        | "father" | "son" | "daughter" | "wife" | "husband" | "brother" | "sister"
        | "neighbor" | "motorist" | "driver" | "customer" | "clerk" | "employee" | "juveniles_" => {
            Person
        }
        _ => return None,
    })
}

/// Nouns that stand for the victims of the previous figure (`deux autres`).
pub(crate) fn is_carry_over(key: &str) -> bool {
    matches!(key, "autres" | "others" | "other")
}

/// A nationality or side adjective (`arméniens`, `russes`, `ennemis`,
/// `Armenian`). French adjectives of nationality are recognised by ending.
pub(crate) fn is_side_word(key: &str, cap: bool) -> bool {
    const SIDES: &[&str] = &[
        "ennemis",
        "ennemies",
        "enemy",
        "russes",
        "russe",
        "turcs",
        "turques",
        "arabes",
        "kurdes",
        "azeris",
        "azeri",
        "syriens",
        "afghans",
        "separatistes",
        "rebelles",
        "loyalistes",
        "gouvernementaux",
        "israeliens",
        "palestiniens",
        "armeniens",
        "azerbaidjanais",
        "ukrainiens",
        "francais",
        "americains",
        "britanniques",
    ];
    if SIDES.contains(&key) {
        return true;
    }
    if key.len() < 5 {
        return false;
    }
    if cap {
        // English nationality adjectives: "Armenian", "Azerbaijani", "Russian"
        return ["ian", "ani", "ese", "ish", "ean", "can", "ian", "i"]
            .iter()
            .any(|s| key.ends_with(s))
            && !key.ends_with("ski");
    }
    [
        "iens", "iennes", "ien", "ienne", "ais", "aises", "ois", "oises", "ains", "aines", "ites",
        "iques", "ques",
    ]
    .iter()
    .any(|s| key.ends_with(s))
        && !matches!(
            key,
            "mais"
                | "jamais"
                | "desormais"
                | "anciens"
                | "ancien"
                | "quotidiens"
                | "certains"
                | "prochains"
                | "humains"
                | "lointains"
                | "politiques"
                | "quelques"
                | "chiques"
                | "ainsi"
                | "plusieurs"
                | "biens"
                | "liens"
                | "moyens"
                | "soutiens"
                | "siens"
                | "leurs"
                | "presques"
                | "parfois"
                | "fois"
                | "mois"
                | "autrefois"
                | "lorsques"
                | "domestiques"
                | "publiques"
                | "critiques"
                | "graves"
                | "auparavant"
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numbers::words::words;

    fn v(text: &str) -> Option<(Option<VictimCategory>, Option<String>)> {
        let ws = words(text);
        victims_at(&ws, 0, text).map(|(v, _)| (v.category, v.side))
    }

    #[test]
    fn reads_categories_and_sides() {
        assert_eq!(
            v("soldats de la paix russes"),
            Some((Some(VictimCategory::Peacekeeper), Some("russes".into())))
        );
        assert_eq!(
            v("civils arméniens"),
            Some((Some(VictimCategory::Civilian), Some("arméniens".into())))
        );
        assert_eq!(
            v("azerbaïdjanais ont"),
            Some((None, Some("azerbaïdjanais".into())))
        );
        assert_eq!(
            v("Russian peacekeepers"),
            Some((Some(VictimCategory::Peacekeeper), Some("Russian".into())))
        );
        assert_eq!(v("villages"), None);
        assert_eq!(v("missiles"), None);
    }
}
