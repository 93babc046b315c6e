//! The entities of one document under construction: one entity per distinct actor (a
//! country, place, organisation, person, descriptor or plural group), in order of first
//! mention, each collecting its mentions; and the flat list of actor mentions.

use std::collections::HashMap;

use dyad_model::{Entity, EntityType, Geo, Mention, Span};

use crate::{ActorMention, MentionKind};

/// What makes two mentions the same entity.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum EntityKey {
    Country(usize),
    Place(usize),
    Organisation(usize),
    /// A person of `people.tsv`.
    KnownPerson(usize),
    /// A person discovered in the text, by folded name.
    NamedPerson(String),
    /// The plural people of a country ("Russians").
    People(usize),
    /// A descriptor: code, sector and folded head words.
    Descriptor(Option<String>, Option<String>, String),
    /// A plural reference: the ids of its members.
    Plural(Vec<usize>),
}

/// Everything an entity is created with.
#[derive(Clone, Debug)]
pub struct EntitySpec {
    pub name: String,
    pub kind: EntityType,
    pub code: Option<String>,
    pub sector: Option<String>,
    pub role: Option<String>,
    pub geo: Option<Geo>,
    pub members: Vec<usize>,
}

/// The document's entities and mentions.
#[derive(Debug, Default)]
pub struct DocEntities {
    pub entities: Vec<Entity>,
    pub mentions: Vec<ActorMention>,
    keys: HashMap<EntityKey, usize>,
    /// Byte offset of each entity's latest mention, for recency.
    pub last_seen: Vec<usize>,
}

impl DocEntities {
    /// The entity for `key`, created from `spec()` at its first mention.
    pub fn entity(&mut self, key: EntityKey, spec: impl FnOnce() -> EntitySpec) -> usize {
        if let Some(&i) = self.keys.get(&key) {
            return i;
        }
        let s = spec();
        let i = self.entities.len();
        self.entities.push(Entity {
            id: format!("e{}", i + 1),
            name: s.name,
            kind: s.kind,
            code: s.code,
            sector: s.sector,
            role: s.role,
            geo: s.geo,
            members: s.members.iter().map(|m| format!("e{}", m + 1)).collect(),
            mentions: Vec::new(),
        });
        self.last_seen.push(0);
        self.keys.insert(key, i);
        i
    }

    /// Records a mention of entity `e`: `phrase` is the listed actor mention's span,
    /// `name` the words added to the entity's mentions.
    pub fn mention(
        &mut self,
        text: &str,
        e: usize,
        phrase: Span,
        name: Span,
        sentence: usize,
        kind: MentionKind,
    ) {
        self.record(text, e, name, kind);
        if e < self.entities.len() {
            self.mentions.push(ActorMention {
                entity: e,
                span: phrase,
                sentence,
                kind,
            });
        }
    }

    /// Adds `name` to entity `e`'s mentions without listing an actor mention (a country
    /// inside a longer phrase such as "Russian President Vladimir Putin").
    pub fn record(&mut self, text: &str, e: usize, name: Span, kind: MentionKind) {
        let Some(entity) = self.entities.get_mut(e) else {
            return;
        };
        // Every mention is listed, pronouns and adjectives ("Russian" in "Russian troops")
        // included, marked by kind so scorers and views can tell them from names.
        if let Some(t) = text.get(name.start..name.end) {
            entity.mentions.push(Mention {
                text: t.to_string(),
                start: name.start,
                end: name.end,
                kind: (kind != MentionKind::Name).then_some(kind),
            });
        }
        self.last_seen[e] = self.last_seen[e].max(name.start);
    }

    /// Gives entity `e` a fuller name found later ("Dodik" → "Milorad Dodik"): the entity
    /// keeps its id, answers to `key` from now on, and its earlier one-word name mentions
    /// become short names.
    pub fn upgrade_name(&mut self, e: usize, key: EntityKey, name: String) {
        let Some(entity) = self.entities.get_mut(e) else {
            return;
        };
        entity.name = name;
        for m in &mut entity.mentions {
            if m.kind.is_none() && !m.text.contains(char::is_whitespace) {
                m.kind = Some(MentionKind::ShortName);
            }
        }
        for m in &mut self.mentions {
            if m.entity == e && m.kind == MentionKind::Name {
                m.kind = MentionKind::ShortName;
            }
        }
        self.keys.entry(key).or_insert(e);
    }

    /// The most recently mentioned entities (latest first) that satisfy `want`.
    pub fn recent(&self, want: impl Fn(&Entity) -> bool) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.entities.len())
            .filter(|&i| self.entities[i].members.is_empty() && want(&self.entities[i]))
            .collect();
        v.sort_by_key(|&i| std::cmp::Reverse(self.last_seen[i]));
        v
    }

    /// Finishes: mentions sorted, overlapping listed mentions dropped (the earlier, longer
    /// one wins).
    pub fn finish(mut self) -> (Vec<Entity>, Vec<ActorMention>) {
        for e in &mut self.entities {
            e.mentions.sort_by_key(|m| (m.start, m.end));
            e.mentions.dedup();
        }
        self.mentions
            .sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
        let mut out: Vec<ActorMention> = Vec::with_capacity(self.mentions.len());
        for m in self.mentions {
            if out.last().is_none_or(|l| l.span.end <= m.span.start) {
                out.push(m);
            }
        }
        (self.entities, out)
    }
}
