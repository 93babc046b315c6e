//! A cache hint for the models' table look-ups: the tagger's and the parser's weights are
//! megabytes read at hashed, so random, places, and nearly every read is a cache miss.
//! Asking for the lines of a token's or a parser state's features all at once lets the
//! processor fetch them together.

/// Starts loading the cache line that holds `value` and returns at once. A hint only: it
/// changes no value, and on processors without the instruction it does nothing.
#[inline(always)]
pub fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing the program can observe and cannot fault, at any
    // address (here a valid reference); the SSE instruction set it belongs to is part of
    // every x86-64 processor. (An ordinary load, the safe alternative, makes the
    // processor keep it until the data arrives, so few can be in flight: measured
    // slower.)
    unsafe {
        use core::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((value as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}
