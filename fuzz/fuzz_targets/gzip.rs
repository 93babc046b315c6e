//! gzip: arbitrary bytes as gzip data, and valid gzip of arbitrary bytes cut or corrupted
//! at an arbitrary point, read by the capped decompressor and by the readers (in memory
//! and streaming). The first byte chooses the mode.
//! The body is [`dyad_fuzz::gzip`], which the regression tests call too.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| dyad_fuzz::gzip(data));
