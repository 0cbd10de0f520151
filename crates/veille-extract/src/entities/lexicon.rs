//! Word lists of the entity rules (folded forms), French and English, and
//! the one table that answers for all of them: a folded word's lists as a
//! bit set ([`Lex`]), read once per word ([`lexicon`]) instead of scanning
//! each list (the lists were 10% of the tagger's time by `perf`).

use super::fasthash::{hash_str, IdMap};
use std::sync::OnceLock;

/// A set of the word lists below, as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lex(pub u16);

/// Courtesy titles ([`TITLES_WORDS`]).
pub const TITLES: Lex = Lex(1 << 0);
/// A person's function ([`ROLES_WORDS`]).
pub const ROLES: Lex = Lex(1 << 1);
/// Head words of organisations ([`ORG_HEADS_WORDS`]).
pub const ORG_HEADS: Lex = Lex(1 << 2);
/// Closing words of organisations ([`ORG_TAILS_WORDS`]).
pub const ORG_TAILS: Lex = Lex(1 << 3);
/// Locative prepositions ([`LOCATIVES_WORDS`]).
pub const LOCATIVES: Lex = Lex(1 << 4);
/// Particles inside names ([`NAME_PARTICLES_WORDS`]).
pub const NAME_PARTICLES: Lex = Lex(1 << 5);
/// Capitalised words that are no names ([`NOT_NAMES_WORDS`], days, months).
pub const NOT_NAMES: Lex = Lex(1 << 6);
/// Head words of places ([`PLACE_HEADS_WORDS`]).
pub const PLACE_HEADS: Lex = Lex(1 << 7);
/// Words inside a role ([`ROLE_FILLERS_WORDS`]).
pub const ROLE_FILLERS: Lex = Lex(1 << 8);
/// One-word organisations ([`ORG_NAMES_WORDS`]).
pub const ORG_NAMES: Lex = Lex(1 << 9);

/// The lists a folded word is in, as bits of [`Lex`].
pub fn lexicon(folded: &str) -> u16 {
    static TABLE: OnceLock<IdMap<u16>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = IdMap::default();
        let lists = [
            (TITLES, TITLES_WORDS),
            (ROLES, ROLES_WORDS),
            (ORG_HEADS, ORG_HEADS_WORDS),
            (ORG_TAILS, ORG_TAILS_WORDS),
            (LOCATIVES, LOCATIVES_WORDS),
            (NAME_PARTICLES, NAME_PARTICLES_WORDS),
            (NOT_NAMES, NOT_NAMES_WORDS),
            (PLACE_HEADS, PLACE_HEADS_WORDS),
            (ROLE_FILLERS, ROLE_FILLERS_WORDS),
            (ORG_NAMES, ORG_NAMES_WORDS),
        ];
        let calendar = veille_text::calendar::day_and_month_names().map(|w| (NOT_NAMES, w));
        let words = lists
            .iter()
            .flat_map(|(set, words)| words.iter().map(move |w| (*set, *w)));
        for (set, w) in words.chain(calendar) {
            *t.entry(hash_str(w)).or_insert(0) |= set.0;
        }
        t
    });
    table.get(&hash_str(folded)).copied().unwrap_or(0)
}

/// Whether a folded word is in one of the lists of `set`.
pub fn is_in(set: Lex, folded: &str) -> bool {
    lexicon(folded) & set.0 != 0
}

/// Courtesy titles before a person's name; abbreviations are followed by a
/// period in the text (`M.`, `Mme`, `Dr.`).
const TITLES_WORDS: &[&str] = &[
    "m",
    "mm",
    "mme",
    "mmes",
    "mlle",
    "mlles",
    "dr",
    "pr",
    "me",
    "mgr",
    "mr",
    "mrs",
    "ms",
    "sir",
    "lord",
    "lady",
    "monsieur",
    "madame",
    "mademoiselle",
    "docteur",
    "maitre",
    "professeur",
    "sieur",
    "dame",
    "saint",
    "sainte",
    "st",
    "ste",
];

/// Role words: a person's function, before the name ("le président Aliev")
/// or in apposition after it ("Hikmet Hajiyev, conseiller du président").
const ROLES_WORDS: &[&str] = &[
    // French
    "president",
    "presidente",
    "ministre",
    "premier",
    "premiere",
    "conseiller",
    "conseillere",
    "porte-parole",
    "porte",
    "parole",
    "chef",
    "general",
    "generale",
    "colonel",
    "commandant",
    "capitaine",
    "lieutenant",
    "sergent",
    "marechal",
    "amiral",
    "secretaire",
    "ambassadeur",
    "ambassadrice",
    "depute",
    "deputee",
    "senateur",
    "senatrice",
    "maire",
    "gouverneur",
    "prefet",
    "dirigeant",
    "dirigeante",
    "leader",
    "patron",
    "directeur",
    "directrice",
    "procureur",
    "juge",
    "avocat",
    "avocate",
    "eveque",
    "pape",
    "roi",
    "reine",
    "prince",
    "princesse",
    "empereur",
    "imperatrice",
    "duc",
    "duchesse",
    "comte",
    "comtesse",
    "baron",
    "marquis",
    "abbe",
    "cure",
    "pasteur",
    "imam",
    "rabbin",
    "mediateur",
    "envoye",
    "emissaire",
    "representant",
    "representante",
    "chancelier",
    "chanceliere",
    "vice-president",
    "consul",
    "negociateur",
    "journaliste",
    "correspondant",
    "correspondante",
    "expert",
    "analyste",
    "chercheur",
    "chercheuse",
    "professeur",
    "ministres",
    "presidents",
    "dirigeants",
    // English
    "minister",
    "adviser",
    "advisor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chief",
    "commander",
    "captain",
    "sergeant",
    "officer",
    "detective",
    "sheriff",
    "deputy",
    "ambassador",
    "senator",
    "representative",
    "congressman",
    "congresswoman",
    "mayor",
    "governor",
    "prosecutor",
    "attorney",
    "judge",
    "king",
    "queen",
    "pope",
    "bishop",
    "secretary",
    "director",
    "chairman",
    "chairwoman",
    "envoy",
    "lawyer",
    "police",
    "trooper",
    "coach",
    "pastor",
    "reverend",
    "rev",
];

/// Words that may stand inside a role between its role word and the name
/// ("ministre arménien des Affaires étrangères", "former prime minister").
const ROLE_FILLERS_WORDS: &[&str] = &[
    "de",
    "du",
    "des",
    "d'",
    "la",
    "le",
    "l'",
    "of",
    "the",
    "for",
    "et",
    "and",
    "adjoint",
    "adjointe",
    "ancien",
    "ancienne",
    "ex",
    "nouveau",
    "nouvelle",
    "delegue",
    "deleguee",
    "affaires",
    "etrangeres",
    "etranger",
    "interieur",
    "defense",
    "justice",
    "etat",
    "etats",
    "armee",
    "armees",
    "forces",
    "republique",
    "parlement",
    "gouvernement",
    "region",
    "foreign",
    "defence",
    "interior",
    "state",
    "vice",
    "prime",
    "former",
    "acting",
    "general",
    "chief",
    "staff",
    "etat-major",
    "major",
    "affairs",
    "national",
    "nationale",
    "haut",
    "haute",
    "autoproclamee",
    "autoproclame",
    "separatiste",
    "separatistes",
    "en",
];

/// Words that head an organisation's name ("ministère des Affaires
/// étrangères", "Conseil de sécurité", "Ministry of Defence").
const ORG_HEADS_WORDS: &[&str] = &[
    "ministere",
    "conseil",
    "organisation",
    "organization",
    "union",
    "comite",
    "committee",
    "assemblee",
    "commission",
    "cour",
    "banque",
    "fondation",
    "universite",
    "agence",
    "parti",
    "mouvement",
    "front",
    "federation",
    "association",
    "societe",
    "compagnie",
    "groupe",
    "institut",
    "office",
    "bureau",
    "tribunal",
    "parlement",
    "senat",
    "croix-rouge",
    "nations",
    "ministry",
    "council",
    "party",
    "agency",
    "university",
    "bank",
    "department",
    "court",
    "institute",
    "foundation",
    "company",
    "corporation",
    "association",
    "church",
    "eglise",
    "ecole",
    "lycee",
    "college",
    "school",
    "hopital",
    "hospital",
    "journal",
    "armee",
    "army",
    "police",
    "gendarmerie",
    "syndicat",
    "chambre",
    "academie",
    "academy",
    "etat-major",
    "garde",
    "guard",
    "brigade",
    "regiment",
    "division",
    "service",
    "services",
];

/// Words that close an organisation's name ("Acme Inc", "Labour Party").
const ORG_TAILS_WORDS: &[&str] = &[
    "inc",
    "corp",
    "ltd",
    "llc",
    "sa",
    "sarl",
    "gmbh",
    "ag",
    "plc",
    "co",
    "party",
    "council",
    "ministry",
    "department",
    "agency",
    "university",
    "bank",
    "company",
    "group",
    "times",
    "post",
    "news",
    "press",
    "tribune",
    "herald",
    "journal",
];

/// Particles that may stand inside a name between capitalised words
/// ("Charles de Gaulle", "Conseil de sécurité de l'ONU" is not one).
const NAME_PARTICLES_WORDS: &[&str] = &[
    "de", "du", "des", "d'", "la", "le", "von", "van", "der", "den", "al", "el", "ben", "bin",
    "ibn", "da", "di", "dos", "y", "of", "the", "l'", "sur", "en",
];

/// Prepositions after which a name is a place ("à Barda", "au Nagorny
/// Karabakh", "in Baku").
const LOCATIVES_WORDS: &[&str] = &[
    "a", "au", "aux", "en", "dans", "vers", "depuis", "pres", "sur", "in", "at", "near", "from",
    "to", "into", "outside", "across",
];

/// Capitalised words that are not names when they open a chunk: words
/// often capitalised in French and English copy; the day and month names
/// come from [`veille_text::calendar`].
const NOT_NAMES_WORDS: &[&str] = &[
    "selon",
    "apres",
    "avant",
    "alors",
    "mais",
    "pour",
    "photo",
    "video",
    "lire",
    "aussi",
    "voir",
    "according",
    "after",
    "before",
    "but",
    "when",
    "while",
    "however",
    "also",
    "dieu",
    "god",
    "etat",
    "ii",
    "iii",
    "iv",
    "vi",
    "vii",
    "viii",
    "ix",
    "xi",
    "xii",
    "xiii",
    "xiv",
    "xv",
    "xvi",
    "xx",
    "xxe",
    "xixe",
    "non",
    "oui",
    "yes",
    "no",
    "ok",
    "tv",
    "covid",
    "covid-19",
];

/// Words that head a place's name in the text ("rue du Rhône", "canton de
/// Vaud", "lac Léman"): a feature of the learned tagger.
const PLACE_HEADS_WORDS: &[&str] = &[
    "rue",
    "avenue",
    "boulevard",
    "place",
    "quai",
    "pont",
    "route",
    "chemin",
    "canton",
    "lac",
    "mont",
    "col",
    "vallee",
    "val",
    "ile",
    "iles",
    "region",
    "province",
    "departement",
    "district",
    "commune",
    "ville",
    "village",
    "gare",
    "port",
    "fleuve",
    "riviere",
    "street",
    "road",
    "river",
    "lake",
    "mount",
    "county",
];

/// Organisations whose one-word names also name places somewhere in the
/// gazetteer ("Twitter", "Facebook"): always organisations.
const ORG_NAMES_WORDS: &[&str] = &[
    "twitter",
    "facebook",
    "instagram",
    "youtube",
    "telegram",
    "whatsapp",
    "tiktok",
    "google",
    "amazon",
    "microsoft",
    "apple",
    "reuters",
    "afp",
    // parties to conflicts and bodies the press names by one word
    "hamas",
    "hezbollah",
    "daech",
    "daesh",
    "tsahal",
    "otan",
    "nato",
    "unicef",
    "unesco",
    "frontex",
    "interpol",
    "europol",
];
