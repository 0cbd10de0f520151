//! veille-extract
