//! Needs the weights (`scripts/fetch-e5.sh`); each test says so and passes
//! without checking anything when they are absent.

use std::path::PathBuf;
use veille_e5::{model_path, Encoder, Error, Pooling};

fn encoder() -> Option<Encoder> {
    let models = std::env::var_os("VEILLE_MODELS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/models"));
    let path = model_path(&models);
    match Encoder::load(&path) {
        Ok(e) => Some(e),
        Err(Error::Missing(p)) => {
            eprintln!(
                "skipped: {} is absent (run scripts/fetch-e5.sh)",
                p.display()
            );
            None
        }
        Err(e) => panic!("{e}"),
    }
}

fn words(s: &str) -> Vec<&str> {
    s.split(' ').collect()
}

fn cos(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (na * nb)
}

#[test]
fn a_missing_file_is_named() {
    let p = PathBuf::from("/nonexistent/e5/e5-small-q4.bin");
    let e = Encoder::load(&p).unwrap_err();
    assert_eq!(e, Error::Missing(p));
    assert!(e.to_string().contains("/nonexistent/e5/e5-small-q4.bin"));
}

#[test]
fn a_file_that_is_no_model_is_refused() {
    let dir = std::env::temp_dir().join(format!("veille-e5-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("junk.bin");
    std::fs::write(&p, b"not a model at all, just some bytes").unwrap();
    let e = Encoder::load(&p).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(e, Error::Unreadable(p));
}

#[test]
fn one_vector_per_word_and_context_matters() {
    let Some(enc) = encoder() else { return };
    assert_eq!(enc.dim(), 384);
    let sentences = vec![
        words("Le président Emmanuel Macron est arrivé à Bruxelles mardi ."),
        words("Il a vécu à Bruxelles pendant dix ans ."),
        words("Il a vécu à Lyon pendant dix ans ."),
    ];
    let v = enc.word_vectors(&sentences, Pooling::Mean).unwrap();
    assert_eq!(v.len(), 10 + 9 + 9);
    assert!(v.data.iter().all(|x| x.is_finite()));
    // the same word differs by its sentence: contextual, not a lookup
    let (b1, b2) = (v.get(7), v.get(10 + 4));
    assert!(cos(b1, b2) < 0.999, "{}", cos(b1, b2));
    // a city in the same frame is closer to another city than to a verb
    let lyon = v.get(19 + 4);
    let vecu = v.get(19 + 2);
    assert!(cos(b2, lyon) > cos(b2, vecu));
}

#[test]
fn a_sentence_in_a_batch_gets_the_vectors_it_gets_alone() {
    let Some(enc) = encoder() else { return };
    let s = words("Genève accueille la conférence sur le désarmement .");
    let alone = enc
        .word_vectors(std::slice::from_ref(&s), Pooling::First)
        .unwrap();
    let batch = enc
        .word_vectors(&[words("Une autre phrase avant ."), s], Pooling::First)
        .unwrap();
    for i in 0..alone.len() {
        let c = cos(alone.get(i), batch.get(5 + i));
        assert!(c > 0.9999, "word {i}: cosine {c}");
    }
}

#[test]
fn pooling_differs_only_for_words_of_several_pieces() {
    let Some(enc) = encoder() else { return };
    let s = vec![words("la Confédération helvétique et le")];
    let mean = enc.word_vectors(&s, Pooling::Mean).unwrap();
    let first = enc.word_vectors(&s, Pooling::First).unwrap();
    // "la" and "le" are one piece each
    assert_eq!(mean.get(0), first.get(0));
    assert_eq!(mean.get(4), first.get(4));
    assert_ne!(mean.get(1), first.get(1));
}

#[test]
fn long_sentences_are_windowed() {
    let Some(mut enc) = encoder() else { return };
    enc.set_window(64);
    assert_eq!(enc.window(), 64);
    // ~500 pieces: fifteen half-overlapping windows of 64
    let long: Vec<String> = (0..200).map(|i| format!("Neuchâtel{}", i % 7)).collect();
    let v = enc
        .word_vectors(std::slice::from_ref(&long), Pooling::Mean)
        .unwrap();
    assert_eq!(v.len(), 200);
    for i in 0..200 {
        let row = v.get(i);
        assert!(row.iter().all(|x| x.is_finite()), "word {i}");
        assert!(row.iter().any(|x| *x != 0.0), "word {i} has no vector");
    }
    // the last word's vector does not depend on the first words being there
    let tail = enc
        .word_vectors(&[long[100..].to_vec()], Pooling::Mean)
        .unwrap();
    assert!(cos(v.get(199), tail.get(99)) > 0.9);
    // a window that holds the whole sentence sees all of it: the first
    // word changes with the last
    enc.set_window(100_000);
    assert_eq!(enc.window(), veille_e5::Encoder::MAX_WINDOW);
    let a = enc
        .word_vectors(&[words("Berne est loin de Paris")], Pooling::Mean)
        .unwrap();
    let b = enc
        .word_vectors(&[words("Berne est loin de Rome")], Pooling::Mean)
        .unwrap();
    assert_ne!(a.get(0), b.get(0));
}

#[test]
fn empty_input_and_nul_bytes() {
    let Some(enc) = encoder() else { return };
    let none: Vec<Vec<&str>> = vec![vec![], vec![]];
    assert!(enc.word_vectors(&none, Pooling::Mean).unwrap().is_empty());
    let bad = vec![words("a b"), vec!["ok", "x\0y"]];
    assert_eq!(
        enc.word_vectors(&bad, Pooling::Mean).unwrap_err(),
        Error::NulInWord {
            sentence: 1,
            word: 1
        }
    );
}
