//! French and English counts as ranges.
//!
//! A count is read from the word view of a sentence ([`words::words`]):
//! digits with thousands separators (`1.120`, `5 000`, `30.000`, `1,120`;
//! a group of exactly three digits after `.`/`,` is a thousands group,
//! anything else a decimal: `8,5 millions`), number words (`vingt et un`,
//! `deux cents`, `trois mille`, `twenty-one`, `a dozen`), collective nouns
//! (`une centaine` ≈ 100, `des dizaines` → 20..=99, `plusieurs centaines` →
//! 200..=999, `des milliers` → 2,000..=9,999, `quelques`/`several` → 2..=9)
//! and fractions of a count (`la moitié des 140.000` → 70,000).
//!
//! Modifiers turn the count into a range. The reading is literal:
//! `au moins 70` / `at least 70` → 70.., `plus de 400` / `more than 400` →
//! 401.. (strictly more), `moins de 10` → 0..=9, `jusqu'à 10` / `up to 10` →
//! 0..=10 approximate, `près de`, `environ`, `quelque`, `about`, `nearly`,
//! `s'approchant de` → the value itself flagged approximate, `de 2000 à 3000`
//! / `between 2,000 and 3,000` → 2000..=3000.

pub(crate) mod lexicon;
pub(crate) mod words;

use lexicon::{approximate_noun, magnitude_plural, number_word, scale_after_digits, NumberWord};
use veille_text::TokenKind;
use words::{is, is_any, Word};

/// A count as a range: `max` is `None` when open-ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    pub min: u64,
    pub max: Option<u64>,
    pub approximate: bool,
}

impl Quantity {
    pub fn exact(n: u64) -> Quantity {
        Quantity {
            min: n,
            max: Some(n),
            approximate: false,
        }
    }
}

/// A count found at some words of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub q: Quantity,
    /// First word, modifiers included.
    pub start: usize,
    /// One past the last word of the count.
    pub end: usize,
    /// Digits without separator between 1800 and 2100 and no modifier: maybe a year.
    pub year_like: bool,
    /// A bare English article (`a man`) or French `un`/`une`: a count only
    /// when a victim noun follows.
    pub article: bool,
    /// A vague count (`des dizaines`, `plusieurs`, `quelques`): `de`/`of` may follow.
    pub collective: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Modifier {
    None,
    AtLeast,
    MoreThan,
    LessThan,
    UpTo,
    About,
}

/// Multi-word modifiers, longest first, as folded key sequences.
const MODIFIERS: &[(&[&str], Modifier)] = &[
    (&["pas", "moins", "de"], Modifier::AtLeast),
    (&["pas", "moins", "d'"], Modifier::AtLeast),
    (&["no", "fewer", "than"], Modifier::AtLeast),
    (&["no", "less", "than"], Modifier::AtLeast),
    (&["au", "moins"], Modifier::AtLeast),
    (&["at", "least"], Modifier::AtLeast),
    (&["a", "minimum", "of"], Modifier::AtLeast),
    (&["plus", "de"], Modifier::MoreThan),
    (&["plus", "d'"], Modifier::MoreThan),
    (&["more", "than"], Modifier::MoreThan),
    (&["over"], Modifier::MoreThan),
    (&["upwards", "of"], Modifier::MoreThan),
    (&["moins", "de"], Modifier::LessThan),
    (&["moins", "d'"], Modifier::LessThan),
    (&["fewer", "than"], Modifier::LessThan),
    (&["less", "than"], Modifier::LessThan),
    (&["jusqu'", "a"], Modifier::UpTo),
    (&["up", "to"], Modifier::UpTo),
    (&["as", "many", "as"], Modifier::UpTo),
    (&["pres", "de"], Modifier::About),
    (&["pres", "d'"], Modifier::About),
    (&["s'", "approchant", "de"], Modifier::About),
    (&["s'", "approchant", "d'"], Modifier::About),
    (&["autour", "de"], Modifier::About),
    (&["environ"], Modifier::About),
    (&["quelque"], Modifier::About),
    (&["approximativement"], Modifier::About),
    (&["presque"], Modifier::About),
    (&["about"], Modifier::About),
    (&["around"], Modifier::About),
    (&["nearly"], Modifier::About),
    (&["almost"], Modifier::About),
    (&["roughly"], Modifier::About),
    (&["approximately"], Modifier::About),
    (&["some"], Modifier::About),
    (&["an", "estimated"], Modifier::About),
];

/// Whether a folded word can begin a count (cheap pre-filter).
pub(crate) fn is_count_word(key: &str) -> bool {
    number_word(key).is_some()
        || approximate_noun(key).is_some()
        || magnitude_plural(key).is_some()
        || matches!(
            key,
            "a" | "an"
                | "des"
                | "plusieurs"
                | "quelques"
                | "several"
                | "moitie"
                | "half"
                | "tiers"
                | "third"
                | "quart"
                | "quarter"
        )
}

/// Every count of a sentence, left to right, not overlapping.
pub(crate) fn quantities(ws: &[Word], text: &str) -> Vec<Parsed> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        match parse_at(ws, i, text) {
            Some(p) => {
                i = p.end.max(i + 1);
                out.push(p);
            }
            None => i += 1,
        }
    }
    out
}

/// The count starting at word `i`, modifiers included.
pub(crate) fn parse_at(ws: &[Word], i: usize, text: &str) -> Option<Parsed> {
    let (modifier, j) = modifier_at(ws, i);
    // Ranges: "de 2000 à 3000", "entre 2000 et 3000", "between 2 and 3", "from 2 to 3".
    if modifier == Modifier::None && is_any(ws, i, &["de", "entre", "between", "from"]) {
        if let Some(r) = range_at(ws, i, text) {
            return Some(r);
        }
    }
    let (core, end, flags) = core_at(ws, j, text)?;
    // `plus d'un an` is no count; `au moins une personne` is one or more
    let at_least_one = modifier == Modifier::AtLeast && is_any(ws, j, &["un", "une"]);
    if modifier != Modifier::None && flags.article && !at_least_one {
        return None;
    }
    // "2000 à 3000", "10 to 15"
    if modifier == Modifier::None
        && !flags.article
        && !flags.collective
        && is_any(ws, end, &["a", "to"])
        && !ws[end].before.breaks()
    {
        {
            if let Some((hi, end2, f2)) = core_at(ws, end + 1, text) {
                if !f2.article && !f2.collective && hi.min > core.min {
                    return Some(Parsed {
                        q: Quantity {
                            min: core.min,
                            max: hi.max,
                            approximate: false,
                        },
                        start: i,
                        end: end2,
                        year_like: false,
                        article: false,
                        collective: false,
                    });
                }
            }
        }
    }
    let q = apply(modifier, core);
    Some(Parsed {
        q,
        start: i,
        end,
        year_like: modifier == Modifier::None && flags.year_like,
        article: flags.article,
        collective: flags.collective,
    })
}

fn apply(m: Modifier, q: Quantity) -> Quantity {
    match m {
        Modifier::None => q,
        Modifier::AtLeast => Quantity {
            min: q.min,
            max: None,
            approximate: q.approximate,
        },
        Modifier::MoreThan => Quantity {
            min: q.min.saturating_add(1),
            max: None,
            approximate: q.approximate,
        },
        Modifier::LessThan => Quantity {
            min: 0,
            max: Some(q.min.saturating_sub(1)),
            approximate: q.approximate,
        },
        Modifier::UpTo => Quantity {
            min: 0,
            max: q.max,
            approximate: true,
        },
        Modifier::About => Quantity {
            approximate: true,
            ..q
        },
    }
}

fn modifier_at(ws: &[Word], i: usize) -> (Modifier, usize) {
    for (seq, m) in MODIFIERS {
        if seq.iter().enumerate().all(|(k, s)| is(ws, i + k, s))
            && !ws[i + 1..i + seq.len()].iter().any(|w| w.before.breaks())
        {
            return (*m, i + seq.len());
        }
    }
    (Modifier::None, i)
}

fn range_at(ws: &[Word], i: usize, text: &str) -> Option<Parsed> {
    let (lo, e1, f1) = core_at(ws, i + 1, text)?;
    let joiner = match ws[i].key.as_str() {
        "de" | "from" => ["a", "to"],
        _ => ["et", "and"],
    };
    if !is_any(ws, e1, &joiner) || f1.article || f1.collective {
        return None;
    }
    let (hi, e2, f2) = core_at(ws, e1 + 1, text)?;
    if f2.article || f2.collective || hi.min <= lo.min {
        return None;
    }
    Some(Parsed {
        q: Quantity {
            min: lo.min,
            max: hi.max,
            approximate: false,
        },
        start: i,
        end: e2,
        year_like: false,
        article: false,
        collective: false,
    })
}

#[derive(Debug, Clone, Copy, Default)]
struct CoreFlags {
    year_like: bool,
    article: bool,
    collective: bool,
}

/// A bare count at word `j`: digits, number words, collective nouns, fractions.
fn core_at(ws: &[Word], j: usize, text: &str) -> Option<(Quantity, usize, CoreFlags)> {
    let w = ws.get(j)?;
    let key = w.key.as_str();
    // Fractions: "la moitié des 140.000", "half of the 300", "un tiers des".
    let fraction = match key {
        "moitie" | "half" => Some((1, 2)),
        "tiers" | "third" => Some((1, 3)),
        "quart" | "quarter" => Some((1, 4)),
        _ => None,
    };
    if let Some((num, den)) = fraction {
        let k = j + 1;
        let k = if is_any(ws, k, &["des", "de", "of", "d'"]) {
            k + 1
        } else {
            return None;
        };
        let k = if is_any(ws, k, &["the", "ses", "leurs", "ces", "les"]) {
            k + 1
        } else {
            k
        };
        let (q, end, f) = core_at(ws, k, text)?;
        if f.article || f.collective {
            return None;
        }
        let n = q.min * num / den;
        return Some((
            Quantity {
                min: n,
                max: Some(n),
                approximate: q.approximate,
            },
            end,
            CoreFlags::default(),
        ));
    }
    if w.kind == TokenKind::Number {
        return digits_at(ws, j, text);
    }
    // "une centaine", "un millier", "a dozen"
    if is_any(ws, j, &["une", "un", "a", "an"]) {
        if let Some(v) = ws.get(j + 1).and_then(|n| approximate_noun(&n.key)) {
            let exact = ws[j + 1].key == "dozen";
            return Some((
                Quantity {
                    min: v,
                    max: Some(v),
                    approximate: !exact,
                },
                j + 2,
                CoreFlags {
                    collective: true,
                    ..CoreFlags::default()
                },
            ));
        }
        if is_any(ws, j, &["a", "an"]) {
            if let Some(NumberWord::Hundred | NumberWord::Scale(_)) =
                ws.get(j + 1).and_then(|n| number_word(&n.key))
            {
                return words_at(ws, j + 1);
            }
            return Some((
                Quantity::exact(1),
                j + 1,
                CoreFlags {
                    article: true,
                    ..CoreFlags::default()
                },
            ));
        }
    }
    // "des dizaines (de milliers)", "plusieurs centaines", "dozens", "thousands"
    let lead = usize::from(is_any(ws, j, &["des", "plusieurs", "quelques", "several"]));
    if let Some((lo, hi)) = ws.get(j + lead).and_then(|n| magnitude_plural(&n.key)) {
        let bare_ok = lead == 1 || matches!(key, "dozens" | "hundreds" | "thousands");
        if bare_ok && !(key == "millions" && lead == 0) {
            let mut end = j + lead + 1;
            let (mut lo, mut hi) = (lo, hi);
            // "des dizaines de milliers", "tens of thousands"
            if is_any(ws, end, &["de", "of"]) {
                if let Some(scale) = ws.get(end + 1).and_then(|n| match n.key.as_str() {
                    "milliers" | "thousands" => Some(1_000),
                    "millions" => Some(1_000_000),
                    _ => None,
                }) {
                    lo *= scale;
                    hi = hi * scale + scale - 1;
                    end += 2;
                }
            }
            return Some((
                Quantity {
                    min: lo,
                    max: Some(hi),
                    approximate: true,
                },
                end,
                CoreFlags {
                    collective: true,
                    ..CoreFlags::default()
                },
            ));
        }
    }
    if is_any(ws, j, &["quelques", "plusieurs", "several"])
        || (is(ws, j, "a") && is(ws, j + 1, "few"))
    {
        let end = j + if key == "a" { 2 } else { 1 };
        return Some((
            Quantity {
                min: 2,
                max: Some(9),
                approximate: true,
            },
            end,
            CoreFlags {
                collective: true,
                ..CoreFlags::default()
            },
        ));
    }
    if number_word(key).is_some() {
        let (q, end, mut f) = words_at(ws, j)?;
        // A lone "un"/"une" is an article first: a count only before a victim noun.
        if end == j + 1 && matches!(key, "un" | "une") {
            f.article = true;
        }
        return Some((q, end, f));
    }
    None
}

/// Digits, with thousands groups split by single spaces joined, and an
/// optional scale word after.
fn digits_at(ws: &[Word], j: usize, text: &str) -> Option<(Quantity, usize, CoreFlags)> {
    let first = ws[j].span.slice(text);
    let mut value = parse_digits(first)?;
    let mut end = j + 1;
    let mut grouped = first.contains(['.', ',']);
    // "5 000", "1 200 000"
    while let Some(n) = ws.get(end) {
        let s = n.span.slice(text);
        if n.kind == TokenKind::Number
            && n.before.single_space
            && s.len() == 3
            && s.bytes().all(|b| b.is_ascii_digit())
            && value.fract() == 0.0
            && value < 1_000_000_000.0
            && (end > j + 1 || first.len() <= 3)
        {
            value = value * 1000.0 + parse_digits(s)?;
            end += 1;
            grouped = true;
        } else {
            break;
        }
    }
    if let Some(scale) = ws.get(end).and_then(|n| scale_after_digits(&n.key)) {
        if !ws[end].before.breaks() {
            value *= scale as f64;
            end += 1;
            grouped = true;
        }
    }
    if !(0.0..1e15).contains(&value) {
        return None;
    }
    let n = value.round() as u64;
    let year_like = !grouped && first.len() == 4 && (1800..=2100).contains(&n);
    Some((
        Quantity::exact(n),
        end,
        CoreFlags {
            year_like,
            ..CoreFlags::default()
        },
    ))
}

/// A digit string: `.`/`,` followed by exactly three digits separate
/// thousands, otherwise they mark decimals.
pub(crate) fn parse_digits(s: &str) -> Option<f64> {
    if !s.bytes().any(|b| b.is_ascii_digit()) || !s.is_ascii() {
        return None;
    }
    let parts: Vec<&str> = s.split(['.', ',']).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let thousands =
        parts.len() > 1 && parts[1..].iter().all(|p| p.len() == 3) && parts[0].len() <= 3;
    if parts.len() == 1 || thousands {
        let joined: String = parts.concat();
        return joined.parse::<f64>().ok();
    }
    if parts.len() == 2 {
        return format!("{}.{}", parts[0], parts[1]).parse::<f64>().ok();
    }
    None
}

/// A run of number words: `vingt et un`, `deux cents`, `trois mille`,
/// `quatre-vingt-dix`, `twenty-one`, `one hundred and five`.
fn words_at(ws: &[Word], j: usize) -> Option<(Quantity, usize, CoreFlags)> {
    let (mut total, mut current) = (0u64, 0u64);
    let mut end = j;
    let mut last_small: Option<u64> = None;
    let mut k = j;
    while let Some(w) = ws.get(k) {
        if k > j && w.before.breaks() {
            break;
        }
        // "vingt et un", "one hundred and five": a joiner between number words
        if k > j && matches!(w.key.as_str(), "et" | "and") {
            match ws.get(k + 1).and_then(|n| number_word(&n.key)) {
                Some(NumberWord::Small(_)) if !ws[k + 1].before.breaks() => {
                    k += 1;
                    continue;
                }
                _ => break,
            }
        }
        let Some(nw) = number_word(&w.key) else { break };
        match nw {
            NumberWord::Small(v) => {
                // "quatre-vingt(s)" = 80
                if v == 20 && last_small == Some(4) && current % 100 == 4 {
                    current += 76;
                } else if last_small.is_some_and(|l| l < 10 || l % 10 != 0 || v >= 10) {
                    // "deux trois" or "vingt vingt": not one number
                    let l = last_small.unwrap_or(0);
                    if !(l >= 20 && l.is_multiple_of(10) && v < 10
                        || l == 10 && (7..=9).contains(&v)
                        || l == 60 && (10..=19).contains(&v)
                        || l == 80 && (1..=19).contains(&v))
                    {
                        break;
                    }
                    current += v;
                } else {
                    current += v;
                }
                last_small = Some(if v == 20 && current % 100 == 80 {
                    80
                } else {
                    v
                });
            }
            NumberWord::Hundred => {
                current = current.max(1) * 100;
                last_small = None;
            }
            NumberWord::Scale(s) => {
                total += current.max(1) * s;
                current = 0;
                last_small = None;
            }
        }
        k += 1;
        end = k;
    }
    if end == j {
        return None;
    }
    Some((Quantity::exact(total + current), end, CoreFlags::default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Option<(u64, Option<u64>, bool)> {
        let ws = words::words(text);
        let p = parse_at(&ws, 0, text)?;
        Some((p.q.min, p.q.max, p.q.approximate))
    }

    #[test]
    fn digits_with_separators() {
        assert_eq!(q("1.120 personnes"), Some((1120, Some(1120), false)));
        assert_eq!(q("5 000 morts"), Some((5000, Some(5000), false)));
        assert_eq!(q("30.000 morts"), Some((30000, Some(30000), false)));
        assert_eq!(q("1,120 killed"), Some((1120, Some(1120), false)));
        assert_eq!(q("8,5 millions"), Some((8_500_000, Some(8_500_000), false)));
        assert_eq!(
            q("1 200 000 habitants"),
            Some((1_200_000, Some(1_200_000), false))
        );
    }

    #[test]
    fn number_words() {
        assert_eq!(q("cinq civils").map(|x| x.0), Some(5));
        assert_eq!(q("vingt-et-un morts").map(|x| x.0), Some(21));
        assert_eq!(q("vingt et un morts").map(|x| x.0), Some(21));
        assert_eq!(q("deux cents morts").map(|x| x.0), Some(200));
        assert_eq!(q("trois mille morts").map(|x| x.0), Some(3000));
        assert_eq!(q("quatre-vingt-dix-sept").map(|x| x.0), Some(97));
        assert_eq!(q("soixante-dix morts").map(|x| x.0), Some(70));
        assert_eq!(q("twenty-one people").map(|x| x.0), Some(21));
        assert_eq!(q("one hundred and five").map(|x| x.0), Some(105));
        assert_eq!(q("a dozen people"), Some((12, Some(12), false)));
        assert_eq!(q("deux autres").map(|x| x.0), Some(2));
    }

    #[test]
    fn modifiers_make_ranges() {
        assert_eq!(q("au moins 70"), Some((70, None, false)));
        assert_eq!(q("plus de 400 morts"), Some((401, None, false)));
        assert_eq!(q("more than 400"), Some((401, None, false)));
        assert_eq!(q("près de 5 000 morts"), Some((5000, Some(5000), true)));
        assert_eq!(q("environ 30 morts"), Some((30, Some(30), true)));
        assert_eq!(q("de 2000 à 3000 soldats"), Some((2000, Some(3000), false)));
        assert_eq!(q("between 2 and 5 people"), Some((2, Some(5), false)));
        assert_eq!(q("une centaine de civils"), Some((100, Some(100), true)));
        assert_eq!(q("des dizaines d'autres"), Some((20, Some(99), true)));
        assert_eq!(
            q("plusieurs centaines de morts"),
            Some((200, Some(999), true))
        );
        assert_eq!(q("des milliers de soldats"), Some((2000, Some(9999), true)));
        assert_eq!(
            q("des dizaines de milliers"),
            Some((20_000, Some(99_999), true))
        );
        assert_eq!(q("moins de 10"), Some((0, Some(9), false)));
    }

    #[test]
    fn fractions_of_counts() {
        assert_eq!(
            q("la moitié des 140.000 habitants").map(|x| x.0),
            None,
            "the article is not part of the count"
        );
        let text = "la moitié des 140.000 habitants";
        let ws = words::words(text);
        assert_eq!(parse_at(&ws, 1, text).map(|p| p.q.min), Some(70_000));
    }

    #[test]
    fn years_are_flagged() {
        let text = "en 2020";
        let ws = words::words(text);
        assert!(parse_at(&ws, 1, text).is_some_and(|p| p.year_like));
        let text = "de 2000 à 3000 soldats";
        let ws = words::words(text);
        assert!(!parse_at(&ws, 0, text).is_some_and(|p| p.year_like));
    }

    #[test]
    fn articles_are_flagged() {
        let text = "un civil";
        let ws = words::words(text);
        assert!(parse_at(&ws, 0, text).is_some_and(|p| p.article && p.q.min == 1));
    }
}
