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
    /// Entities that lost every mention to another ([`DocEntities::drop_entity`]): left
    /// out by [`DocEntities::finish`].
    dropped: Vec<usize>,
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

    /// Marks entity `e` as dropped: it names nothing in the document any more.
    pub fn drop_entity(&mut self, e: usize) {
        if !self.dropped.contains(&e) {
            self.dropped.push(e);
        }
    }

    /// Removes the dropped entities, renumbering the others (ids, members, mentions).
    fn remove_dropped(&mut self) {
        if self.dropped.is_empty() {
            return;
        }
        let gone: Vec<bool> = (0..self.entities.len())
            .map(|i| self.dropped.contains(&i))
            .collect();
        remove_entities(&mut self.entities, &mut self.mentions, &gone);
        self.dropped.clear();
    }

    /// Finishes: dropped entities removed, mentions sorted, overlapping listed mentions
    /// dropped (the earlier, longer one wins).
    pub fn finish(mut self) -> (Vec<Entity>, Vec<ActorMention>) {
        self.remove_dropped();
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

/// Drops the finished `entities` the name tagger left with no mention (and no members):
/// the others keep their order and are renumbered, with their members and `mentions`'
/// entity indices, as [`DocEntities::finish`] renumbers after its own drops.
pub fn drop_emptied(entities: &mut Vec<Entity>, mentions: &mut Vec<ActorMention>) {
    let emptied: Vec<bool> = entities
        .iter()
        .map(|e| e.mentions.is_empty() && e.members.is_empty())
        .collect();
    remove_entities(entities, mentions, &emptied);
}

/// Removes the entities `gone` marks: the others keep their order and are numbered
/// `e1..` again, their members (a removed member is left out) and the listed mentions'
/// entity indices follow; listed mentions of removed entities go.
fn remove_entities(entities: &mut Vec<Entity>, mentions: &mut Vec<ActorMention>, gone: &[bool]) {
    let mut new_index = vec![None; entities.len()];
    let mut next = 0;
    for (slot, &removed) in new_index.iter_mut().zip(gone) {
        if !removed {
            *slot = Some(next);
            next += 1;
        }
    }
    let old_ids: HashMap<String, usize> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), i))
        .collect();
    let kept = std::mem::take(entities)
        .into_iter()
        .enumerate()
        .filter_map(|(i, mut e)| {
            e.id = format!("e{}", new_index[i]? + 1);
            e.members = e
                .members
                .iter()
                .filter_map(|m| new_index[*old_ids.get(m)?])
                .map(|n| format!("e{}", n + 1))
                .collect();
            Some(e)
        });
    entities.extend(kept);
    mentions.retain(|m| new_index[m.entity].is_some());
    for m in mentions.iter_mut() {
        m.entity = new_index[m.entity].unwrap_or(m.entity);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(id: &str, starts: &[usize], members: &[&str]) -> Entity {
        Entity {
            id: id.to_string(),
            name: id.to_string(),
            kind: dyad_model::EntityType::Person,
            code: None,
            sector: None,
            role: None,
            geo: None,
            members: members.iter().map(|m| m.to_string()).collect(),
            mentions: starts
                .iter()
                .map(|&s| Mention {
                    text: "x".into(),
                    start: s,
                    end: s + 1,
                    kind: None,
                })
                .collect(),
        }
    }

    fn listed(entity: usize, start: usize) -> ActorMention {
        ActorMention {
            entity,
            span: Span::new(start, start + 1),
            sentence: 0,
            kind: MentionKind::Name,
        }
    }

    #[test]
    fn emptied_entities_are_dropped_and_the_rest_renumbered() {
        // e1 at 5, e2 emptied (by the tagger), e3 at 2, e4 a group of e1, e2 and e3 at 9.
        let mut entities = vec![
            entity("e1", &[5], &[]),
            entity("e2", &[], &[]),
            entity("e3", &[2], &[]),
            entity("e4", &[9], &["e1", "e2", "e3"]),
        ];
        let mut mentions = vec![listed(0, 5), listed(2, 2), listed(3, 9)];
        drop_emptied(&mut entities, &mut mentions);
        let names: Vec<(&str, &str)> = entities
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str()))
            .collect();
        assert_eq!(names, [("e1", "e1"), ("e2", "e3"), ("e3", "e4")]);
        assert_eq!(entities[2].members, ["e1", "e2"]);
        let listed: Vec<(usize, usize)> =
            mentions.iter().map(|m| (m.entity, m.span.start)).collect();
        assert_eq!(listed, [(0, 5), (1, 2), (2, 9)]);
    }
}
