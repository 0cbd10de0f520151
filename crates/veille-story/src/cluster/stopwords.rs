//! Function words dropped before weighting, in folded form (lowercase, no
//! accents). French and English lists are both applied to every document:
//! quotes and names cross languages, and a word that is a function word in
//! one of them is rarely a useful clustering term in the other.

use std::collections::HashSet;
use std::sync::OnceLock;

const FRENCH: &str = "a afin ai aie aient ainsi alors apres au aucun aucune aupres auquel aura aurait auront aussi autre autres aux auxquels avaient avais avait avant avec avoir ayant c ca ce ceci cela celle celles celui cependant ces cet cette ceux chaque chez ci comme comment contre d dans de depuis des deja donc dont du duquel elle elles en encore entre est et etaient etait etant ete etre eu eux fait faire fois font ici il ils j je jusqu l la laquelle le lequel les lesquels leur leurs lors lorsqu lui m ma mais me meme memes mes moi moins mon n ne ni non nos notre nous on ont or ou par parce parmi pas pendant peu peut plus plusieurs pour pourquoi pourrait puis qu quand que quel quelle quelles quels qui quoi s sa sans se selon sera serait seront ses si sien soi soit son sont sous sur t ta tandis te tel telle tes toi ton tous tout toute toutes tres tu un une unes uns vers via voici voila vos votre vous y ete deux trois aussi apres avant hier lundi mardi mercredi jeudi vendredi samedi dimanche dit a-t-il a-t-elle selon ainsi";

const ENGLISH: &str = "a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours out over own said same says she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself monday tuesday wednesday thursday friday saturday sunday according told one two three new also";

fn set() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| FRENCH.split(' ').chain(ENGLISH.split(' ')).collect())
}

/// Whether a folded word is a function word.
pub fn is_stop_word(folded: &str) -> bool {
    set().contains(folded.trim_end_matches('\''))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_function_words_of_both_languages() {
        for w in ["le", "l'", "qu'", "etait", "the", "which"] {
            assert!(is_stop_word(w), "{w}");
        }
        for w in ["barda", "missile", "shooting"] {
            assert!(!is_stop_word(w), "{w}");
        }
    }
}
