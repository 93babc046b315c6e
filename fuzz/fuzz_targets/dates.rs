//! Date phrases (dyad-events dates.rs): arbitrary text, an arbitrary byte window (not
//! necessarily on char boundaries) and with and without a publication date; every found
//! expression inside the window, on char boundaries, with its period in order.
//! The body is [`dyad_fuzz::dates`], which the regression tests call too.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| dyad_fuzz::dates(data));
