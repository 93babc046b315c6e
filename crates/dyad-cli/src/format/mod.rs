//! Output formats of `dyad extract`: the contract JSON ([`json`]), PLOVER event records
//! ([`plover`]) and GDELT 2.0 event rows ([`gdelt`]).

pub mod fips;
pub mod gdelt;
pub mod json;
pub mod plover;
#[cfg(test)]
pub(crate) mod testing;

/// The output formats, as named on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Json,
    Plover,
    Gdelt,
}
