//! Language of a whole text, with whatlang.
//!
//! whatlang 0.18 (trigrams, no model files) is run on the head of the text,
//! up to [`SAMPLE_BYTES`] (about 80 words; whole texts when shorter), choosing
//! among [`LANGUAGES`]: the languages of the news veille reads and their
//! neighbours. STACK.md measured whatlang right on every whole news document,
//! and an allowlist more accurate than all 69 languages (70/72 against 66/72
//! sentences). Its cost is mostly per candidate language, not per byte: on
//! the first 5,000 OrangeSum articles, whole texts and all languages took
//! 1.31 s, the 512-byte head 1.03 s, head and allowlist 0.45–0.68 s
//! (machine shared), with the same answer (all `fr`); on the 3,049 GVA
//! articles, 3,002 `en` and 47 `und` (near-empty pages) against 3,001 and 48
//! on whole texts. The code is ISO 639-1 (every whatlang language has one),
//! `und` when the text has fewer than [`MIN_LETTERS`] letters or whatlang is
//! unsure (not reliable and confidence under [`MIN_CONFIDENCE`]). Short
//! snippets and the Turkish/Azerbaijani pair are its weak spots (STACK.md
//! §2.1).
//!
//! Before whatlang, a function-word vote settles the common case: French and
//! English news. Each has a list of words frequent in its news and not words
//! of the other allowlisted languages (`dans`, `avec`, `selon`…; `the`,
//! `which`, `were`…); a sample with at least [`MIN_MARKERS`] hits of one list
//! and at most a tenth as many of the other is that language. It decides
//! 94% of OrangeSum and GVA documents (first 3,000 of each), answering as whatlang
//! does on every OrangeSum one and rightly `en` on two GVA pages whatlang left
//! `und`; the rest go to whatlang (the
//! `vote_agrees_with_whatlang` test checks the rule on other languages' news
//! sentences), and whatlang was 13% of an OrangeSum ingest's CPU.

use std::sync::OnceLock;
use veille_model::Lang;

/// Texts with fewer letters than this are `und`.
pub const MIN_LETTERS: usize = 20;
/// Below this confidence, an unreliable detection is `und`.
pub const MIN_CONFIDENCE: f64 = 0.5;
/// At most this many bytes of a text are read.
pub const SAMPLE_BYTES: usize = 512;

/// The undetermined language.
pub fn undetermined() -> Lang {
    Lang {
        code: "und".to_string(),
        confidence: 0.0,
    }
}

/// The language of `text`, `und` when too short or unreliable.
pub fn detect_language(text: &str) -> Lang {
    let sample = head(text, SAMPLE_BYTES);
    let letters = sample
        .chars()
        .filter(|c| c.is_alphabetic())
        .take(MIN_LETTERS)
        .count();
    if letters < MIN_LETTERS {
        return undetermined();
    }
    if let Some(lang) = function_word_vote(sample) {
        return lang;
    }
    whatlang_detect(sample)
}

/// Hits of one language's marker words a sample needs for the vote to decide.
pub const MIN_MARKERS: usize = 5;

/// Words of French news that are not words of the other allowlisted
/// languages (`il`, `les`, `des`, `pas`, `au`, `mais` are: Italian, Catalan,
/// German, Romanian, Portuguese).
const FRENCH_MARKERS: &[&str] = &[
    "dans",
    "avec",
    "selon",
    "cette",
    "sont",
    "ont",
    "été",
    "était",
    "aux",
    "leur",
    "leurs",
    "pour",
    "également",
    "après",
    "où",
    "ainsi",
    "lors",
    "depuis",
    "notamment",
    "une",
    "est",
    "qu",
    "du",
    "sur",
    "par",
    "plus",
    "ses",
    "ces",
    "ils",
    "elle",
];

/// Words of English news that are not words of the other allowlisted
/// languages (`was`, `of`, `is`, `to`, `on`, `for`, `also` are: Dutch, Czech,
/// Polish, Danish, German).
const ENGLISH_MARKERS: &[&str] = &[
    "the", "and", "which", "were", "that", "with", "from", "have", "has", "said", "this", "would",
    "their", "been", "after", "they", "police", "who", "when", "his", "but", "are", "not", "its",
    "had", "more", "about", "into", "than", "there",
];

/// French or English when the sample's function words leave no doubt.
fn function_word_vote(sample: &str) -> Option<Lang> {
    let (mut fr, mut en) = (0usize, 0usize);
    for word in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| (2..=10).contains(&w.len()))
    {
        let lower = word.to_lowercase();
        if FRENCH_MARKERS.contains(&lower.as_str()) {
            fr += 1;
        } else if ENGLISH_MARKERS.contains(&lower.as_str()) {
            en += 1;
        }
    }
    let code = if fr >= MIN_MARKERS && en * 10 <= fr {
        "fr"
    } else if en >= MIN_MARKERS && fr * 10 <= en {
        "en"
    } else {
        return None;
    };
    Some(Lang {
        code: code.to_string(),
        confidence: 1.0,
    })
}

/// whatlang's answer on the sample, `und` when it is unsure.
fn whatlang_detect(sample: &str) -> Lang {
    match detector().detect(sample) {
        Some(info) if info.is_reliable() || info.confidence() >= MIN_CONFIDENCE => Lang {
            code: iso639_1(info.lang()).to_string(),
            confidence: info.confidence().clamp(0.0, 1.0) as f32,
        },
        _ => undetermined(),
    }
}

/// The languages detection chooses from: those of conflict news veille reads,
/// and their neighbours that whatlang could confuse them with.
const LANGUAGES: &[whatlang::Lang] = {
    use whatlang::Lang as L;
    &[
        L::Fra,
        L::Eng,
        L::Deu,
        L::Spa,
        L::Ita,
        L::Por,
        L::Nld,
        L::Cat,
        L::Ron,
        L::Pol,
        L::Ces,
        L::Slk,
        L::Hrv,
        L::Srp,
        L::Slv,
        L::Hun,
        L::Swe,
        L::Dan,
        L::Nob,
        L::Fin,
        L::Est,
        L::Lit,
        L::Lav,
        L::Tur,
        L::Aze,
        L::Ind,
        L::Vie,
        L::Tgl,
        L::Lat,
        L::Rus,
        L::Ukr,
        L::Bel,
        L::Bul,
        L::Mkd,
        L::Ell,
        L::Hye,
        L::Kat,
        L::Ara,
        L::Pes,
        L::Urd,
        L::Heb,
        L::Hin,
        L::Cmn,
        L::Jpn,
        L::Kor,
        L::Amh,
        L::Tha,
    ]
};

fn detector() -> &'static whatlang::Detector {
    static DETECTOR: OnceLock<whatlang::Detector> = OnceLock::new();
    DETECTOR.get_or_init(|| whatlang::Detector::with_allowlist(LANGUAGES.to_vec()))
}

/// A declared language tag as a code: `fr-FR` → `fr`, `FRA` → `fra`; `None`
/// when it is not a plausible language tag.
pub fn normalise_lang_tag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    let ok = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
    if !ok {
        return None;
    }
    let code = match primary.as_str() {
        "fra" | "fre" => "fr".to_string(),
        "eng" => "en".to_string(),
        "deu" | "ger" => "de".to_string(),
        "spa" => "es".to_string(),
        "ita" => "it".to_string(),
        "rus" => "ru".to_string(),
        "ara" => "ar".to_string(),
        "tur" => "tr".to_string(),
        _ => primary,
    };
    Some(code)
}

/// The longest prefix of `text` of at most `max` bytes ending on a char boundary.
fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The ISO 639-1 code of a whatlang language.
fn iso639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang as L;
    match lang {
        L::Epo => "eo",
        L::Eng => "en",
        L::Rus => "ru",
        L::Cmn => "zh",
        L::Spa => "es",
        L::Por => "pt",
        L::Ita => "it",
        L::Ben => "bn",
        L::Fra => "fr",
        L::Deu => "de",
        L::Ukr => "uk",
        L::Kat => "ka",
        L::Ara => "ar",
        L::Hin => "hi",
        L::Jpn => "ja",
        L::Heb => "he",
        L::Yid => "yi",
        L::Pol => "pl",
        L::Amh => "am",
        L::Jav => "jv",
        L::Kor => "ko",
        L::Nob => "nb",
        L::Dan => "da",
        L::Swe => "sv",
        L::Fin => "fi",
        L::Tur => "tr",
        L::Nld => "nl",
        L::Hun => "hu",
        L::Ces => "cs",
        L::Ell => "el",
        L::Bul => "bg",
        L::Bel => "be",
        L::Mar => "mr",
        L::Kan => "kn",
        L::Ron => "ro",
        L::Slv => "sl",
        L::Hrv => "hr",
        L::Srp => "sr",
        L::Mkd => "mk",
        L::Lit => "lt",
        L::Lav => "lv",
        L::Est => "et",
        L::Tam => "ta",
        L::Vie => "vi",
        L::Urd => "ur",
        L::Tha => "th",
        L::Guj => "gu",
        L::Uzb => "uz",
        L::Pan => "pa",
        L::Aze => "az",
        L::Ind => "id",
        L::Tel => "te",
        L::Pes => "fa",
        L::Mal => "ml",
        L::Ori => "or",
        L::Mya => "my",
        L::Nep => "ne",
        L::Sin => "si",
        L::Khm => "km",
        L::Tuk => "tk",
        L::Aka => "ak",
        L::Zul => "zu",
        L::Sna => "sn",
        L::Afr => "af",
        L::Lat => "la",
        L::Slk => "sk",
        L::Cat => "ca",
        L::Tgl => "tl",
        L::Hye => "hy",
        L::Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> String {
        detect_language(text).code
    }

    #[test]
    fn detects_news_languages() {
        let cases = [
            ("fr", "L'Azerbaïdjan a accusé mercredi l'Arménie d'avoir tué 21 personnes et blessé des dizaines d'autres dans des tirs de missiles ayant visé Barda."),
            ("en", "The Greene County Sheriff's Office is charging the father of a one year old girl shot and killed in what they say was an accident."),
            ("de", "Die Regierung in Berlin hat am Mittwoch neue Sanktionen gegen Russland beschlossen, wie ein Sprecher mitteilte."),
            ("es", "El gobierno de Armenia acusó el miércoles a Azerbaiyán de haber bombardeado zonas residenciales de la región."),
            ("it", "Il governo armeno ha accusato mercoledì l'Azerbaigian di aver bombardato le zone residenziali della regione."),
            ("ru", "Правительство Армении обвинило Азербайджан в обстреле жилых кварталов в регионе в среду."),
            ("ar", "اتهمت الحكومة الأرمينية أذربيجان بقصف مناطق سكنية في الإقليم يوم الأربعاء الماضي."),
        ];
        for (want, text) in cases {
            let got = detect_language(text);
            assert_eq!(got.code, want, "{text}");
            assert!((0.0..=1.0).contains(&got.confidence));
        }
    }

    /// The vote decides French and English news, and stays silent on the
    /// other languages' news (some share words such as `pour` or `the`).
    #[test]
    fn vote_agrees_with_whatlang() {
        let fr = "Selon le ministère, les tirs ont visé la ville dans la nuit, et cette attaque a été suivie d'autres frappes. Les autorités ont également fait état de victimes parmi les civils, mais aucun bilan n'était disponible depuis mardi.";
        let en = "The police said the man was shot after an argument with his neighbour, and that officers who arrived from the station were told the victim has been taken to hospital, which they confirmed when asked.";
        assert_eq!(
            function_word_vote(fr).map(|l| l.code).as_deref(),
            Some("fr")
        );
        assert_eq!(whatlang_detect(fr).code, "fr");
        assert_eq!(
            function_word_vote(en).map(|l| l.code).as_deref(),
            Some("en")
        );
        assert_eq!(whatlang_detect(en).code, "en");
        let others = [
            "Die Regierung in Berlin hat am Mittwoch neue Sanktionen gegen Russland beschlossen, wie ein Sprecher mitteilte, und die Opposition hat das kritisiert, weil die Maßnahmen zu spät kommen.",
            "El gobierno de Armenia acusó el miércoles a Azerbaiyán de haber bombardeado zonas residenciales de la región, según el ministerio, y pidió a la comunidad internacional que intervenga.",
            "Il governo armeno ha accusato mercoledì l'Azerbaigian di aver bombardato le zone residenziali della regione, secondo il ministero, e ha chiesto alla comunità internazionale di intervenire.",
            "El govern d'Armènia va acusar dimecres l'Azerbaidjan d'haver bombardejat zones residencials de la regió, segons el ministeri, i va demanar a la comunitat internacional que intervingui.",
            "De regering van Armenië heeft woensdag Azerbeidzjan ervan beschuldigd woonwijken in de regio te hebben gebombardeerd, zei het ministerie, en het was niet de eerste keer dat dit gebeurde.",
            "Guvernul armean a acuzat miercuri Azerbaidjanul că a bombardat zone rezidențiale din regiune, au declarat oficialii, iar atacurile au fost condamnate de comunitatea internațională.",
            "O governo da Armênia acusou na quarta-feira o Azerbaijão de ter bombardeado zonas residenciais da região, segundo o ministério, e pediu mais ajuda à comunidade internacional.",
        ];
        for text in others {
            assert_eq!(function_word_vote(text), None, "{text}");
        }
    }

    #[test]
    fn short_or_empty_is_und() {
        assert_eq!(code(""), "und");
        assert_eq!(code("   \n"), "und");
        assert_eq!(code("Paris 2020"), "und");
        assert_eq!(code("12 345 678 !!!"), "und");
    }

    #[test]
    fn normalises_tags() {
        assert_eq!(normalise_lang_tag("fr-FR").as_deref(), Some("fr"));
        assert_eq!(normalise_lang_tag("FRA").as_deref(), Some("fr"));
        assert_eq!(normalise_lang_tag("en_US").as_deref(), Some("en"));
        assert_eq!(normalise_lang_tag("hy").as_deref(), Some("hy"));
        assert_eq!(normalise_lang_tag("français"), None);
        assert_eq!(normalise_lang_tag(""), None);
    }
}
