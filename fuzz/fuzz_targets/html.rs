//! HTML reader: arbitrary bytes read as an `.html` input (encoding sniffing, DOM, content
//! region, metadata, notices, language), every document and error checked.
//! The body is [`dyad_fuzz::html`], which the regression tests call too.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| dyad_fuzz::html(data));
