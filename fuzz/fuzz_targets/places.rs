//! Places: actor recognition (gazetteer places, countries, metonyms) and event locations
//! on arbitrary text set inside a sentence that asks for a place ("... attacked X in
//! <text>"); every mention in bounds with valid entity and sentence indices, coordinates
//! in range, location texts taken from the document.
//! The body is [`dyad_fuzz::places`], which the regression tests call too.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| dyad_fuzz::places(data));
