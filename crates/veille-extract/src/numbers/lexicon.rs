//! Number words of French and English, by folded key.

/// The value of a cardinal word below one hundred, or a scale word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberWord {
    /// A value below 100 that adds up (`vingt`, `trois`, `twenty`).
    Small(u64),
    /// `cent`, `hundred`: multiplies what precedes (or 1).
    Hundred,
    /// `mille`, `thousand`, `million`, `milliard`, `billion`: closes a group.
    Scale(u64),
}

/// The number word of a folded key.
pub(crate) fn number_word(key: &str) -> Option<NumberWord> {
    use NumberWord::*;
    Some(match key {
        "un" | "une" | "one" => Small(1),
        "deux" | "two" => Small(2),
        "trois" | "three" => Small(3),
        "quatre" | "four" => Small(4),
        "cinq" | "five" => Small(5),
        "six" => Small(6),
        "sept" | "seven" => Small(7),
        "huit" | "eight" => Small(8),
        "neuf" | "nine" => Small(9),
        "dix" | "ten" => Small(10),
        "onze" | "eleven" => Small(11),
        "douze" | "twelve" => Small(12),
        "treize" | "thirteen" => Small(13),
        "quatorze" | "fourteen" => Small(14),
        "quinze" | "fifteen" => Small(15),
        "seize" | "sixteen" => Small(16),
        "seventeen" => Small(17),
        "eighteen" => Small(18),
        "nineteen" => Small(19),
        "vingt" | "vingts" | "twenty" => Small(20),
        "trente" | "thirty" => Small(30),
        "quarante" | "forty" => Small(40),
        "cinquante" | "fifty" => Small(50),
        "soixante" | "sixty" => Small(60),
        "seventy" => Small(70),
        "eighty" => Small(80),
        "ninety" => Small(90),
        "cent" | "cents" | "hundred" => Hundred,
        "mille" | "thousand" => Scale(1_000),
        "million" | "millions" => Scale(1_000_000),
        "milliard" | "milliards" | "billion" | "billions" => Scale(1_000_000_000),
        _ => return None,
    })
}

/// Scale words that may follow digits (`8,5 millions`, `3 thousand`).
pub(crate) fn scale_after_digits(key: &str) -> Option<u64> {
    match number_word(key) {
        Some(NumberWord::Scale(s)) => Some(s),
        Some(NumberWord::Hundred) if key == "hundred" => Some(100),
        _ => None,
    }
}

/// Approximate collective nouns with a rough value: `une centaine` (≈ 100),
/// `une dizaine` (≈ 10), `un millier` (≈ 1,000).
pub(crate) fn approximate_noun(key: &str) -> Option<u64> {
    Some(match key {
        "dizaine" => 10,
        "douzaine" | "dozen" => 12,
        "quinzaine" => 15,
        "vingtaine" => 20,
        "trentaine" => 30,
        "quarantaine" => 40,
        "cinquantaine" => 50,
        "soixantaine" => 60,
        "centaine" => 100,
        "millier" => 1_000,
        _ => return None,
    })
}

/// Plural collective nouns for an order of magnitude: `des dizaines`,
/// `plusieurs centaines`, `dozens`, `thousands` → an open range.
pub(crate) fn magnitude_plural(key: &str) -> Option<(u64, u64)> {
    Some(match key {
        "dizaines" | "dozens" | "tens" => (20, 99),
        "centaines" | "hundreds" => (200, 999),
        "milliers" | "thousands" => (2_000, 9_999),
        "millions" => (2_000_000, 9_999_999),
        _ => return None,
    })
}
