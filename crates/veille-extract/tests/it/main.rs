//! Integration tests of veille-extract on the bundled seed dispatches.

mod seeds_claims;
mod seeds_entities;
