//! The whole pipeline (actors, events, dates, magnitudes, places) on arbitrary text with a
//! fixed publication date: every offset and mention text checked, the JSON output parsed
//! back, and a second run giving the same output.
//! The body is [`dyad_fuzz::pipeline`], which the regression tests call too.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| dyad_fuzz::pipeline(data));
