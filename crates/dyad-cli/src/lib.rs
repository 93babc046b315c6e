//! The `dyad` command's reusable parts: the output formats of `dyad extract` as pure
//! functions over [`dyad_model::Extraction`], so the store and the server can write the
//! same JSON, PLOVER and GDELT records.

pub mod format;
