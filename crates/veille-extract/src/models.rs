//! Where learned weights come from at run time.
//!
//! The two learned models (the French NER tagger, `entities::learned`, and the
//! English attribution model, `quotes::learned`) are trained on research sets
//! whose licences do not let their derivatives ship in this repository
//! (HIPE-2020 is CC BY-NC-SA; PolNeAR carries no licence). So no weights are
//! committed: whoever holds the data builds them with `cargo xtask train ner`
//! / `cargo xtask train attribution` (a few seconds each), which write into the
//! folder named by `VEILLE_MODELS` (default `target/models` for xtask), and
//! points `VEILLE_MODELS` at that folder when running `veille`. Without it the
//! rules run alone — their figures are in reports/entities.md and
//! reports/claims.md beside the learned ones.

use std::path::PathBuf;

/// The environment variable naming the folder of learned weights.
pub const MODELS_ENV: &str = "VEILLE_MODELS";

/// File name of the French NER weights.
pub const NER_FR: &str = "ner-fr.bin.gz";
/// File name of the English attribution weights.
pub const ATTRIBUTION_EN: &str = "attribution-en.weights.gz";

/// The path of the weights file `name` in `VEILLE_MODELS`, when set.
pub fn path(name: &str) -> Option<PathBuf> {
    std::env::var_os(MODELS_ENV).map(|dir| PathBuf::from(dir).join(name))
}

/// The bytes of `name` from `VEILLE_MODELS`: `None` when the variable is unset
/// or the file absent (the caller falls back to rules); a file that exists but
/// cannot be read is reported on stderr once by the caller's loader.
pub fn read(name: &str) -> Option<Vec<u8>> {
    let p = path(name)?;
    match std::fs::read(&p) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            eprintln!(
                "warning: cannot read model {}: {e}; running the rules only",
                p.display()
            );
            None
        }
    }
}

/// The next number of a xorshift64 generator (fixed seeds make training
/// runs repeatable).
pub fn xorshift(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

/// Fisher–Yates over `order` with [`xorshift`]: the same order every run
/// for the same seed.
pub fn shuffle(order: &mut [usize], seed: &mut u64) {
    for k in (1..order.len()).rev() {
        let r = xorshift(seed);
        order.swap(k, (r % (k as u64 + 1)) as usize);
    }
}
