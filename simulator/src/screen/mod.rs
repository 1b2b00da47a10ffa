//! Screens: the model every page is built as, and its two renderings.

pub mod form;
pub mod frame;
pub mod html;
pub mod json;
pub mod model;
pub mod printed;
pub mod reference;
pub mod spec;

pub use model::*;
