//! veille-engine
