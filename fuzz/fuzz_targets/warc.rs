//! WARC reader: arbitrary bytes streamed as a `.warc` input (record headers, HTTP heads,
//! chunked and compressed bodies, size limits), every entry checked.
//! The body is [`dyad_fuzz::warc`], which the regression tests call too.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| dyad_fuzz::warc(data));
