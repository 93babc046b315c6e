//! JSONL reader: arbitrary bytes streamed and read as a `.jsonl` input; every entry
//! checked, and every error's line number inside the input.
//! The body is [`dyad_fuzz::jsonl`], which the regression tests call too.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| dyad_fuzz::jsonl(data));
