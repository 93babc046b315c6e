//! Normalising actor codes so gold and predicted codes compare.
//!
//! Gold sets code actors CAMEO-style: a 3-letter country or group code, then sector codes
//! (`"TUNJUD"`, `"PSEGOV"`). dyad writes ISO 3166-1 alpha-3 in `code` and the sector apart.
//! We compare the first three letters, upper-cased, after mapping the CAMEO country codes
//! that are not ISO 3166-1 alpha-3 to their ISO code ([`CAMEO_TO_ISO3`]). Group codes (`IGO`,
//! `NGO`, `IMG`, `MNC`) compare as their group: dyad's organisation codes (`IGONAT`,
//! `IGOUNO`, `NGOAMN`) and the gold's CAMEO codes (`IGOUNO`, `IGOWSTNAT`) are both cut to
//! the group, so a gold `IGO` matches any `IGO…` code of dyad's and no gold set is scored
//! finer than it is annotated. A missing code is `---`, which is also how PETRARCH gold
//! writes an unidentified actor.

/// CAMEO (and gold-set) country codes that differ from ISO 3166-1 alpha-3.
///
/// Sources: the CAMEO manual's country list, and the codes seen in the PLOVER and
/// PETRARCH-2 gold sets (`JAP` for Japan and `VTN` for Vietnam are gold-set variants).
pub const CAMEO_TO_ISO3: &[(&str, &str)] = &[
    ("JAP", "JPN"),
    ("VTN", "VNM"),
    ("ROM", "ROU"),
    ("ZAR", "COD"),
    ("TMP", "TLS"),
    ("SER", "SRB"),
    ("YUG", "SRB"),
    ("WSB", "PSE"),
    ("GZS", "PSE"),
    ("KOS", "XKX"),
    ("BUR", "MMR"),
];

/// The code for an unidentified actor.
pub const UNKNOWN: &str = "---";

/// The comparable 3-letter code of a CAMEO-style or ISO code (`"PSEGOV"` → `"PSE"`,
/// `"JAP"` → `"JPN"`, `None`/empty → `"---"`).
pub fn country_part(code: Option<&str>) -> String {
    let code = code.map(str::trim).unwrap_or_default();
    let head: String = code
        .chars()
        .take(3)
        .collect::<String>()
        .to_ascii_uppercase();
    if head.is_empty() {
        return UNKNOWN.to_string();
    }
    CAMEO_TO_ISO3
        .iter()
        .find(|(cameo, _)| *cameo == head)
        .map(|(_, iso)| iso.to_string())
        .unwrap_or(head)
}

/// The first two digits of a CAMEO event code (its root), or the whole code when shorter.
pub fn cameo_root(code: &str) -> String {
    code.trim().chars().take(2).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_parts() {
        assert_eq!(country_part(Some("PSEGOV")), "PSE");
        assert_eq!(country_part(Some("jap")), "JPN");
        assert_eq!(country_part(Some("IGO")), "IGO");
        // dyad's organisation codes meet gold codes at the gold's level, the group.
        assert_eq!(country_part(Some("IGONAT")), country_part(Some("IGO")));
        assert_eq!(
            country_part(Some("IGOEEC")),
            country_part(Some("IGOWSTNAT"))
        );
        assert_eq!(country_part(Some("NGOAMN")), "NGO");
        assert_eq!(country_part(Some("")), "---");
        assert_eq!(country_part(None), "---");
        assert_eq!(country_part(Some("---")), "---");
        assert_eq!(country_part(Some("É")), "É");
        assert_eq!(cameo_root("0352"), "03");
        assert_eq!(cameo_root("1"), "1");
    }
}
