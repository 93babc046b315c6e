//! What an actor code is. A code is a country (ISO 3166-1 alpha-3, `RUS`), a region or
//! bloc (`WST`, `EUR`), a group of no one country (`IGO`, `NGO`, `MNC`, `IMGMOS`), or an
//! organisation's own code: its group followed by the organisation's code from
//! `data/actors/organisations.tsv` (`IGONAT` for NATO, `IGOUNO` for the UN, `NGOAMN` for
//! Amnesty International). Code that asks "is this an IGO?" tests the group with
//! [`in_group`], never equality with `"IGO"`, so it holds for every organisation's code.

/// The groups whose organisations have codes of their own (group + organisation code).
pub const ORGANISATION_GROUPS: [&str; 3] = ["IGO", "NGO", "MNC"];

/// CAMEO/PLOVER actor sector codes (the CAMEO codebook's agent types and PLOVER's
/// additions): what may follow a country or group code in a CAMEO-style code such as
/// `RUSGOV`. No organisation's own code is one of these.
pub const SECTORS: &[&str] = &[
    "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "IGO",
    "IMG", "INS", "JRN", "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "MOD", "NGM", "NGO", "OPP",
    "PRE", "PRM", "PTY", "RAD", "REB", "REF", "REL", "SEP", "SOC", "SPY", "UAF", "UNK",
];

/// Whether `code` is `group` itself or an organisation's code in it: `in_group("IGONAT",
/// "IGO")` and `in_group("IGO", "IGO")` hold, `in_group("NGOAMN", "IGO")` does not.
pub fn in_group(code: &str, group: &str) -> bool {
    code.strip_prefix(group).is_some_and(|rest| {
        rest.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    })
}

/// The group of an organisation group code (`IGONAT` → `IGO`, `NGO` → `NGO`); `None` for
/// countries and other codes.
pub fn organisation_group(code: &str) -> Option<&'static str> {
    ORGANISATION_GROUPS.into_iter().find(|g| in_group(code, g))
}

/// The organisation's own code inside an organisation group code (`IGONAT` → `NAT`);
/// `None` for a bare group (`IGO`) and for other codes.
pub fn organisation_part(code: &str) -> Option<&str> {
    let group = organisation_group(code)?;
    let rest = &code[group.len()..];
    (!rest.is_empty()).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_tested_by_prefix() {
        assert!(in_group("IGO", "IGO"));
        assert!(in_group("IGONAT", "IGO"));
        assert!(in_group("IGOUNO", "IGO"));
        assert!(!in_group("NGOAMN", "IGO"));
        assert!(!in_group("IGOnat", "IGO"));
        assert_eq!(organisation_group("NGOAMN"), Some("NGO"));
        assert_eq!(organisation_group("RUS"), None);
        assert_eq!(organisation_group("IMGMOS"), None);
        assert_eq!(organisation_part("IGOEEC"), Some("EEC"));
        assert_eq!(organisation_part("IGO"), None);
        assert_eq!(organisation_part("USA"), None);
    }
}
