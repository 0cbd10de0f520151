//! veille-store
