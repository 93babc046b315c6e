//! Magnitudes (dyad-events magnitude.rs): number words, digits, scales, currencies and
//! ranges in arbitrary text and an arbitrary byte window; every count inside the window
//! and on char boundaries, ranges in order.
//! The body is [`dyad_fuzz::numbers`], which the regression tests call too.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| dyad_fuzz::numbers(data));
