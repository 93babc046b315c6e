//! The contract JSON: one [`Extraction`] per line.

use std::io::Write;

use dyad_model::Extraction;

/// Writes `extraction` as one JSON line.
pub fn write_line(out: &mut impl Write, extraction: &Extraction) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, extraction)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_extraction() {
        let extraction = Extraction {
            doc: dyad_model::Document {
                id: "d1".into(),
                text: "a\nb".into(),
                ..Default::default()
            },
            entities: vec![],
            events: vec![],
            removed: vec![],
        };
        let mut out = Vec::new();
        write_line(&mut out, &extraction).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 1);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["doc"]["id"], "d1");
        assert!(v["entities"].is_array() && v["events"].is_array());
    }
}
