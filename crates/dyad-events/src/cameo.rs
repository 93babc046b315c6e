//! CAMEO codes: descriptions, Goldstein scores, quad classes and the PLOVER event, mode and
//! contexts each code maps to (`events/cameo.tsv`), plus the recoding of intentions
//! (a future cooperative act is an AGREE, a future or conditional hostile act a THREATEN).

use std::collections::HashMap;

use dyad_data::{DataError, Table};
use dyad_model::EventType;

/// One CAMEO code.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoCode {
    pub code: String,
    pub description: String,
    pub goldstein: f64,
    pub quad_class: u8,
    pub event: Option<EventType>,
    pub mode: Option<String>,
    pub contexts: Vec<String>,
}

/// Every CAMEO code by its string (leading zeros kept).
#[derive(Clone, Debug, Default)]
pub struct CameoTable {
    codes: HashMap<String, CameoCode>,
}

impl CameoTable {
    pub fn from_table(table: &Table) -> Result<CameoTable, DataError> {
        let mut codes = HashMap::new();
        for record in &table.records {
            let code = record
                .get("code")
                .ok_or_else(|| record.error(&table.file, "missing code"))?;
            if !code.chars().all(|c| c.is_ascii_digit()) || !(2..=4).contains(&code.len()) {
                return Err(record.error(&table.file, format!("bad CAMEO code {code:?}")));
            }
            let goldstein: f64 = record
                .get("goldstein")
                .unwrap_or("0")
                .parse()
                .map_err(|_| record.error(&table.file, "goldstein is not a number"))?;
            let quad_class: u8 = record
                .get("quad_class")
                .unwrap_or("0")
                .parse()
                .map_err(|_| record.error(&table.file, "quad_class is not a number"))?;
            let event = match record.get("plover_event") {
                Some(name) => Some(EventType::parse(name).ok_or_else(|| {
                    record.error(&table.file, format!("unknown PLOVER event {name:?}"))
                })?),
                None => None,
            };
            codes.insert(
                code.to_string(),
                CameoCode {
                    code: code.to_string(),
                    description: record.get("description").unwrap_or("").to_string(),
                    goldstein,
                    quad_class,
                    event,
                    mode: record.get("plover_mode").map(str::to_string),
                    contexts: record
                        .list("plover_contexts")
                        .into_iter()
                        .map(str::to_string)
                        .collect(),
                },
            );
        }
        Ok(CameoTable { codes })
    }

    pub fn get(&self, code: &str) -> Option<&CameoCode> {
        self.codes.get(code)
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The code, or its nearest listed ancestor (`0312` → `031` → `03`).
    pub fn lookup(&self, code: &str) -> Option<&CameoCode> {
        let mut c = code;
        loop {
            if let Some(found) = self.codes.get(c) {
                return Some(found);
            }
            if c.len() <= 2 {
                return None;
            }
            c = c.get(..c.len() - 1)?;
        }
    }
}

/// Whether a PLOVER type is cooperative (quad classes 1 and 2).
pub fn is_cooperative(event: EventType) -> bool {
    matches!(
        event,
        EventType::Agree
            | EventType::Consult
            | EventType::Support
            | EventType::Concede
            | EventType::Cooperate
            | EventType::Aid
            | EventType::Retreat
    )
}

/// Whether a PLOVER type is done by saying it ("X urges", "X accuses", "X warns", "X
/// praises", "X rejects"): said in the present tense, it is said on the day it is reported.
pub fn is_speech_act(event: EventType) -> bool {
    matches!(
        event,
        EventType::Agree
            | EventType::Support
            | EventType::Request
            | EventType::Accuse
            | EventType::Reject
            | EventType::Threaten
    )
}

/// Whether a PLOVER type is a hostile act (not a verbal one) that can be threatened.
pub fn is_hostile_act(event: EventType) -> bool {
    matches!(
        event,
        EventType::Protest
            | EventType::Sanction
            | EventType::Mobilize
            | EventType::Coerce
            | EventType::Assault
    )
}

/// The CAMEO code of the intention to do `cameo` (an event of type `event`): intent to
/// cooperate (03x) for cooperative acts, a threat (13x) for hostile ones.
pub fn intention_code(event: EventType, cameo: &str) -> Option<(EventType, &'static str)> {
    let root = cameo.get(..2).unwrap_or("");
    let agree = |code| Some((EventType::Agree, code));
    let threaten = |code| Some((EventType::Threaten, code));
    match event {
        EventType::Consult => agree("036"),
        EventType::Support => agree("032"),
        EventType::Cooperate => match cameo {
            "061" => agree("0311"),
            "062" => agree("0312"),
            "063" => agree("0313"),
            "064" => agree("0314"),
            _ => agree("031"),
        },
        EventType::Aid => match cameo {
            "071" => agree("0331"),
            "072" => agree("0332"),
            "073" => agree("0333"),
            "074" => agree("0334"),
            _ => agree("033"),
        },
        EventType::Concede | EventType::Retreat => match cameo {
            "0841" | "084" | "0842" => agree("0353"),
            "085" => agree("0354"),
            _ if root == "08" && cameo.starts_with("087") => agree("0356"),
            _ => agree("035"),
        },
        EventType::Sanction => match cameo {
            "163" => threaten("1312"),
            "161" => threaten("1313"),
            "162" | "1621" | "1622" | "1623" => threaten("1311"),
            "164" => threaten("134"),
            "165" => threaten("135"),
            _ => threaten("131"),
        },
        EventType::Protest => threaten("133"),
        EventType::Coerce => match cameo {
            "191" => threaten("1381"),
            "192" => threaten("1382"),
            "1722" => threaten("1322"),
            "1723" => threaten("1323"),
            "1724" => threaten("1324"),
            _ if cameo.starts_with("172") => threaten("132"),
            _ => threaten("130"),
        },
        EventType::Assault | EventType::Mobilize => threaten("138"),
        _ => None,
    }
}

/// The CAMEO code of refusing a cooperative act `cameo` (an event of type `event`): "will
/// not meet" is a refusal to meet (125), "does not recognize" a rejection (120), "would
/// not release" a refusal to release (1243). Hostile and verbal-conflict acts have none.
pub fn refusal_code(event: EventType, cameo: &str) -> Option<&'static str> {
    match event {
        EventType::Consult => Some("125"),
        EventType::Agree | EventType::Support => Some("120"),
        EventType::Cooperate | EventType::Aid => Some("121"),
        EventType::Retreat if matches!(cameo, "0841" | "0842" | "084") => Some("1243"),
        EventType::Concede | EventType::Retreat => Some("124"),
        _ => None,
    }
}

/// Refines a general code by the contexts of its sentence (`070` + military → `072`).
pub fn refine_by_context(cameo: &str, contexts: &[String]) -> Option<&'static str> {
    let has = |c: &str| contexts.iter().any(|x| x == c);
    match cameo {
        "070" if has("humanitarian") => Some("073"),
        "070" if has("military") => Some("072"),
        "070" if has("economic") => Some("071"),
        "060" if has("military") => Some("062"),
        "060" if has("intelligence") => Some("064"),
        "060" if has("economic") => Some("061"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> CameoTable {
        let t = dyad_data::parse_table(
            "events/cameo.tsv",
            "code\tdescription\tgoldstein\tquad_class\tplover_event\tplover_mode\tplover_contexts\n\
             03\tintent\t4.0\t1\tAGREE\t\t\n031\tintent material\t5.2\t1\tAGREE\t\tdiplomatic\n\
             190\tforce\t-10.0\t4\tASSAULT\t\tmilitary\n",
        )
        .unwrap();
        CameoTable::from_table(&t).unwrap()
    }

    #[test]
    fn looks_up_codes_and_ancestors() {
        let t = table();
        assert_eq!(t.get("190").unwrap().quad_class, 4);
        assert_eq!(t.lookup("0312").unwrap().code, "031");
        assert_eq!(t.get("031").unwrap().contexts, vec!["diplomatic"]);
        assert!(t.lookup("99").is_none());
    }

    #[test]
    fn intentions_recode_to_agree_or_threaten() {
        assert_eq!(
            intention_code(EventType::Aid, "072"),
            Some((EventType::Agree, "0332"))
        );
        assert_eq!(
            intention_code(EventType::Assault, "190"),
            Some((EventType::Threaten, "138"))
        );
        assert_eq!(intention_code(EventType::Accuse, "112"), None);
    }

    #[test]
    fn bad_codes_are_errors_naming_the_line() {
        let t = dyad_data::parse_table(
            "events/cameo.tsv",
            "code\tdescription\tgoldstein\tquad_class\tplover_event\n1x\td\t0\t1\t\n",
        )
        .unwrap();
        let err = CameoTable::from_table(&t).unwrap_err().to_string();
        assert!(err.contains("events/cameo.tsv:2"), "{err}");
    }
}
