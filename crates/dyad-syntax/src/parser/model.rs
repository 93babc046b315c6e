//! The parser's weights and their file format.
//!
//! Two tables of hashed rows (the "hashing trick": a feature's key picks a row; no
//! feature names are kept and collisions share a row): the transition table, one weight
//! per transition, and the relation table, one weight per relation. Weights are averaged
//! perceptron weights quantised to 16-bit integers with one scale per table.
//!
//! The file (`data/models/parser-en-ewt.bin`) is little-endian binary:
//!
//! ```text
//! magic "DYADPARS", u32 format version
//! u32 length, UTF-8 header: `key = value` lines (provenance, licence, settings,
//!     `relations = root punct nsubj …` naming the relation table's columns)
//! two tables, each: u32 row bits, u32 width, f32 scale, then runs of rows:
//!     u32 zero rows, u32 stored rows, the stored rows' i16 weights; until all rows are
//!     accounted for
//! u64 FNV-1a checksum of every byte before it
//! ```
//!
//! A file that is not a parser model, has another version, is truncated or fails its
//! checksum is refused with an error that says which.

use crate::Rel;

/// The file's first bytes.
pub const MAGIC: &[u8; 8] = b"DYADPARS";
/// The format version this code reads and writes.
pub const VERSION: u32 = 1;

/// Errors of loading a model.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("{file}: not a dyad parser model (the file does not start with DYADPARS)")]
    NotAModel { file: String },
    #[error("{file}: parser model format version {found}, this dyad reads version {VERSION}")]
    Version { file: String, found: u32 },
    #[error("{file}: the parser model is truncated ({what})")]
    Truncated { file: String, what: &'static str },
    #[error(
        "{file}: the parser model is corrupt (checksum {found:016x}, expected {expected:016x})"
    )]
    Checksum {
        file: String,
        found: u64,
        expected: u64,
    },
    #[error("{file}: the parser model is malformed: {message}")]
    Malformed { file: String, message: String },
}

/// FNV-1a over bytes.
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A table of hashed rows of quantised weights.
#[derive(Clone, Debug)]
pub struct Table {
    bits: u32,
    width: usize,
    /// Multiply a stored weight by this to get the trained weight.
    scale: f32,
    weights: Vec<i16>,
}

impl Table {
    #[inline]
    fn row_of(&self, key: u64) -> usize {
        (key >> (64 - self.bits)) as usize
    }

    /// Adds the rows of `keys` to `scores` (`width` entries).
    #[inline]
    pub fn add(&self, keys: &[u64], scores: &mut [i32]) {
        let w = self.width;
        self.prefetch(keys);
        if w == 4 && scores.len() == 4 {
            // The transition table: four lanes summed in registers.
            let mut acc = [0i32; 4];
            for &key in keys {
                let start = self.row_of(key) * 4;
                if let Some(row) = self.weights.get(start..start + 4) {
                    for (a, &x) in acc.iter_mut().zip(row) {
                        *a += i32::from(x);
                    }
                }
            }
            for (s, a) in scores.iter_mut().zip(acc) {
                *s += a;
            }
            return;
        }
        for &key in keys {
            let start = self.row_of(key) * w;
            if let Some(row) = self.weights.get(start..start + w) {
                for (s, &x) in scores.iter_mut().zip(row) {
                    *s += i32::from(x);
                }
            }
        }
    }

    /// Asks for every cache line of every key's row before any row is summed. The rows
    /// lie scattered over megabytes, so nearly every one is a cache miss; the summing
    /// loop alone has only a few in flight at a time, each load held until its data
    /// arrives, while prefetches are let go at once. (Measured: the parser waited on
    /// these loads for most of its time.)
    #[inline]
    fn prefetch(&self, keys: &[u64]) {
        /// Weights per 64-byte cache line.
        const LINE: usize = 32;
        let w = self.width;
        if w <= 4 {
            // A row of four (the transition table's 8 bytes, 8-aligned) is within one
            // line: one hint per key, the loop kept to a few instructions since it runs
            // for ~95 keys of every transition.
            for &key in keys {
                if let Some(x) = self.weights.get(self.row_of(key) * w) {
                    dyad_text::prefetch::prefetch(x);
                }
            }
            return;
        }
        for &key in keys {
            let start = self.row_of(key) * w;
            let Some(row) = self.weights.get(start..start + w) else {
                continue;
            };
            // Every 32nd weight and the last: one in every line of the row.
            for chunk in row.chunks(LINE) {
                dyad_text::prefetch::prefetch(&chunk[0]);
            }
            if let Some(x) = row.last() {
                dyad_text::prefetch::prefetch(x);
            }
        }
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Rows with at least one non-zero weight.
    pub fn live_rows(&self) -> usize {
        self.weights
            .chunks(self.width.max(1))
            .filter(|r| r.iter().any(|&x| x != 0))
            .count()
    }

    /// Quantises trained weights (`rows × width`, row-major).
    pub fn quantise(bits: u32, width: usize, weights: &[f32]) -> Table {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / f32::from(i16::MAX)
        } else {
            1.0
        };
        let weights = weights
            .iter()
            .map(|&w| (w / scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        Table {
            bits,
            width,
            scale,
            weights,
        }
    }

    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(self.width as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        let rows: Vec<&[i16]> = self.weights.chunks(self.width.max(1)).collect();
        let mut r = 0;
        while r < rows.len() {
            let zeros = rows[r..]
                .iter()
                .take_while(|row| row.iter().all(|&x| x == 0))
                .count();
            let stored = rows[r + zeros..]
                .iter()
                .take_while(|row| row.iter().any(|&x| x != 0))
                .count();
            out.extend_from_slice(&(zeros as u32).to_le_bytes());
            out.extend_from_slice(&(stored as u32).to_le_bytes());
            for row in &rows[r + zeros..r + zeros + stored] {
                for &x in *row {
                    out.extend_from_slice(&x.to_le_bytes());
                }
            }
            r += zeros + stored;
        }
    }

    fn read(reader: &mut Reader<'_>) -> Result<Table, ModelError> {
        let bits = reader.u32("table size")?;
        let width = reader.u32("table width")? as usize;
        let scale = f32::from_bits(reader.u32("table scale")?);
        if !(8..=26).contains(&bits) || width == 0 || width > 256 || !scale.is_finite() {
            return Err(reader.malformed(format!(
                "a table of 2^{bits} rows of {width} weights (scale {scale})"
            )));
        }
        let rows = 1usize << bits;
        let mut weights = Vec::with_capacity(rows * width);
        while weights.len() < rows * width {
            let zeros = reader.u32("table run")? as usize;
            let stored = reader.u32("table run")? as usize;
            if zeros + stored == 0 || weights.len() + (zeros + stored) * width > rows * width {
                return Err(reader.malformed("a run of rows beyond the table".into()));
            }
            weights.resize(weights.len() + zeros * width, 0);
            let bytes = reader.take(stored * width * 2, "table rows")?;
            weights.extend(
                bytes
                    .chunks_exact(2)
                    .map(|b| i16::from_le_bytes([b[0], b[1]])),
            );
        }
        Ok(Table {
            bits,
            width,
            scale,
            weights,
        })
    }
}

/// A loaded model: its header, relations and tables.
#[derive(Clone, Debug)]
pub struct Model {
    /// The header's `key = value` lines.
    pub header: Vec<(String, String)>,
    /// The relation of each column of the relation table.
    pub relations: Vec<Rel>,
    pub transitions: Table,
    pub labels: Table,
}

impl Model {
    /// Serialises the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        let mut header = String::new();
        for (k, v) in &self.header {
            if k != "relations" {
                header.push_str(&format!("{k} = {v}\n"));
            }
        }
        let names: Vec<&str> = self.relations.iter().map(|r| r.name()).collect();
        header.push_str(&format!("relations = {}\n", names.join(" ")));
        out.extend_from_slice(&(header.len() as u32).to_le_bytes());
        out.extend_from_slice(header.as_bytes());
        self.transitions.write(&mut out);
        self.labels.write(&mut out);
        let sum = checksum(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads a model written by [`Model::to_bytes`]; `file` names it in errors.
    pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(ModelError::NotAModel {
                file: file.to_string(),
            });
        }
        let mut reader = Reader {
            file,
            bytes,
            pos: MAGIC.len(),
        };
        let version = reader.u32("version")?;
        if version != VERSION {
            return Err(ModelError::Version {
                file: file.to_string(),
                found: version,
            });
        }
        if bytes.len() < 8 + MAGIC.len() + 4 {
            return Err(reader.truncated("checksum"));
        }
        let (body, tail) = bytes.split_at(bytes.len() - 8);
        let expected = u64::from_le_bytes(tail.try_into().unwrap_or([0; 8]));
        let found = checksum(body);
        if found != expected {
            return Err(ModelError::Checksum {
                file: file.to_string(),
                found,
                expected,
            });
        }
        reader.bytes = body;
        let len = reader.u32("header length")? as usize;
        let header_bytes = reader.take(len, "header")?;
        let header_text = std::str::from_utf8(header_bytes)
            .map_err(|_| reader.malformed("the header is not UTF-8".into()))?;
        let header: Vec<(String, String)> = header_text
            .lines()
            .filter_map(|l| l.split_once(" = "))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        let names = header
            .iter()
            .find(|(k, _)| k == "relations")
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| reader.malformed("the header names no relations".into()))?;
        let relations = names
            .split_whitespace()
            .map(|n| {
                Rel::from_name(n).ok_or_else(|| reader.malformed(format!("unknown relation {n:?}")))
            })
            .collect::<Result<Vec<Rel>, ModelError>>()?;
        let transitions = Table::read(&mut reader)?;
        let labels = Table::read(&mut reader)?;
        if transitions.width != 4 || labels.width != relations.len() {
            return Err(reader.malformed(format!(
                "tables of width {} and {} for 4 transitions and {} relations",
                transitions.width,
                labels.width,
                relations.len()
            )));
        }
        if reader.pos != reader.bytes.len() {
            return Err(reader.malformed("bytes after the tables".into()));
        }
        Ok(Model {
            header,
            relations,
            transitions,
            labels,
        })
    }

    /// A header value.
    pub fn header_value(&self, key: &str) -> Option<&str> {
        self.header
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

struct Reader<'a> {
    file: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], ModelError> {
        let end = self
            .pos
            .checked_add(n)
            .ok_or_else(|| self.truncated(what))?;
        let bytes = self
            .bytes
            .get(self.pos..end)
            .ok_or_else(|| self.truncated(what))?;
        self.pos = end;
        Ok(bytes)
    }

    fn u32(&mut self, what: &'static str) -> Result<u32, ModelError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn truncated(&self, what: &'static str) -> ModelError {
        ModelError::Truncated {
            file: self.file.to_string(),
            what,
        }
    }

    fn malformed(&self, message: String) -> ModelError {
        ModelError::Malformed {
            file: self.file.to_string(),
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let mut t = vec![0f32; 256 * 4];
        t[8] = 1.5;
        t[9] = -3.0;
        t[1000] = 0.25;
        let mut l = vec![0f32; 256 * 2];
        l[3] = 2.0;
        Model {
            header: vec![("trained".into(), "a test".into())],
            relations: vec![Rel::ROOT, Rel::NSUBJ],
            transitions: Table::quantise(8, 4, &t),
            labels: Table::quantise(8, 2, &l),
        }
    }

    #[test]
    fn a_model_round_trips() {
        let m = tiny();
        let bytes = m.to_bytes();
        let back = Model::from_bytes("m.bin", &bytes).unwrap();
        assert_eq!(back.relations, m.relations);
        assert_eq!(back.transitions.weights, m.transitions.weights);
        assert_eq!(back.labels.weights, m.labels.weights);
        assert_eq!(back.header_value("trained"), Some("a test"));
        assert_eq!(back.transitions.live_rows(), 2);
    }

    #[test]
    fn wrong_or_corrupt_files_are_refused_with_the_reason() {
        let bytes = tiny().to_bytes();
        let e = Model::from_bytes("m.bin", b"feature\tweights\n").unwrap_err();
        assert!(e.to_string().contains("not a dyad parser model"), "{e}");
        let mut flipped = bytes.clone();
        flipped[40] ^= 1;
        let e = Model::from_bytes("m.bin", &flipped).unwrap_err();
        assert!(e.to_string().contains("corrupt"), "{e}");
        let e = Model::from_bytes("m.bin", &bytes[..bytes.len() / 2]).unwrap_err();
        assert!(e.to_string().contains("m.bin"), "{e}");
        let mut v2 = bytes.clone();
        v2[8] = 2;
        let e = Model::from_bytes("m.bin", &v2).unwrap_err();
        assert!(e.to_string().contains("version 2"), "{e}");
    }
}
