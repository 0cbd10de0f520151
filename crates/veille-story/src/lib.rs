//! veille-story
