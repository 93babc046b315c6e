//! Transparent gzip decompression with a hard cap on the decompressed size, so that a
//! gzip bomb or a huge dump ends in an error instead of exhausting memory. Multi-member
//! files (concatenated gzip streams, as in crawl archives) are read whole.

use std::io::Read;

use flate2::read::MultiGzDecoder;

/// The most bytes one input may decompress to (256 MiB).
pub const MAX_DECOMPRESSED: usize = 256 * 1024 * 1024;

/// Why decompression failed.
#[derive(Debug, thiserror::Error)]
pub enum GzipError {
    #[error("gzip data decompresses to more than {limit} bytes; refusing to read it")]
    TooLarge { limit: usize },
    #[error("truncated or corrupt gzip data: {0}")]
    Corrupt(std::io::Error),
}

/// Whether `bytes` start with the gzip magic number.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Decompresses all of `bytes`, failing when the output would exceed `limit` bytes or the
/// stream is truncated or corrupt.
pub fn decompress(bytes: &[u8], limit: usize) -> Result<Vec<u8>, GzipError> {
    let mut out = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    MultiGzDecoder::new(bytes)
        .take(cap)
        .read_to_end(&mut out)
        .map_err(GzipError::Corrupt)?;
    if out.len() > limit {
        return Err(GzipError::TooLarge { limit });
    }
    Ok(out)
}

/// Decompresses at most the first `limit` bytes, ignoring errors: for content sniffing.
pub fn prefix(bytes: &[u8], limit: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut decoder = MultiGzDecoder::new(bytes).take(limit as u64);
    let mut buf = [0u8; 8192];
    loop {
        match decoder.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests_support {
    use std::io::Write;

    /// `bytes`, gzipped.
    pub fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).expect("in-memory write");
        enc.finish().expect("in-memory write")
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::gzip;
    use super::*;

    #[test]
    fn round_trip_and_multi_member() {
        let mut two = gzip(b"first ");
        two.extend(gzip(b"second"));
        assert_eq!(decompress(&two, 100).unwrap(), b"first second");
    }

    #[test]
    fn cap_is_enforced() {
        let bomb = gzip(&vec![b'a'; 100_000]);
        assert!(matches!(
            decompress(&bomb, 1000),
            Err(GzipError::TooLarge { limit: 1000 })
        ));
        assert_eq!(decompress(&bomb, 100_000).unwrap().len(), 100_000);
    }

    #[test]
    fn truncated_is_corrupt() {
        let data = gzip(&b"some words that compress ".repeat(200));
        let err = decompress(&data[..data.len() - 9], 1 << 20).unwrap_err();
        assert!(matches!(err, GzipError::Corrupt(_)), "{err}");
        assert!(decompress(&[0x1f, 0x8b, 1, 2, 3], 100).is_err());
    }

    #[test]
    fn prefix_tolerates_truncation() {
        let page: String = (0..2000).map(|i| format!("<p>{i}</p>")).collect();
        let data = gzip(format!("<html><body>{page}").as_bytes());
        let p = prefix(&data[..data.len() / 2], 64);
        assert!(p.starts_with(b"<html>"));
        assert!(p.len() <= 64);
    }
}
