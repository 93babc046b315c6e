//! Language layer: tokens, sentences, the part-of-speech tagger and quote folding on
//! arbitrary text; token and sentence offsets checked, one tag per token.
//! The body is [`dyad_fuzz::text`], which the regression tests call too.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| dyad_fuzz::text(data));
