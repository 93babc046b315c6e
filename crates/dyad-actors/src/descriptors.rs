//! Descriptors: what a run of role words says about an actor. "North Korean state media"
//! → JRN; "Palestinian security officials" → COP (a specific word before a generic head
//! wins); "Defense Minister" → a person's title. The country comes from the modifiers
//! before the role words (see [`crate::recognizer`]).

use dyad_model::EntityType;

use crate::gazetteer::{Role, RoleKind};

/// The reading of a run of role words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleReading {
    pub sector: Option<String>,
    /// The role words, lower case, single-spaced ("interim president").
    pub role: String,
    /// The head (last non-modifier) role's kind.
    pub head: RoleKind,
    /// Whether the run can stand as a descriptor without a country or name.
    pub alone: bool,
    /// The actor code the head implies with no country (IGO, NGO).
    pub body_code: Option<String>,
}

impl RoleReading {
    /// Whether the run is a person's title (a name may follow).
    pub fn is_title(&self) -> bool {
        self.head == RoleKind::Title
    }

    /// The entity type of a descriptor built from this run (no name).
    pub fn entity_type(&self) -> EntityType {
        // Plural titles ("foreign ministers", "leaders") name a group.
        let plural = self.role.ends_with('s') && !self.role.ends_with("ss");
        match self.head {
            RoleKind::Title if plural => EntityType::Group,
            RoleKind::Title => EntityType::Person,
            RoleKind::Body => EntityType::Organization,
            _ => EntityType::Group,
        }
    }
}

/// Reads the roles (in text order) with the words they were matched from.
pub fn read_roles(roles: &[(&Role, String)]) -> Option<RoleReading> {
    let head = roles
        .iter()
        .rev()
        .find(|(r, _)| r.kind != RoleKind::Modifier)?;
    let sector = match &head.0.sector {
        Some(s) if !head.0.generic => Some(s.clone()),
        generic => roles
            .iter()
            .rev()
            .filter(|(r, _)| r.kind != RoleKind::Modifier && !r.generic)
            .find_map(|(r, _)| r.sector.clone())
            .or_else(|| generic.clone()),
    };
    let role = roles
        .iter()
        .map(|(_, w)| w.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Some(RoleReading {
        sector,
        role,
        head: head.0.kind,
        alone: head.0.alone,
        body_code: head.0.body_code.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(phrase: &str, sector: Option<&str>, kind: RoleKind, generic: bool) -> Role {
        Role {
            phrase: phrase.into(),
            sector: sector.map(str::to_string),
            kind,
            alone: true,
            generic,
            lower: false,
            body_code: None,
        }
    }

    #[test]
    fn specific_words_beat_generic_heads() {
        let security = role("security", Some("COP"), RoleKind::Modifier, false);
        let security_noun = role("security", Some("COP"), RoleKind::Collective, false);
        let officials = role("officials", Some("GOV"), RoleKind::Collective, true);
        let r = read_roles(&[
            (&security_noun, "security".into()),
            (&officials, "officials".into()),
        ])
        .unwrap();
        assert_eq!(r.sector.as_deref(), Some("COP"));
        assert_eq!(r.role, "security officials");
        let r = read_roles(&[
            (&security, "security".into()),
            (&officials, "officials".into()),
        ])
        .unwrap();
        assert_eq!(r.sector.as_deref(), Some("GOV"));
        let r = read_roles(&[(&officials, "officials".into())]).unwrap();
        assert_eq!(r.sector.as_deref(), Some("GOV"));
        assert_eq!(r.entity_type(), EntityType::Group);
        assert!(read_roles(&[(&security, "security".into())]).is_none());
    }
}
