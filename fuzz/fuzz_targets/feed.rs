//! Feed reader: arbitrary bytes streamed as an RSS/Atom `.xml` input, and by content
//! sniffing (JSON Feed), every entry checked.
//! The body is [`dyad_fuzz::feed`], which the regression tests call too.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| dyad_fuzz::feed(data));
