//! `veille cluster`: the same command as `veille update` (every derived
//! stage brought up to date, the cluster stage among them; its report says
//! how many documents were clustered and how many events and stories the
//! store holds). Kept as a name because the clusters are what a reader asks for.

pub use super::update::{run, Args};
