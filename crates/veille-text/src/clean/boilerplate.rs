//! Navigation, sharing, subscription, cookie and copyright lines.
//!
//! A rule only ever removes a whole, short line (at most
//! [`MAX_BOILERPLATE_LINE`] bytes): real sentences stay even when they start
//! with a word such as "Updated". The lists were calibrated on the most
//! frequent short lines of the GVA English pages (`content` field) and on the
//! French seed dispatches; lines that are frequent but real ("The
//! investigation is ongoing.", "No arrests have been made.") are kept.

/// Longest line a boilerplate rule looks at, in bytes.
pub(crate) const MAX_BOILERPLATE_LINE: usize = 240;

/// Whole lines (lowercased, trailing `:`/`.`/`!` and spaces ignored) that are
/// navigation or sharing widgets.
const EXACT: &[&str] = &[
    // French
    "dernières nouvelles",
    "dernieres nouvelles",
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "voir aussi",
    "lire la suite",
    "sur le même sujet",
    "partager",
    "partager cet article",
    "publicité",
    "imprimer",
    "envoyer",
    "commentaires",
    "réagir",
    "suivez-nous",
    "fermer",
    "vidéo",
    "en images",
    "les plus lus",
    "à la une",
    // English
    "advertisement",
    "email",
    "e-mail",
    "print",
    "twitter",
    "facebook",
    "pinterest",
    "google",
    "google+",
    "linkedin",
    "reddit",
    "whatsapp",
    "pocket",
    "tumblr",
    "close",
    "more",
    "share",
    "share this",
    "share this story",
    "tweet",
    "comments",
    "comment",
    "photos",
    "related",
    "related stories",
    "trending stories",
    "watch this story",
    "already a subscriber?",
    "already have an account?",
    "thank you for registering",
    "just one more thing...",
    "why are we asking this?",
    "welcome back. please sign in",
    "need an account? create one now",
    "scroll down for video",
    "this slideshow requires javascript",
    "please enable javascript to watch this video",
    "hide transcript show transcript",
    "copy link copy",
    "0 pending comments",
    "your notification has been saved",
    "there was a problem saving your notification",
    "you are the owner of this article",
    "also on huffpost",
    "read more",
    "loading...",
    "like this: like loading...",
];

/// Line beginnings (lowercased) that mark a widget or legal line.
const PREFIXES: &[&str] = &[
    // French
    "lire aussi :",
    "lire aussi:",
    "à lire aussi :",
    "à lire aussi:",
    "a lire aussi :",
    "voir aussi :",
    "sur le même sujet :",
    "inscrivez-vous à notre newsletter",
    "abonnez-vous à notre newsletter",
    "recevez notre newsletter",
    "s'abonner à la newsletter",
    "nous utilisons des cookies",
    "ce site utilise des cookies",
    "en poursuivant votre navigation",
    "en continuant à naviguer",
    "accepter les cookies",
    "gérer les cookies",
    "tous droits réservés",
    // English
    "copyright ",
    "copyright©",
    "©",
    "(©",
    "all rights reserved",
    "you must enter the characters",
    "click on the button below",
    "click here to",
    "sign up for our newsletter",
    "sign up for one of our",
    "sign up today",
    "sign in using",
    "subscribe to our newsletter",
    "by submitting your registration",
    "by clicking",
    "share this:",
    "join the conversation on",
    "stay up to date, follow",
    "like this:",
    "email notifications are only sent",
    "we have sent you a verification email",
    "have an online subscription?",
    "having trouble viewing the video?",
    "report an error or submit a tip",
    "read more top trending stories",
    "for more neighborhood news",
    "this website uses cookies",
    "we use cookies",
    "this site uses cookies",
    "by continuing to use this site",
    "to continue reading",
    "log in or sign up",
    "download our app",
];

/// Words that, inside a short line, make it legal boilerplate wherever they are.
const CONTAINS: &[&str] = &[
    "all rights reserved",
    "tous droits réservés",
    "tous droits de reproduction",
];

/// Why a whole line is boilerplate, or `None` when it is text.
pub(crate) fn classify(line: &str) -> Option<&'static str> {
    if line.is_empty() || line.len() > MAX_BOILERPLATE_LINE {
        return None;
    }
    if is_rule(line) {
        return Some("separator");
    }
    let lower = line.to_lowercase();
    let key = lower.trim_end_matches([':', '.', '!', ' ', '\u{a0}']);
    if EXACT.contains(&key) {
        return Some("boilerplate");
    }
    if PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return Some("boilerplate");
    }
    if CONTAINS.iter().any(|c| lower.contains(c)) {
        return Some("copyright");
    }
    if is_follow_widget(&lower) {
        return Some("boilerplate");
    }
    None
}

/// A line drawn with punctuation only: `___`, `-----`, `***`, `===`.
fn is_rule(line: &str) -> bool {
    line.chars().count() >= 2
        && line
            .chars()
            .all(|c| matches!(c, '-' | '_' | '—' | '–' | '=' | '*' | '~' | '•' | '·' | ' '))
}

/// "Follow CBSDFW.COM: Facebook | Twitter", "FREE APPS | NOW | FACEBOOK | TWITTER".
fn is_follow_widget(lower: &str) -> bool {
    let social = ["facebook", "twitter", "instagram", "youtube"];
    let has_social = social.iter().any(|s| lower.contains(s));
    has_social && (lower.starts_with("follow ") || lower.matches('|').count() >= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_widget_lines() {
        for l in [
            "Dernières nouvelles",
            "Lire aussi",
            "À lire aussi :",
            "Partager",
            "You must enter the characters with black color that stand out from the other characters",
            "Already a subscriber?",
            "Click on the button below to set up your account or log in if you already have one.",
            "Copyright 2017 WMC Action News 5. All rights reserved.",
            "© 2016 Cox Media Group.",
            "Sign up for our newsletter",
            "Follow CBSDFW.COM: Facebook | Twitter",
            "___________________________",
            "Nous utilisons des cookies pour améliorer votre expérience.",
        ] {
            assert!(classify(l).is_some(), "{l}");
        }
    }

    #[test]
    fn keeps_real_sentences() {
        for l in [
            "The investigation is ongoing.",
            "No arrests have been made.",
            "Lire aussi les déclarations du ministre ne suffit pas à comprendre la crise.",
            "Le président a partagé sa vidéo sur Facebook.",
            "- Bakou saisit la CEDH -",
            "Updated: Initial reports were the victim was 13 but the school tells KFOR the victim had recently turned 14.",
        ] {
            assert_eq!(classify(l), None, "{l}");
        }
    }
}
