//! Repairs of analyses that no grammatical sentence has, applied after the parser.
//!
//! The tagger sometimes reads a sentence's main verb as a past participle ("Rebels
//! attacked the town": `attacked` VBN), and the parser then makes the subject the root
//! and the verb a reduced relative clause of it ("rebels [that were] attacked the
//! town"). A reduced passive relative cannot take a direct object, and a sentence of
//! news has a main verb; so a nominal root without subject or copula whose `acl`
//! participle has its own `obj` is read again as subject and main verb
//! ([`main_verb_read_as_participle`]). Ditransitive passives ("officials given
//! immunity") keep their object but stand in a sentence with a verb of its own, so
//! they are untouched.
//!
//! "Police arrested protesters in Minsk" without determiners reads, to the parser, as
//! a noun phrase: `arrested` an adjective (`amod`) of the root `protesters`, `police` a
//! dependent of it. A sentence of news has a main verb; a participle right between a
//! noun and a nominal root without copula or auxiliary is read again as the main verb,
//! the noun before it as its subject and the root as its object
//! ([`main_verb_read_as_adjective`]).
//!
//! News puts a time between a named subject and its verb ("Russia on Monday launched
//! ..."), which the web text the parser learnt from seldom does; the parser then makes the
//! name the root and the finite verb its modifier. A finite verb without a subject of its
//! own, after a nominal root without one and with no other verb between them, is read
//! again as the main verb ([`finite_verb_under_nominal_root`]).
//!
//! "Officials said new talks could resume" has no "that": the parser makes "talks" the
//! object of "said" and leaves "resume" without a subject. A clause complement with a
//! verb of its own tense and no subject, after an object of the same verb, has that
//! object as its subject ([`object_is_subject_of_complement`]).
//!
//! News names people after their title or role ("opposition leader Jane Smith was
//! arrested", "rights lawyer Li Wei criticised ..."), which the web text the parser learnt
//! from seldom does; the parser then hangs the title on the verb or makes it the root.
//! A title noun right before a name is the name's `nmod:desc`, as the treebank
//! annotates it ([`title_before_name`]).
//!
//! "Groups were banned after police raided their offices": the parser reads "after"
//! as a preposition, "police" as its object and "raided" as a clause with no subject. A
//! finite verb right after a prepositional phrase, with no subject of its own, is a
//! subordinate clause whose subject that phrase is ([`subordinator_read_as_preposition`]).

use dyad_text::tag::{TaggedToken, Upos, Xpos};

use crate::{Arc, Rel};

/// Applies every repair to one sentence's tags and arcs (heads 1-based, 0 the root).
pub fn repair(words: &[&str], tags: &mut [TaggedToken], arcs: &mut [Arc]) {
    if !main_verb_read_as_participle(tags, arcs) && !main_verb_read_as_adjective(tags, arcs) {
        finite_verb_under_nominal_root(tags, arcs);
    }
    object_is_subject_of_complement(tags, arcs);
    title_before_name(tags, arcs);
    subordinator_read_as_preposition(words, tags, arcs);
}

/// "Rebels attacked the town", parsed as a nominal root `rebels` with the participle
/// `attacked` as its `acl` and `town` as the participle's `obj`: the participle becomes
/// the root, tagged VBD, the noun its `nsubj`, and the noun's dependents after the verb
/// (the final stop, a second clause) the verb's. Returns whether it changed anything.
pub fn main_verb_read_as_participle(tags: &mut [TaggedToken], arcs: &mut [Arc]) -> bool {
    let n = tags.len().min(arcs.len());
    let frozen: &[Arc] = &arcs[..n];
    let Some(root) = subjectless_nominal_root(tags, frozen) else {
        return false;
    };
    let Some(verb) = children(frozen, root).find(|&c| {
        c > root
            && frozen[c].rel == Rel::ACL
            && tags[c].xpos == Xpos::Vbn
            && children(frozen, c).any(|o| frozen[o].rel == Rel::OBJ)
            && !children(frozen, c).any(|k| {
                let r = frozen[k].rel;
                r.is_subject() || r.is("aux") || r.is("mark")
            })
    }) else {
        return false;
    };
    make_main_verb(&mut arcs[..n], root, verb);
    tags[verb].xpos = Xpos::Vbd;
    true
}

/// "Police arrested protesters .", parsed with `protesters` the root, `arrested` its
/// `amod` and `police` its `nsubj` (or `nmod`): the participle becomes the root, tagged
/// VBD, the noun before it its `nsubj`, the old root its `obj`, and the old root's
/// dependents before the verb and its punctuation the verb's. Only a participle (VBN,
/// VBD) right before a nominal root without copula or auxiliary, right after the head
/// of a noun phrase that depends on that root as subject or modifier, in a sentence
/// with no other verb before the root. Returns whether it changed anything.
pub fn main_verb_read_as_adjective(tags: &mut [TaggedToken], arcs: &mut [Arc]) -> bool {
    let n = tags.len().min(arcs.len());
    let frozen: &[Arc] = &arcs[..n];
    let Some(root) = (0..n).find(|&i| frozen[i].head == 0) else {
        return false;
    };
    if root < 2
        || !matches!(tags[root].upos, Upos::Noun | Upos::Propn)
        || children(frozen, root).any(|c| frozen[c].rel == Rel::COP || frozen[c].rel.is("aux"))
    {
        return false;
    }
    let (verb, noun) = (root - 1, root - 2);
    let participle = matches!(tags[verb].xpos, Xpos::Vbn | Xpos::Vbd);
    let nominal = matches!(tags[noun].upos, Upos::Noun | Upos::Propn | Upos::Pron);
    if !participle
        || frozen[verb].head != root + 1
        || frozen[verb].rel != Rel::AMOD
        || !nominal
        || frozen[noun].head != root + 1
        || !matches!(frozen[noun].rel.main(), "nsubj" | "nmod")
        || frozen[noun].rel == Rel::NMOD_POSS
        || (0..verb).any(|i| tags[i].upos == Upos::Verb || tags[i].upos == Upos::Aux)
    {
        return false;
    }
    let moved: Vec<usize> = children(frozen, root)
        .filter(|&k| k < verb && k != noun || frozen[k].rel == Rel::PUNCT)
        .collect();
    for k in moved {
        arcs[k].head = verb + 1;
    }
    arcs[verb] = Arc {
        head: 0,
        rel: Rel::ROOT,
    };
    arcs[noun] = Arc {
        head: verb + 1,
        rel: Rel::NSUBJ,
    };
    arcs[root] = Arc {
        head: verb + 1,
        rel: Rel::OBJ,
    };
    tags[verb].xpos = Xpos::Vbd;
    true
}

/// "Russia on Monday launched a missile attack", parsed as a nominal root `Russia` with
/// the finite verb `launched` as a modifier (`amod`, `ccomp`, `acl`, ...): the verb
/// becomes the root, the noun its `nsubj`, and the noun's dependents after the verb the
/// verb's. Only a verb in the past or present tense (VBD, VBZ, VBP) with no subject or
/// subordinator of its own, and no other verb or auxiliary between the two, so that
/// relative clauses ("the town rebels took") and fragments keep their reading. Returns
/// whether it changed anything.
pub fn finite_verb_under_nominal_root(tags: &[TaggedToken], arcs: &mut [Arc]) -> bool {
    let n = tags.len().min(arcs.len());
    let frozen: &[Arc] = &arcs[..n];
    let Some(root) = subjectless_nominal_root(tags, frozen) else {
        return false;
    };
    // A main verb in the past or present tense (the tagger gives MD to auxiliaries only).
    let finite = |i: usize| tags[i].upos == Upos::Verb && tags[i].xpos.is_finite_verb();
    let Some(verb) = children(frozen, root).find(|&c| {
        c > root
            && finite(c)
            && frozen[c].rel != Rel::CONJ
            && !children(frozen, c).any(|k| {
                let r = frozen[k].rel;
                r.is_subject() || r.is("mark")
            })
    }) else {
        return false;
    };
    if (root + 1..verb).any(|i| matches!(tags[i].upos, Upos::Verb | Upos::Aux)) {
        return false;
    }
    make_main_verb(&mut arcs[..n], root, verb);
    true
}

/// "Officials said new talks could resume", parsed with `talks` the `obj` of `said` and
/// `resume` its `ccomp` without subject: the object becomes the complement's `nsubj`.
/// Only a complement right after the object's phrase whose verb has an auxiliary of
/// its own ("could", "will", "had") and no subject. Returns whether it changed anything.
pub fn object_is_subject_of_complement(tags: &[TaggedToken], arcs: &mut [Arc]) -> bool {
    let n = tags.len().min(arcs.len());
    let frozen: &[Arc] = &arcs[..n];
    let tensed = |c: usize| children(frozen, c).any(|k| frozen[k].rel.is("aux"));
    // The object's phrase ends right where the complement's begins.
    let span = |h: usize| {
        let mut lo = h;
        let mut hi = h;
        for k in 0..n {
            if dominates(frozen, h, k) {
                lo = lo.min(k);
                hi = hi.max(k);
            }
        }
        (lo, hi)
    };
    let adjacent = |o: usize, c: usize| span(o).1 + 1 == span(c).0;
    let found = (0..n).find_map(|v| {
        let object = children(frozen, v).find(|&o| frozen[o].rel == Rel::OBJ)?;
        let complement = children(frozen, v).find(|&c| {
            c > object
                && frozen[c].rel == Rel::CCOMP
                && tags[c].upos == Upos::Verb
                && tensed(c)
                && adjacent(object, c)
                && !children(frozen, c).any(|k| {
                    let r = frozen[k].rel;
                    r.is_subject() || r.is("expl") || r.is("mark")
                })
        })?;
        Some((object, complement))
    });
    let Some((object, complement)) = found else {
        return false;
    };
    arcs[object] = Arc {
        head: complement + 1,
        rel: Rel::NSUBJ,
    };
    true
}

/// "Opposition leader Jane Smith was arrested", parsed with `leader` the root (or an
/// `obl` of the verb) and the name the subject of a clause below it: the title noun
/// becomes the name's `nmod:desc`, and when it was the root, the clause that holds the
/// name becomes the root, with the title's dependents outside its phrase. Only a common
/// noun right before a run of proper nouns whose head lies outside the run, where the
/// noun has no preposition of its own and does not head the name. Returns whether it
/// changed anything.
pub fn title_before_name(tags: &[TaggedToken], arcs: &mut [Arc]) -> bool {
    let n = tags.len().min(arcs.len());
    let propn = |i: usize| i < n && tags[i].upos == Upos::Propn;
    let mut changed = false;
    for t in 0..n.saturating_sub(1) {
        if tags[t].upos != Upos::Noun || !propn(t + 1) {
            continue;
        }
        let end = (t + 1..n).find(|&i| !propn(i)).unwrap_or(n);
        let run = t + 1..end;
        // The name's head: the one word of the run whose head is outside it.
        let mut heads = run.clone().filter(|&i| {
            arcs[i]
                .head
                .checked_sub(1)
                .is_none_or(|h| !run.contains(&h))
        });
        let (Some(name), None) = (heads.next(), heads.next()) else {
            continue;
        };
        let frozen: &[Arc] = &arcs[..n];
        let above = frozen[name].head.checked_sub(1);
        if above == Some(t)
            || !frozen[name].rel.is_subject()
            || children(frozen, t).any(|k| frozen[k].rel == Rel::CASE)
        {
            continue;
        }
        let Some(verb) = above else { continue };
        if frozen[t].head == 0 {
            // The title was the root: the name's clause takes its place.
            let Some(clause) =
                (0..n).find(|&c| frozen[c].head == t + 1 && dominates(frozen, c, verb))
            else {
                continue;
            };
            let outside: Vec<usize> = children(frozen, t)
                .filter(|&k| {
                    k != clause
                        && !matches!(frozen[k].rel.main(), "amod" | "compound" | "det" | "nmod")
                })
                .collect();
            for k in outside {
                arcs[k].head = clause + 1;
            }
            arcs[clause] = Arc {
                head: 0,
                rel: Rel::ROOT,
            };
        } else if !matches!(frozen[t].rel.main(), "obl" | "nmod")
            || frozen[t].head != verb + 1
            || children(frozen, t).any(|k| k > t)
        {
            continue;
        }
        arcs[t] = Arc {
            head: name + 1,
            rel: Rel::NMOD_DESC,
        };
        changed = true;
    }
    changed
}

/// Words that are prepositions before a noun and subordinators before a clause.
pub const SUBORDINATORS: &[&str] = &["after", "before", "since", "until", "till", "as"];

/// "Groups were banned after police raided their offices", parsed with `police` the
/// `obl` of `banned` (marked by `after`) and `raided` a clause without subject: the noun
/// becomes the verb's `nsubj`, its preposition the verb's `mark`, and the verb an `advcl`
/// of the noun's head. Only a verb in the past or present tense (VBD, VBZ, VBP) with no
/// subject, right after a noun or pronoun whose phrase starts with a word that can open a
/// clause ([`SUBORDINATORS`]) and ends before the verb ("the assortment of customers adds"
/// keeps its reading). Returns whether it changed anything.
pub fn subordinator_read_as_preposition(
    words: &[&str],
    tags: &[TaggedToken],
    arcs: &mut [Arc],
) -> bool {
    let n = tags.len().min(arcs.len()).min(words.len());
    let mut changed = false;
    for v in 1..n {
        let frozen: &[Arc] = &arcs[..n];
        let x = v - 1;
        let finite = matches!(tags[v].xpos, Xpos::Vbd | Xpos::Vbz | Xpos::Vbp);
        if !finite
            || tags[v].upos != Upos::Verb
            || !matches!(tags[x].upos, Upos::Noun | Upos::Propn | Upos::Pron)
            || !matches!(frozen[x].rel.main(), "obl" | "nmod")
            || children(frozen, v).any(|k| frozen[k].rel.is_subject() || frozen[k].rel.is("mark"))
            || children(frozen, x).any(|k| k > x)
        {
            continue;
        }
        let Some(p) = children(frozen, x).find(|&k| frozen[k].rel == Rel::CASE) else {
            continue;
        };
        // The phrase is the preposition and the noun's own words, nothing else.
        let opens_clause = SUBORDINATORS.contains(&words[p].to_lowercase().as_str());
        if !opens_clause || !(p + 1..x).all(|k| dominates(frozen, x, k)) {
            continue;
        }
        let Some(head) = frozen[x].head.checked_sub(1) else {
            continue;
        };
        if dominates(frozen, v, head) {
            continue;
        }
        arcs[v] = Arc {
            head: head + 1,
            rel: Rel::ADVCL,
        };
        arcs[x] = Arc {
            head: v + 1,
            rel: Rel::NSUBJ,
        };
        arcs[p] = Arc {
            head: v + 1,
            rel: Rel::MARK,
        };
        changed = true;
    }
    changed
}

/// The root of a sentence parsed as a noun or name without subject or copula, the
/// reading both main-verb repairs start from.
fn subjectless_nominal_root(tags: &[TaggedToken], arcs: &[Arc]) -> Option<usize> {
    let root = (0..arcs.len()).find(|&i| arcs[i].head == 0)?;
    let nominal = matches!(tags[root].upos, Upos::Noun | Upos::Propn);
    let subject = children(arcs, root).any(|c| arcs[c].rel.is_subject() || arcs[c].rel == Rel::COP);
    (nominal && !subject).then_some(root)
}

/// Makes `verb` the root and the nominal `root` its `nsubj`; the noun's dependents after
/// the verb (the final stop, a second clause) become the verb's.
fn make_main_verb(arcs: &mut [Arc], root: usize, verb: usize) {
    let after: Vec<usize> = children(arcs, root).filter(|&k| k > verb).collect();
    for k in after {
        arcs[k].head = verb + 1;
    }
    arcs[verb] = Arc {
        head: 0,
        rel: Rel::ROOT,
    };
    arcs[root] = Arc {
        head: verb + 1,
        rel: Rel::NSUBJ,
    };
}

/// Whether word `a` dominates word `k` (0-based; a word dominates itself).
fn dominates(arcs: &[Arc], a: usize, mut k: usize) -> bool {
    for _ in 0..=arcs.len() {
        if k == a {
            return true;
        }
        match arcs[k].head.checked_sub(1) {
            Some(h) => k = h,
            None => return false,
        }
    }
    false
}

/// The words whose head is word `h` (0-based indices).
fn children(arcs: &[Arc], h: usize) -> impl Iterator<Item = usize> + '_ {
    (0..arcs.len()).filter(move |&i| arcs[i].head == h + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(upos: Upos, xpos: Xpos) -> TaggedToken {
        TaggedToken { upos, xpos }
    }

    fn arc(head: usize, rel: &str) -> Arc {
        Arc {
            head,
            rel: Rel::from_name(rel).unwrap(),
        }
    }

    /// "Rebels attacked the town ." with the verb read as a participle.
    fn misread() -> (Vec<TaggedToken>, Vec<Arc>) {
        let tags = vec![
            tag(Upos::Noun, Xpos::Nns),
            tag(Upos::Verb, Xpos::Vbn),
            tag(Upos::Det, Xpos::Dt),
            tag(Upos::Noun, Xpos::Nn),
            tag(Upos::Punct, Xpos::Period),
        ];
        let arcs = vec![
            arc(0, "root"),
            arc(1, "acl"),
            arc(4, "det"),
            arc(2, "obj"),
            arc(1, "punct"),
        ];
        (tags, arcs)
    }

    #[test]
    fn a_participle_with_an_object_under_a_nominal_root_is_the_main_verb() {
        let (mut tags, mut arcs) = misread();
        assert!(main_verb_read_as_participle(&mut tags, &mut arcs));
        let heads: Vec<usize> = arcs.iter().map(|a| a.head).collect();
        assert_eq!(heads, vec![2, 0, 4, 2, 2]);
        assert_eq!(arcs[0].rel.name(), "nsubj");
        assert_eq!(arcs[1].rel.name(), "root");
        assert_eq!(tags[1].xpos, Xpos::Vbd);
    }

    #[test]
    fn a_reduced_relative_without_object_stays() {
        // "Civilians killed in the raid ." — a fragment, but a true reduced relative.
        let (mut tags, mut arcs) = misread();
        arcs[3] = arc(2, "obl");
        let before = arcs.clone();
        assert!(!main_verb_read_as_participle(&mut tags, &mut arcs));
        assert_eq!(arcs, before);
    }

    /// "Peru on Friday expelled diplomats ." with the name as root and the verb its `amod`.
    fn time_before_verb() -> (Vec<TaggedToken>, Vec<Arc>) {
        let tags = vec![
            tag(Upos::Propn, Xpos::Nnp),
            tag(Upos::Adp, Xpos::In),
            tag(Upos::Propn, Xpos::Nnp),
            tag(Upos::Verb, Xpos::Vbd),
            tag(Upos::Noun, Xpos::Nns),
            tag(Upos::Punct, Xpos::Period),
        ];
        let arcs = vec![
            arc(0, "root"),
            arc(3, "case"),
            arc(1, "nmod"),
            arc(1, "amod"),
            arc(4, "obj"),
            arc(1, "punct"),
        ];
        (tags, arcs)
    }

    #[test]
    fn a_finite_verb_under_a_nominal_root_is_the_main_verb() {
        let (tags, mut arcs) = time_before_verb();
        assert!(finite_verb_under_nominal_root(&tags, &mut arcs));
        let heads: Vec<usize> = arcs.iter().map(|a| a.head).collect();
        // The time stays with the name (as the parser attaches it after a common noun).
        assert_eq!(heads, vec![4, 3, 1, 0, 4, 4]);
        assert_eq!(arcs[0].rel.name(), "nsubj");
        assert_eq!(arcs[3].rel.name(), "root");
    }

    #[test]
    fn a_verb_with_its_own_subject_or_after_another_verb_stays() {
        // "... the town rebels took": a relative clause with its own subject.
        let (tags, mut arcs) = time_before_verb();
        arcs[2] = arc(4, "nsubj");
        let before = arcs.clone();
        assert!(!finite_verb_under_nominal_root(&tags, &mut arcs));
        assert_eq!(arcs, before);
        // A participle is no finite verb ("troops stationed in Syria").
        let (mut tags, mut arcs) = time_before_verb();
        tags[3].xpos = Xpos::Vbn;
        assert!(!finite_verb_under_nominal_root(&tags, &mut arcs));
        // Another verb between the two: the parser's reading is kept.
        let (mut tags, mut arcs) = time_before_verb();
        tags[1] = tag(Upos::Verb, Xpos::Vbg);
        assert!(!finite_verb_under_nominal_root(&tags, &mut arcs));
    }

    #[test]
    fn an_object_before_a_subjectless_complement_is_its_subject() {
        // "Officials said talks could resume ." with `talks` the object of `said`.
        let tags = vec![
            tag(Upos::Noun, Xpos::Nns),
            tag(Upos::Verb, Xpos::Vbd),
            tag(Upos::Noun, Xpos::Nns),
            tag(Upos::Aux, Xpos::Md),
            tag(Upos::Verb, Xpos::Vb),
            tag(Upos::Punct, Xpos::Period),
        ];
        let misread = vec![
            arc(2, "nsubj"),
            arc(0, "root"),
            arc(2, "obj"),
            arc(5, "aux"),
            arc(2, "ccomp"),
            arc(2, "punct"),
        ];
        let mut arcs = misread.clone();
        assert!(object_is_subject_of_complement(&tags, &mut arcs));
        assert_eq!((arcs[2].head, arcs[2].rel.name()), (5, "nsubj"));
        // "told reporters talks could resume": the complement has its own subject.
        let mut arcs = misread.clone();
        arcs[3] = arc(5, "nsubj");
        let before = arcs.clone();
        assert!(!object_is_subject_of_complement(&tags, &mut arcs));
        assert_eq!(arcs, before);
        // A bare infinitive shows no tense of its own ("made the rebels withdraw").
        let mut arcs = misread;
        arcs[3] = arc(5, "advmod");
        assert!(!object_is_subject_of_complement(&tags, &mut arcs));
    }

    #[test]
    fn a_copular_root_keeps_its_relative() {
        // "They are the officials given immunity": the root noun has its own subject.
        let tags = vec![
            tag(Upos::Pron, Xpos::Prp),
            tag(Upos::Aux, Xpos::Vbp),
            tag(Upos::Det, Xpos::Dt),
            tag(Upos::Noun, Xpos::Nns),
            tag(Upos::Verb, Xpos::Vbn),
            tag(Upos::Noun, Xpos::Nn),
        ];
        let mut arcs = vec![
            arc(4, "nsubj"),
            arc(4, "cop"),
            arc(4, "det"),
            arc(0, "root"),
            arc(4, "acl"),
            arc(5, "obj"),
        ];
        let mut t = tags.clone();
        assert!(!main_verb_read_as_participle(&mut t, &mut arcs));
        assert_eq!(t, tags);
    }

    /// "Rights lawyer Ann Lee was detained ." with the title as root and the verb its
    /// relative clause.
    fn title_as_root() -> (Vec<TaggedToken>, Vec<Arc>) {
        let tags = vec![
            tag(Upos::Noun, Xpos::Nns),
            tag(Upos::Noun, Xpos::Nn),
            tag(Upos::Propn, Xpos::Nnp),
            tag(Upos::Propn, Xpos::Nnp),
            tag(Upos::Aux, Xpos::Vbd),
            tag(Upos::Verb, Xpos::Vbn),
            tag(Upos::Punct, Xpos::Period),
        ];
        let arcs = vec![
            arc(2, "compound"),
            arc(0, "root"),
            arc(6, "nsubj:pass"),
            arc(3, "flat"),
            arc(6, "aux:pass"),
            arc(2, "acl:relcl"),
            arc(2, "punct"),
        ];
        (tags, arcs)
    }

    #[test]
    fn a_title_before_a_name_describes_the_name() {
        let (tags, mut arcs) = title_as_root();
        assert!(title_before_name(&tags, &mut arcs));
        let heads: Vec<usize> = arcs.iter().map(|a| a.head).collect();
        assert_eq!(heads, vec![2, 3, 6, 3, 6, 0, 6]);
        assert_eq!(arcs[1].rel.name(), "nmod:desc");
        assert_eq!(arcs[5].rel.name(), "root");
        // The title hung on the verb as an `obl`: only its head changes.
        let (tags, mut arcs) = title_as_root();
        arcs[1] = arc(6, "obl");
        arcs[5] = arc(0, "root");
        arcs[6] = arc(6, "punct");
        assert!(title_before_name(&tags, &mut arcs));
        assert_eq!(arcs[1], arc(3, "nmod:desc"));
    }

    #[test]
    fn a_title_with_a_preposition_or_heading_the_name_stays() {
        // "... met with lawyer Ann Lee": the noun has its own preposition.
        let (tags, mut arcs) = title_as_root();
        arcs[1] = arc(6, "obl");
        arcs[5] = arc(0, "root");
        arcs[6] = arc(6, "punct");
        arcs[0] = arc(2, "case");
        let before = arcs.clone();
        assert!(!title_before_name(&tags, &mut arcs));
        assert_eq!(arcs, before);
        // The name is the title's own dependent ("lawyer Ann Lee" as one phrase).
        let (tags, mut arcs) = title_as_root();
        arcs[2] = arc(2, "appos");
        let before = arcs.clone();
        assert!(!title_before_name(&tags, &mut arcs));
        assert_eq!(arcs, before);
    }

    /// "Groups were banned after police raided offices ." with "after police" read as a
    /// prepositional phrase of `banned` and `raided` its `xcomp`.
    fn after_read_as_preposition() -> (Vec<&'static str>, Vec<TaggedToken>, Vec<Arc>) {
        let words = vec![
            "Groups", "were", "banned", "after", "police", "raided", "offices", ".",
        ];
        let tags = vec![
            tag(Upos::Noun, Xpos::Nns),
            tag(Upos::Aux, Xpos::Vbd),
            tag(Upos::Verb, Xpos::Vbn),
            tag(Upos::Adp, Xpos::In),
            tag(Upos::Noun, Xpos::Nns),
            tag(Upos::Verb, Xpos::Vbd),
            tag(Upos::Noun, Xpos::Nns),
            tag(Upos::Punct, Xpos::Period),
        ];
        let arcs = vec![
            arc(3, "nsubj:pass"),
            arc(3, "aux:pass"),
            arc(0, "root"),
            arc(5, "case"),
            arc(3, "obl"),
            arc(3, "xcomp"),
            arc(6, "obj"),
            arc(3, "punct"),
        ];
        (words, tags, arcs)
    }

    #[test]
    fn a_subordinator_read_as_preposition_opens_a_clause() {
        let (words, tags, mut arcs) = after_read_as_preposition();
        assert!(subordinator_read_as_preposition(&words, &tags, &mut arcs));
        let heads: Vec<usize> = arcs.iter().map(|a| a.head).collect();
        assert_eq!(heads, vec![3, 3, 0, 6, 6, 3, 6, 3]);
        assert_eq!(arcs[3].rel.name(), "mark");
        assert_eq!(arcs[4].rel.name(), "nsubj");
        assert_eq!(arcs[5].rel.name(), "advcl");
    }

    #[test]
    fn a_true_preposition_before_a_verb_keeps_its_reading() {
        // "the assortment of customers adds ...": "of" opens no clause.
        let (mut words, tags, mut arcs) = after_read_as_preposition();
        words[3] = "of";
        let before = arcs.clone();
        assert!(!subordinator_read_as_preposition(&words, &tags, &mut arcs));
        assert_eq!(arcs, before);
        // A verb with a subject of its own is already a clause.
        let (words, tags, mut arcs) = after_read_as_preposition();
        let mut arcs2 = arcs.clone();
        arcs2.push(arc(6, "nsubj"));
        let mut tags2 = tags.clone();
        tags2.push(tag(Upos::Pron, Xpos::Prp));
        let mut words2 = words.clone();
        words2.push("they");
        assert!(!subordinator_read_as_preposition(
            &words2, &tags2, &mut arcs2
        ));
        assert!(subordinator_read_as_preposition(&words, &tags, &mut arcs));
    }

    #[test]
    fn a_participle_between_subject_and_nominal_root_is_the_main_verb() {
        // "Police arrested protesters ." read as a noun phrase.
        let mut tags = vec![
            tag(Upos::Noun, Xpos::Nns),
            tag(Upos::Verb, Xpos::Vbn),
            tag(Upos::Noun, Xpos::Nns),
            tag(Upos::Punct, Xpos::Period),
        ];
        let mut arcs = vec![
            arc(3, "nsubj"),
            arc(3, "amod"),
            arc(0, "root"),
            arc(3, "punct"),
        ];
        assert!(main_verb_read_as_adjective(&mut tags, &mut arcs));
        let heads: Vec<usize> = arcs.iter().map(|a| a.head).collect();
        assert_eq!(heads, vec![2, 0, 2, 2]);
        assert_eq!(arcs[2].rel.name(), "obj");
        assert_eq!(tags[1].xpos, Xpos::Vbd);
        // "Used cars ." has no noun before the participle: a noun phrase it stays.
        let mut tags = vec![
            tag(Upos::Verb, Xpos::Vbn),
            tag(Upos::Noun, Xpos::Nns),
            tag(Upos::Punct, Xpos::Period),
        ];
        let mut arcs = vec![arc(2, "amod"), arc(0, "root"), arc(2, "punct")];
        assert!(!main_verb_read_as_adjective(&mut tags, &mut arcs));
    }
}
