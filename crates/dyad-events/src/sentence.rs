//! Coding one sentence: the stages of [`STAGES`], in the order that list declares, each
//! reading what the ones before it built into a [`SentenceState`].
//!
//! The `events` stage codes each trigger candidate in turn ([`SentenceCoding::candidate`]):
//! its roles ([`SentenceCoding::roles`]: the word rules of [`arguments`], the frames of
//! [`claims`], then the parse of [`roles`]) → its parties ([`SentenceCoding::parties`]:
//! home countries, the speaker, the story's country) → its sources and status
//! ([`SentenceCoding::sourcing`]: [`attribution`], [`modality`]) → its CAMEO code and
//! denial ([`SentenceCoding::coding`]) → what a modal or a refusal makes of it
//! ([`SentenceCoding::modal_recoding`]) → date, place and the recipient the conventions
//! name ([`SentenceCoding::event`]). The stages after it tidy the sentence's events: one
//! per piece of news.

use std::cell::OnceCell;
use std::collections::BTreeSet;

use dyad_model::{ActorRef, Attribution, Event, EventType, Location, Magnitude, Status};

use crate::arguments::{self, Arguments};
use crate::attribution::{self, Source};
use crate::claims::{self, ChargedParties, Instigation};
use crate::dates::{self, DateMention};
use crate::homes::SentenceCountries;
use crate::lexicon::{Complement, Lexicon, Pos, TriggerEntry};
use crate::magnitude::Quantity;
use crate::triggers::{self, TriggerMatch};
use crate::view::SentenceView;
use crate::{
    cameo, codes, complete_recipient, contexts, denied_charge_noun, denies_charge_noun,
    fits_quantity, is_first_person, location, modality, refs_with_homes, roles, CodingInput,
    DenialScope, Draft, EventLexicon,
};
use dyad_text::Upos;

/// One stage of a sentence's coding.
pub(crate) type Stage = fn(&SentenceCoding<'_>, &mut SentenceState);

/// The stages of one sentence, in the order they run.
pub(crate) const STAGES: &[(&str, Stage)] = &[
    ("candidates", candidates),
    ("demands", demands),
    ("events", events),
    ("concerns", concerns),
    ("restating nouns", restating_nouns),
    ("duplicates", duplicates),
    ("protest demands", protest_demands),
    ("background", background),
    ("counts", counts),
];

/// What a sentence's coding reads: the sentence, its sources and the countries it names.
pub(crate) struct SentenceCoding<'a> {
    pub coder: &'a EventLexicon,
    pub input: &'a CodingInput<'a>,
    pub view: &'a SentenceView<'a>,
    pub paragraph: usize,
    /// The sources its reporting verbs and "according to" phrases give.
    pub sources: &'a [Source],
    pub homes: &'a SentenceCountries,
    /// The sentence's counts, read once when first needed (whether an event with no party
    /// is kept; which event a count belongs to).
    quantities: OnceCell<Vec<Quantity>>,
    /// The sentence's dates, read once when an event first needs one: most sentences
    /// have none to date.
    dates: OnceCell<Vec<DateMention>>,
}

/// What the stages have built for one sentence so far.
#[derive(Default)]
pub(crate) struct SentenceState {
    /// Triggers folded into another one ("agreed to withdraw": the withdrawal is the
    /// agreement's content); other stages read their arguments.
    absorbed: Vec<TriggerMatch>,
    /// The candidates left to code, in the order of the sentence.
    active: Vec<TriggerMatch>,
    /// The sentence's keyword contexts ([`contexts::keyword_contexts`]).
    keyword_contexts: Vec<String>,
    /// The sentence's events.
    out: Vec<Draft>,
}

impl<'a> SentenceCoding<'a> {
    pub fn new(
        coder: &'a EventLexicon,
        input: &'a CodingInput<'a>,
        view: &'a SentenceView<'a>,
        paragraph: usize,
        sources: &'a [Source],
        homes: &'a SentenceCountries,
    ) -> Self {
        SentenceCoding {
            coder,
            input,
            view,
            paragraph,
            sources,
            homes,
            quantities: OnceCell::new(),
            dates: OnceCell::new(),
        }
    }

    /// Runs [`STAGES`] in order; the sentence's events.
    pub fn code(&self) -> Vec<Draft> {
        let mut state = SentenceState::default();
        for (_, stage) in STAGES {
            stage(self, &mut state);
        }
        state.out
    }

    fn lex(&self) -> &'a Lexicon {
        &self.coder.lexicon
    }

    fn dates(&self) -> &[DateMention] {
        self.dates.get_or_init(|| {
            let tokens = self.input.layer().sentence_tokens(self.view.index);
            dates::find_dates_in_tokens(self.input.text, tokens, self.input.published)
        })
    }

    /// Puts the date expression `d` on `event`.
    fn put_date(&self, event: &mut Event, d: &DateMention) {
        event.date = Some(d.date);
        event.date_end = d.end;
        event.date_text = self
            .input
            .text
            .get(d.span.start..d.span.end)
            .map(str::to_string);
        event.date_precision = Some(d.precision);
    }

    fn quantities(&self) -> &[Quantity] {
        self.quantities.get_or_init(|| {
            let tokens = self.input.layer().sentence_tokens(self.view.index);
            self.coder
                .magnitudes
                .find_in_tokens(self.input.text, tokens)
        })
    }
}

/// Stage `candidates`: the trigger matches that may be events, with the words of frames
/// that release or rule out an event read first.
fn candidates(s: &SentenceCoding<'_>, st: &mut SentenceState) {
    let (lex, view) = (s.lex(), s.view);
    st.keyword_contexts = contexts::keyword_contexts(lex, view);
    let mut matches = triggers::find_triggers(lex, view, &st.keyword_contexts);
    // "denied attacking the hospital": what a denial denies is an event ([`claims`]).
    claims::release_denied_events(lex, view, &mut matches);
    // "accused the rebels of killing civilians": the killing is an alleged event.
    claims::release_charged_events(lex, view, &mut matches);
    // "condemned Russia's invasion": the invasion happened ([`roles`]).
    if let Some(doc) = view.doc {
        roles::release_factive_objects(lex, view, doc, &mut matches);
        // "returned to Kabul", "released a report", "poses a threat": no event.
        roles::drop_non_events(lex, view, doc, &mut matches);
    }
    st.absorbed = matches.iter().filter(|m| m.absorbed).cloned().collect();
    // A trigger word inside an actor's own phrase names the actor, not an event
    // ("Georgian demonstrators", "Liberian riot police").
    st.active = matches
        .into_iter()
        .filter(|m| !triggers::is_aim_or_slogan(lex, view, m))
        .filter(|m| !m.absorbed && view.mention_at.get(m.start).is_none_or(Option::is_none))
        .filter(|m| !describes_source(s.sources, view, m))
        .collect();
}

/// "..., an envoy of the group seeking to mediate a truce said": the words that
/// describe a source tell who speaks, not what happened.
fn describes_source(sources: &[Source], view: &SentenceView<'_>, m: &TriggerMatch) -> bool {
    sources.iter().any(|s| {
        let before_cue = m.end <= s.cue_tokens.0
            && (0..s.cue_tokens.0)
                .rev()
                .find(|&j| view.is_comma(j))
                .is_some_and(|comma| comma < m.start);
        // "according to a study by an expert sent to the region".
        let after_according = !s.speech && s.cue_tokens.1 <= m.start;
        (before_cue || after_according) && m.end <= s.phrase.1
    })
}

/// Stage `demands`: "X said Y must Z" is a demand by X on Y that replaces Z.
fn demands(s: &SentenceCoding<'_>, st: &mut SentenceState) {
    let (lex, view) = (s.lex(), s.view);
    for p in 1..view.len() {
        if !lex.cues.request_modal.iter().any(|w| w == view.word(p)) {
            continue;
        }
        let Some((speaker, target)) = demand_parties(s, p) else {
            continue;
        };
        st.active.retain(|m| !(m.start > p && m.start <= p + 4));
        let mut event = s
            .coder
            .blank_event(view, EventType::Request, "100", p, p + 1);
        event.actor = speaker;
        event.recipient = target;
        event.contexts = st.keyword_contexts.clone();
        // The demand is made when it is said: "told reporters on Monday that Iran must
        // ..." (the date of the clause that governs the modal's).
        if let Some(d) = dates::date_of_saying(
            &s.coder.dates,
            s.dates(),
            &s.input.doc.sentences[view.index],
            (p, p + 1),
            s.input.published,
        ) {
            s.put_date(&mut event, &d);
        }
        st.out.push(Draft::new(event, s.paragraph, p));
    }
}

/// The speaker and the one the modal at `p` ("must", "should") makes demands of, when
/// they are two parties.
fn demand_parties(s: &SentenceCoding<'_>, p: usize) -> Option<(Vec<ActorRef>, Vec<ActorRef>)> {
    let (view, actors) = (s.view, s.input.actors);
    let k = demanded_of(view, p)?;
    let mut speaker = s
        .sources
        .iter()
        .find(|src| src.speech && !src.refs.is_empty() && src.scope.0 <= p && p < src.scope.1)
        .map(|src| src.refs.clone())
        .or_else(|| {
            // "Chirac issued a reminder to Iraq that it must ...".
            let that = (0..p).rev().find(|&j| view.word(j) == "that")?;
            let subject = arguments::main_subject(view, actors, that);
            let refs = arguments::actor_refs(view, actors, &subject);
            (!refs.is_empty()).then_some(refs)
        })?;
    let mut group = vec![k];
    arguments::extend_left(view, &mut group);
    let target = arguments::actor_refs(view, actors, &group);
    // "X said it must": no demand on oneself; "rebels said the president must" is a
    // demand between two actors of one country.
    let same_actor = |a: &ActorRef, b: &ActorRef| match (&a.entity, &b.entity) {
        (Some(x), Some(y)) => x == y,
        _ => a.text == b.text && a.code == b.code,
    };
    let own = target
        .iter()
        .all(|t| speaker.iter().any(|sp| same_actor(sp, t)));
    if own || target.is_empty() || codes(&target).is_empty() {
        return None;
    }
    s.homes.fill_refs(view, actors, &mut speaker, &[]);
    Some((speaker, target))
}

/// The actor mention the modal at `p` makes demands of: the actor right before it ("Iraq
/// must"); for a pronoun, the nearest actor before it ("... to Iraq that it must"); the
/// actor before it across adverbs and an aside; else the subject of the verb the modal helps, in the parse, or one of its conjuncts
/// ("the Security Council, which meets on Monday, must ...", "the international
/// community and the UN should ...").
fn demanded_of(view: &SentenceView<'_>, p: usize) -> Option<usize> {
    match view.mention_at[p - 1] {
        Some(k) => return Some(k),
        None if matches!(view.word(p - 1), "it" | "they" | "he" | "she") => {
            return (0..p - 1).rev().find_map(|j| view.mention_at[j]);
        }
        None => {}
    }
    // "Chile now must", "Chile, which closed the crossing in May, must": the nearest actor
    // before the modal across adverbs and one aside between commas.
    let mut j = p - 1;
    let mut aside = false;
    loop {
        if let Some(k) = view.mention_at[j] {
            return Some(k);
        }
        let adverb = view.tag(j).is_some_and(|t| t.upos == Upos::Adv);
        if adverb && j > 0 {
            j -= 1;
        } else if view.is_comma(j) && !aside {
            match (j.saturating_sub(12)..j).rev().find(|&i| view.is_comma(i)) {
                Some(open) if open > 0 => j = open - 1,
                _ => break,
            }
            aside = true;
        } else {
            break;
        }
    }
    let doc = view.doc.filter(|doc| doc.len() == view.len())?;
    if doc.rels[p].main() != "aux" {
        return None;
    }
    let verb = doc.head(p)?;
    let subject = doc
        .children(verb)
        .find(|&c| doc.rels[c].main() == "nsubj" && c < p)?;
    std::iter::once(subject)
        .chain(doc.children_with(subject, "conj"))
        .find_map(|t| view.mention_at[t])
}

/// Whether one of the sources covering an event is its actor (the same entity, or, for
/// parties the recogniser gave no entity, the same words).
fn utters(covering: &[&Source], actor: &[ActorRef]) -> bool {
    covering.iter().flat_map(|s| &s.refs).any(|r| {
        actor.iter().any(|a| match (&r.entity, &a.entity) {
            (Some(x), Some(y)) => x == y,
            _ => r.text.eq_ignore_ascii_case(&a.text),
        })
    })
}

/// Stage `events`: each candidate coded in turn ([`SentenceCoding::candidate`]).
fn events(s: &SentenceCoding<'_>, st: &mut SentenceState) {
    let mut coordination = Coordination::default();
    for idx in 0..st.active.len() {
        let drafts = s.candidate(st, idx, &mut coordination);
        st.out.extend(drafts);
    }
}

/// The subject a coordinated verb shares with the verb before it ("rebels kidnapped
/// advisers and exploded bombs").
#[derive(Default)]
struct Coordination {
    actor: Option<Vec<usize>>,
    inanimate: bool,
}

/// A candidate's roles, as mentions of the sentence.
struct CandidateRoles {
    args: Arguments,
    /// "X made Y attack Z": who made it happen.
    instigation: Option<Instigation>,
    /// "Kenya accused the rebels of killing civilians": the charge the event rests on.
    charge: Option<ChargedParties>,
    /// The trigger's grammatical subject in the parse.
    subject: Option<usize>,
    /// A judgement (complement `evaluation`): its parties are the judge and the judged.
    evaluation: bool,
}

/// A candidate's parties, as actor references.
struct Parties {
    actor: Vec<ActorRef>,
    recipient: Vec<ActorRef>,
    place: Option<Location>,
    /// "Egypt jails journalists, Amnesty protested": a complaint, not a demonstration.
    reporting_protest: bool,
    /// A speaker's own judgement ([`Draft::judgement`]).
    own_judgement: bool,
    /// [`Draft::speaker_subject`].
    speaker_subject: bool,
}

/// Who vouches for a candidate, and the status that gives it.
struct Sourcing<'s> {
    covering: Vec<&'s Source>,
    attribution: Vec<Attribution>,
    /// The status the sources alone give, before any modal or condition.
    said: Status,
    status: Status,
}

/// What a warning is, by what it warns of.
enum Warning {
    Threat,
    Accusation,
    Nothing,
}

/// A candidate's type, codes and status, and the denial it makes.
struct Coded {
    event: EventType,
    status: Status,
    cameo: String,
    mode: Option<String>,
    denial: Option<DenialScope>,
}

impl SentenceCoding<'_> {
    /// The event of candidate `idx` (none when it turns out to be no event), and the
    /// accusation that reporting it makes.
    fn candidate(
        &self,
        st: &SentenceState,
        idx: usize,
        coordination: &mut Coordination,
    ) -> Vec<Draft> {
        let m = &st.active[idx];
        let entry = &self.lex().triggers[m.entry];
        if self.restates_charge(st, idx) {
            return Vec::new();
        }
        let Some(roles) = self.roles(st, idx, coordination) else {
            return Vec::new();
        };
        let Some(parties) = self.parties(m, entry, &roles) else {
            return Vec::new();
        };
        let sourcing = self.sourcing(m, &roles, &parties);
        let Some(mut coded) = self.coding(st, m, entry, &roles.args, &parties, &sourcing) else {
            return Vec::new();
        };
        if !self.modal_recoding(m, &parties, &sourcing, &mut coded) {
            return Vec::new();
        }
        let draft = Draft {
            denial: coded.denial,
            noun: entry.pos == Pos::Noun,
            // A bare participle after a noun is a reduced relative only once the sentence
            // has had its main event ("the wing refused" is the main verb, "began a
            // hunger strike ... property seized by" the main noun).
            // A denial closing a charge's relative clause is news of its own ("a charge
            // that Moscow denied").
            subordinate: arguments::is_subordinate(self.lex(), self.view, m)
                && idx > 0
                && coded.denial != Some(DenialScope::Charge),
            speaker_subject: parties.speaker_subject,
            judgement: parties.own_judgement,
            ..Draft::new(
                self.event(st, m, entry, coded, &sourcing, parties),
                self.paragraph,
                m.start,
            )
        };
        let accusation =
            self.reported_accusation(st, entry, &draft, roles.instigation.as_ref(), &sourcing);
        std::iter::once(draft).chain(accusation).collect()
    }

    /// Who does what to whom, as mentions: the word rules ([`arguments`]), the frames of
    /// [`claims`] and the sentence's other candidates, then the parse ([`roles`]). None
    /// when the roles show the candidate is no event.
    fn roles(
        &self,
        st: &SentenceState,
        idx: usize,
        coordination: &mut Coordination,
    ) -> Option<CandidateRoles> {
        let (lex, view, actors) = (self.lex(), self.view, self.input.actors);
        let (active, absorbed) = (&st.active, &st.absorbed);
        let m = &active[idx];
        let entry = &lex.triggers[m.entry];
        let next = active.get(idx + 1).map(|n| n.start);
        let mut args = arguments::find_arguments(lex, view, actors, m, next);
        // "visited Peru and met officials", "expelled two envoys, accusing them of
        // spying": a coordinated verb or a participle adjunct acts with the subject of its
        // clause in the parse, and so does a verb whose word-rule actor sits in a clause
        // on another noun (the frames below, charges and denials, come after).
        if let Some(subject) = view.doc.filter(|_| entry.pos.is_verb()).and_then(|doc| {
            roles::clause_subject(view, doc, m)
                .or_else(|| roles::subject_outside_relative(view, doc, m, &args.actor))
        }) {
            args.recipient.retain(|k| !subject.contains(k));
            args.actor = subject;
        }
        // "X made Y attack Z": Y acts, X instigates ([`claims`]).
        let instigation = claims::instigation(lex, view, actors, m);
        if let Some(i) = &instigation {
            claims::apply_instigation(i, &mut args);
        }
        // "Russia denied attacking the hospital": the denier is the gerund's actor.
        if let Some(denier) = claims::gerund_denier(lex, view, actors, active, m) {
            args.recipient.retain(|k| !denier.contains(k));
            args.actor = denier;
        }
        // "Kenya accused the rebels of killing civilians": the rebels kill, by Kenya's
        // charge.
        let charge = claims::charged_parties(lex, view, actors, active, m);
        if let Some(c) = &charge {
            args.recipient.retain(|k| !c.accused.contains(k));
            args.actor = c.accused.clone();
        }
        // "agreed to provide aid for Romania": the recipient of an absorbed complement is
        // the recipient of the whole event.
        if args.recipient.is_empty() && entry.complement == Complement::Absorb {
            args.recipient = absorbed
                .iter()
                .filter(|a| a.start >= m.end && next.is_none_or(|n| a.start < n))
                .map(|a| arguments::find_arguments(lex, view, actors, a, next).recipient)
                .find(|r| !r.is_empty() && r.iter().all(|k| !args.actor.contains(k)))
                .unwrap_or_default();
        }
        // "rebels kidnapped advisers and exploded bombs": a coordinated verb shares the
        // subject of the verb before it; a charged gerund has the accused.
        if charge.is_none() && entry.pos.is_verb() && m.start > 0 && view.word(m.start - 1) == "and"
        {
            if let Some(prev) = coordination.actor.as_ref() {
                args.recipient.retain(|k| !prev.contains(k));
                args.actor = prev.clone();
                args.inanimate = coordination.inanimate;
            }
        }
        if entry.pos.is_verb() && (!args.actor.is_empty() || args.inanimate) {
            coordination.actor = Some(args.actor.clone());
            coordination.inanimate = args.inanimate;
        }
        // "sent inspectors to Iran to monitor the plant": the investigation is the
        // sender's, aimed at where the inspectors go.
        let sender = absorbed.iter().rev().find(|a| {
            lex.triggers[a.entry].complement == Complement::Purpose
                && a.end <= m.start
                && m.start - a.end <= 16
                && m.start > 0
                && view.word(m.start - 1) == "to"
        });
        if let Some(sender) = sender {
            let sent = arguments::find_arguments(lex, view, actors, sender, Some(m.start));
            if !sent.actor.is_empty() {
                args.actor = sent.actor;
            }
            if !sent.recipient.is_empty() {
                args.recipient = sent.recipient;
            }
        }
        // "easing the embargo on Cuba is not on the table": the recipient is the
        // one of the events in the subject.
        if args.recipient.is_empty() && entry.complement == Complement::Subject {
            args.recipient = absorbed
                .iter()
                .filter(|a| a.end <= m.start && m.start - a.end <= 8)
                .map(|a| arguments::find_arguments(lex, view, actors, a, Some(m.start)).recipient)
                .find(|r| !r.is_empty())
                .unwrap_or_default();
        }
        let evaluation = entry.complement == Complement::Evaluation;
        let mut subject = None;
        if evaluation {
            // A judgement's parties are the judge and whose the judged thing is
            // ([`roles::evaluation_parties`]), not the words around it.
            let (judge, judged) = view
                .doc
                .and_then(|doc| roles::evaluation_parties(lex, view, actors, doc, m))?;
            args.actor = judge;
            args.recipient = judged;
            args.recipient.retain(|k| !args.actor.contains(k));
        } else if let Some(doc) = view.doc {
            let syn = self.parse_roles(doc, entry, m)?;
            subject = syn.subject;
            self.fill_from_parse(m, syn, &mut args);
            // "received aid from Japan": the giver acts, the subject receives.
            if let Some((actor, recipient)) = roles::received_from(lex, view, doc, m) {
                args.actor = actor;
                args.recipient = recipient;
                args.recipient.retain(|k| !args.actor.contains(k));
            }
            // "the journalist's arrest": whose it is undergoes it.
            if let Some(k) = roles::undergoing_possessor(lex, view, doc, m) {
                args.actor.retain(|&a| a != k);
                if !args.recipient.contains(&k) {
                    args.recipient.insert(0, k);
                }
            }
        }
        Some(CandidateRoles {
            args,
            instigation,
            charge,
            subject,
            evaluation,
        })
    }

    /// The candidate's roles in the parse ([`roles::roles`]); none when they show it is no
    /// event.
    fn parse_roles(
        &self,
        doc: &dyad_syntax::SentenceDoc,
        entry: &TriggerEntry,
        m: &TriggerMatch,
    ) -> Option<roles::SyntaxRoles> {
        let (lex, view) = (self.lex(), self.view);
        let syn = roles::roles(view, doc, entry, m);
        // "the missiles travelled 350 km": weapons strike, they do not visit, agree or
        // ask; a non-violent event whose subject is one is no event.
        let weapon_subject = syn.subject.is_some_and(|t| {
            view.mention_at[t].is_none() && lex.cues.inanimate.contains(view.word(t))
        });
        if weapon_subject && !cameo::is_hostile_act(entry.event) {
            return None;
        }
        // "VOA requested comment from the ministry": journalism, not politics.
        let press = entry.event == EventType::Request
            && roles::requested_thing(doc, m)
                .is_some_and(|t| lex.cues.press_request.contains(&t.to_lowercase()));
        (!press).then_some(syn)
    }

    /// Roles from the parse where the word rules found none: an actor or a recipient they
    /// missed, and passives the words do not show ("were fired").
    fn fill_from_parse(&self, m: &TriggerMatch, syn: roles::SyntaxRoles, args: &mut Arguments) {
        let view = self.view;
        args.passive |= syn.passive;
        // A recipient the word rules missed: the object, the passive's subject or the
        // trigger's prepositional frame in the parse. Not after a quotation's comma ("“...,”
        // agreed the minister"), where the parse may read the speaker after the verb as
        // its object.
        let quote_tag = m.start > 0 && (view.is_quote(m.start - 1) || view.is_comma(m.start - 1));
        if args.recipient.is_empty() && !quote_tag {
            args.recipient = syn.recipient;
            args.recipient.retain(|k| !args.actor.contains(k));
        }
        if (args.actor.is_empty() || syn.doer_phrase) && !args.inanimate {
            args.actor = syn.actor;
            args.actor.retain(|k| !args.recipient.contains(k));
        }
    }

    /// The candidate's parties as actor references, with home countries, its place, and
    /// the speaker or the story's country where the conventions name them. None when an
    /// event would have no party at all.
    fn parties(
        &self,
        m: &TriggerMatch,
        entry: &TriggerEntry,
        roles: &CandidateRoles,
    ) -> Option<Parties> {
        let (lex, view, actors, homes) = (self.lex(), self.view, self.input.actors, self.homes);
        let args = &roles.args;
        let all: Vec<usize> = args.actor.iter().chain(&args.recipient).copied().collect();
        // Where it happened: groups with no country of their own belong there.
        let place = location::find_location(view, actors, m.start, m.end, entry.event);
        let place_code = place
            .as_ref()
            .and_then(|l| l.country.as_deref())
            .filter(|c| lex.is_country(c));
        let mut actor = refs_with_homes(view, actors, &args.actor, &all, homes, place_code);
        let mut recipient = refs_with_homes(view, actors, &args.recipient, &all, homes, place_code);
        // No party is its own counterpart: "the rebels attacked their convoy" where "their"
        // resolves to the rebels names no recipient. (Participants acting together are
        // made both sides later, by the conventions: [`crate::complete_recipient`].)
        recipient.retain(|r| r.entity.is_none() || !actor.iter().any(|a| a.entity == r.entity));
        // "Egypt jails journalists, Amnesty protested": a complaint by the protester about
        // the subject of the reported clause.
        let reporting_protest = entry.event == EventType::Protest
            && entry.pos.is_verb()
            && triggers::protest_is_reporting(view, m);
        if reporting_protest {
            self.protest_parties(m, &mut actor, &mut recipient);
        }
        // The speaker is the actor of a verdict without a subject of its own ("US officials
        // said that lifting the sanctions is out of the question") and of an event whose
        // subject is "I" or "we" ("“We will send aid,” the minister said"); in a quotation
        // whose speaker another sentence names, the `claims` pass gives the latter
        // ([`claims::resolve_document`]).
        let first_person = roles.subject.is_some_and(|t| is_first_person(view.word(t)));
        let mut own_judgement = false;
        let speaks = entry.complement == Complement::Subject || first_person || roles.evaluation;
        if actor.is_empty() && speaks {
            if let Some(s) = self.sources.iter().find(|s| {
                s.speech && !s.refs.is_empty() && s.scope.0 <= m.start && m.start < s.scope.1
            }) {
                actor = s.refs.clone();
                own_judgement = roles.evaluation;
            }
        }
        // A judgement in the story's own voice is the reporter's opinion, no event.
        if roles.evaluation && actor.is_empty() {
            return None;
        }
        let speaker_subject = first_person && actor.is_empty();
        // An event with no party named, in a story about one country, involves that
        // country, marked implicit: a state's act ("two newspapers were banned", "dozens
        // were detained", "the talks collapsed") is its doing; a speech act whose speaker
        // goes unnamed ("concern was voiced over the crisis") is addressed to it — unnamed
        // speakers are rarely the state.
        if actor.is_empty() && recipient.is_empty() && place.is_none() {
            if let Some(home) = homes.story().and_then(|c| {
                location::country_party(c, |c| lex.country_name(c).map(str::to_string), true)
            }) {
                if cameo::is_speech_act(entry.event) {
                    recipient = vec![home];
                } else {
                    actor = vec![home];
                }
            }
        }
        // An event needs a party: who acts or, when the actor is left unsaid ("four people
        // were killed in grenade attacks", "the airstrike on Gaza", "a bomb exploded in
        // Baghdad"), whom it is done to, where it happened or how many it struck. The
        // actor then stays unknown (ACLED's "unidentified armed group"), or is the place's
        // country for a weapon striking there ([`location::place_as_actor`]).
        let counted = || {
            self.quantities()
                .iter()
                .any(|q| fits_quantity(&q.kind, entry.event))
        };
        if actor.is_empty()
            && recipient.is_empty()
            && place.is_none()
            && !speaker_subject
            && !counted()
        {
            return None;
        }
        Some(Parties {
            actor,
            recipient,
            place,
            reporting_protest,
            own_judgement,
            speaker_subject,
        })
    }

    /// "Egypt jails journalists, Amnesty protested": the protester speaks about the
    /// subject of the reported clause.
    fn protest_parties(
        &self,
        m: &TriggerMatch,
        actor: &mut Vec<ActorRef>,
        recipient: &mut Vec<ActorRef>,
    ) {
        let (view, actors) = (self.view, self.input.actors);
        let about = match triggers::trailing_report_comma(view, m) {
            Some(comma) => {
                let speakers: Vec<usize> = (0..view.mentions.len())
                    .filter(|&k| view.mentions[k].1 > comma && view.mentions[k].2 <= m.start)
                    .collect();
                *actor = arguments::actor_refs(view, actors, &speakers);
                arguments::main_subject(view, actors, comma)
            }
            None => (0..view.mentions.len())
                .find(|&k| view.mentions[k].1 > m.end)
                .into_iter()
                .collect(),
        };
        let about = arguments::actor_refs(view, actors, &about);
        if !about.is_empty() {
            *recipient = about;
        }
    }

    /// The sources that cover the candidate ([`attribution`]) and the status they and its
    /// modals give ([`modality::modal_status`]); a charged event rests on its accuser.
    fn sourcing(
        &self,
        m: &TriggerMatch,
        roles: &CandidateRoles,
        parties: &Parties,
    ) -> Sourcing<'_> {
        let (lex, view) = (self.lex(), self.view);
        let mut covering: Vec<&Source> = self
            .sources
            .iter()
            .filter(|s| {
                s.scope.0 <= m.start
                    && m.start < s.scope.1
                    && !(s.cue_tokens.0 < m.end && m.start < s.cue_tokens.1)
                    && !view.doc.is_some_and(|doc| {
                        s.speech && roles::coordinated_with_cue(doc, m, s.cue_tokens.0)
                    })
            })
            .collect();
        // A speaker's own judgement is made in the saying: asserted, with no source.
        if parties.own_judgement {
            covering.clear();
        }
        let (attribution, said) = attribution::sourced_status(&covering);
        let modal = modality::modal_status(lex, view, m);
        let (status, attribution) = match &roles.charge {
            Some(c) if modal.is_none() => (Status::Alleged, c.attribution(view, self.input.actors)),
            _ => (modal.unwrap_or(said), attribution),
        };
        Sourcing {
            covering,
            attribution,
            said,
            status,
        }
    }

    /// The candidate's CAMEO code and mode, and the denial it makes: "denied ...",
    /// "rejected the claims", "dismissing them as"; what a warning is ([`Warning`]). None
    /// when a warning warns of nothing a party does.
    fn coding(
        &self,
        st: &SentenceState,
        m: &TriggerMatch,
        entry: &TriggerEntry,
        args: &Arguments,
        parties: &Parties,
        sourcing: &Sourcing<'_>,
    ) -> Option<Coded> {
        let (lex, view) = (self.lex(), self.view);
        let mut coded = Coded {
            event: entry.event,
            status: sourcing.status,
            cameo: entry.cameo.clone(),
            mode: entry.mode.clone(),
            denial: None,
        };
        if coded.event == EventType::Reject {
            // "denied that it attacked ...": "that" opening a clause is no object.
            let object = lex.cues.denial_object.iter().any(|c| {
                (m.end..(m.end + 2).min(view.len())).any(|p| {
                    let after = p + c.words.len();
                    view.phrase_starts_at(&c.words, p)
                        && (c.words.len() > 1
                            || after >= view.len()
                            || view.is_punct(after)
                            || matches!(view.word(after), "and" | "as" | "but" | "or"))
                })
            });
            // "a charge that X rejected": the relative clause denies the charge.
            let charge = denies_charge_noun(lex, view, m.start);
            // "rejected claims that it attacked ...": a denial of the clause.
            let clause = claims::charge_clause(lex, view, m.end).is_some();
            if coded.cameo == "016" || object || charge || clause {
                coded.cameo = "016".to_string();
                coded.mode = Some("deny".to_string());
                // An accusation's hedge ("alleged that ...") covers what it charges,
                // not the denial that answers it.
                if charge && coded.status == Status::Alleged {
                    coded.status = Status::Asserted;
                }
                coded.denial = Some(if charge {
                    DenialScope::Charge
                } else if (object || args.recipient.is_empty() && view.word(m.end) != "that")
                    && !claims::denies_what_follows(lex, view, &st.active, m)
                {
                    DenialScope::Anaphoric
                } else {
                    DenialScope::Forward
                });
            }
        }
        // "..., a rights group protested": a complaint, not a demonstration.
        if parties.reporting_protest {
            coded.event = EventType::Accuse;
            coded.cameo = "111".to_string();
            coded.mode = Some("disapprove".to_string());
        }
        // "halted arms shipments to Turkey", "froze the loans": aid stopped is cut.
        if coded.event == EventType::Aid && entry.pos == Pos::Noun && self.is_stopped(m) {
            coded.event = EventType::Sanction;
            coded.cameo = "162".to_string();
            coded.mode = Some("discontinue".to_string());
        }
        // "Chad withdrew from the African Union", "pulled out of the WHO": leaving an
        // organisation cuts relations with it; withdrawing troops from it does not.
        if coded.mode.as_deref() == Some("withdraw")
            && coded.event == EventType::Retreat
            && self.leaves_organisation(m, parties)
        {
            coded.event = EventType::Sanction;
            coded.cameo = "160".to_string();
        }
        if coded.event == EventType::Threaten && self.is_warning(m) {
            match self.warning(st, m, args) {
                Warning::Threat => {}
                Warning::Accusation => {
                    coded.event = EventType::Accuse;
                    coded.cameo = "111".to_string();
                    coded.mode = Some("disapprove".to_string());
                }
                Warning::Nothing => return None,
            }
        }
        if let Some(refined) = cameo::refine_by_context(&coded.cameo, &st.keyword_contexts) {
            coded.cameo = refined.to_string();
        }
        Some(coded)
    }

    /// Whether a noun trigger is the object of a stopping verb (`stopping` in
    /// `events/cues.tsv`: "halted arms shipments", "the loans were frozen"): in the parse,
    /// or right before the noun's modifiers where the tagger misread the verb.
    fn is_stopped(&self, m: &TriggerMatch) -> bool {
        let (lex, view) = (self.lex(), self.view);
        let stopping = |w: &str| lex.cues.stopping.contains(&w.to_lowercase());
        let parsed = view.doc.is_some_and(|doc| {
            let noun = roles::trigger_head(doc, m);
            matches!(doc.rels[noun].name(), "obj" | "nsubj:pass")
                && doc.head(noun).is_some_and(|v| stopping(view.lemma(v)))
        });
        let modifier = |j: usize| {
            crate::view::is_determiner(view.word(j))
                || view
                    .tag(j)
                    .is_some_and(|t| matches!(t.upos, Upos::Adj | Upos::Noun | Upos::Num))
        };
        let before = (m.start.saturating_sub(4)..m.start)
            .rev()
            .find(|&j| stopping(view.word(j)) || view.is_punct(j) || !modifier(j));
        parsed || before.is_some_and(|j| stopping(view.word(j)))
    }

    /// "accused Y of E, charges Y denied": a charge noun that a denial's relative clause
    /// follows, once the sentence has told an accusation, names that accusation again;
    /// it is no second one.
    fn restates_charge(&self, st: &SentenceState, idx: usize) -> bool {
        let lex = self.lex();
        let m = &st.active[idx];
        lex.triggers[m.entry].event == EventType::Accuse
            && st.out.iter().any(|d| d.event.event == EventType::Accuse)
            && st.active[idx + 1..].iter().any(|later| {
                lex.triggers[later.entry].event == EventType::Reject
                    && denied_charge_noun(lex, self.view, later.start) == Some(m.start)
            })
    }

    /// Whether a withdrawal leaves an organisation: every recipient is an international
    /// organisation and nothing is withdrawn (no object, no "of" phrase, in the parse).
    fn leaves_organisation(&self, m: &TriggerMatch, parties: &Parties) -> bool {
        let organisations = !parties.recipient.is_empty()
            && parties
                .recipient
                .iter()
                .all(|r| r.code.as_deref().is_some_and(|c| c.starts_with("IGO")));
        let withdraws_something = self.view.doc.is_some_and(|doc| {
            let head = roles::trigger_head(doc, m);
            // "withdrew its troops from", "the withdrawal of troops from".
            doc.children_with(head, "obj").next().is_some()
                || doc
                    .children_with(head, "nmod")
                    .any(|k| roles::case_of(doc, k).as_deref() == Some("of"))
        });
        organisations && !withdraws_something
    }

    /// Whether the trigger is a warning (`warning` in `events/cues.tsv`).
    fn is_warning(&self, m: &TriggerMatch) -> bool {
        (m.start..m.end).any(|k| self.lex().cues.warning.contains(self.view.lemma(k)))
    }

    /// What a warning is, by what follows it in its sentence (annotation.md: "X warned Y
    /// that …" is a threat when it threatens sanctions or force, otherwise an accusation
    /// or a request as its content says).
    fn warning(&self, st: &SentenceState, m: &TriggerMatch, args: &Arguments) -> Warning {
        let (lex, view) = (self.lex(), self.view);
        let end = (m.end..view.len())
            .find(|&k| view.is_hard_boundary(k) || view.is_quote(k))
            .unwrap_or(view.len());
        let content = m.end..end;
        // "warned Poland against deploying missiles", "warned of severe consequences".
        let hostile = st.active.iter().chain(&st.absorbed).any(|a| {
            let kind = lex.triggers[a.entry].event;
            content.contains(&a.start)
                && (cameo::is_hostile_act(kind) || kind == EventType::Threaten)
        });
        let threat_word = content
            .clone()
            .any(|k| lex.cues.threat_content.contains(view.lemma(k)));
        // "Chile is warning it may seek arms elsewhere", "warned on Tuesday that it would
        // close ...": the warner's own act, a pronoun with a modal.
        let own_act = content.clone().any(|k| {
            matches!(view.word(k), "it" | "we" | "they")
                && k + 1 < end
                && matches!(
                    view.word(k + 1),
                    "will" | "would" | "could" | "can" | "may" | "might" | "shall" | "'ll"
                )
        });
        if hostile || threat_word || own_act {
            return Warning::Threat;
        }
        // "Iran warned the United States": the party warned, right after the verb.
        let warned = view.mention_at.get(m.end).copied().flatten();
        // "warned that the government's actions would divide the country", "warned of a
        // resurgence of the Islamic State": about another party, an accusation.
        let named = content
            .filter_map(|k| view.mention_at[k])
            .any(|k| !args.actor.contains(&k) && Some(k) != warned);
        if named {
            Warning::Accusation
        } else if warned.is_some() {
            Warning::Threat
        } else {
            Warning::Nothing
        }
    }

    /// What a modal, a condition or a refusal makes of the candidate: an intention to act
    /// ([`cameo::intention_code`]), a refusal ([`cameo::refusal_code`]), a threat made as
    /// it is uttered. False when it is then no event: an intention without anyone who
    /// holds it, a condition without a party ("if it is attacked").
    fn modal_recoding(
        &self,
        m: &TriggerMatch,
        parties: &Parties,
        sourcing: &Sourcing<'_>,
        coded: &mut Coded,
    ) -> bool {
        let (lex, view) = (self.lex(), self.view);
        let said = sourcing.said;
        // Whether the trigger stands inside an "if" clause, asked once of the parse (it
        // matters only to what a modal made hypothetical or future).
        let in_condition = matches!(coded.status, Status::Hypothetical | Status::Future)
            && modality::in_condition(lex, view, m);
        let recode = match coded.status {
            // "pledged to expel X": a committed hostile act stays that act, ahead.
            Status::Future => {
                !(cameo::is_hostile_act(coded.event)
                    && (modality::is_commitment(view, m) || modality::planned(lex, view, m)))
            }
            // "if it imposes sanctions": an act in a condition is that act, hypothetical.
            // A hostile act that may come is a threat only when its actor holds it out:
            // says it ("China hinted it may retaliate", "we could strike") or ties it
            // to a condition ("may halt its mediation if ..."); one that others fear or
            // expect ("they believe rebels could attack") is that act, hypothetical.
            Status::Hypothetical => {
                cameo::is_hostile_act(coded.event)
                    && !in_condition
                    && (parties.speaker_subject
                        || modality::has_condition(lex, view, m)
                        || utters(&sourcing.covering, &parties.actor))
            }
            _ => false,
        };
        let conditional = coded.status == Status::Hypothetical && in_condition;
        let partyless =
            parties.actor.is_empty() && (recode || conditional && parties.recipient.is_empty());
        if partyless && !parties.speaker_subject {
            return false;
        }
        if recode {
            if let Some((t, c)) = cameo::intention_code(coded.event, &coded.cameo) {
                coded.event = t;
                coded.cameo = c.to_string();
                coded.mode = None;
                // "pledged to ratify", "is ready to work with": a promise is made as it
                // is said (annotation.md), as a threat is; a plan ("will visit") stays
                // ahead.
                if t == EventType::Agree
                    && coded.status == Status::Future
                    && modality::is_promise(lex, view, m)
                {
                    coded.status = said;
                }
            }
        }
        // "will not cooperate", "does not recognize the court": an actor refusing a
        // cooperative act rejects it, and the refusal is made as it is said.
        if coded.status == Status::Negated && modality::is_refusal(lex, view, m) {
            if let Some(c) = cameo::refusal_code(coded.event, &coded.cameo) {
                coded.event = EventType::Reject;
                coded.cameo = c.to_string();
                coded.mode = None;
                coded.status = said;
            }
        }
        // A threat is made when it is uttered: the modal or condition it carries is what it
        // threatens ("could retaliate if ...", "would close the strait if attacked"), so it
        // is as sure as its sources say, never hypothetical or future itself
        // (annotation.md; none of the 72 threats annotated in voa-events' training part and
        // the synthetic stories is). A threat inside a condition stays one.
        if coded.event == EventType::Threaten
            && matches!(coded.status, Status::Hypothetical | Status::Future)
            && !in_condition
        {
            coded.status = said;
        }
        true
    }

    /// The candidate's event: its codes, parties and status, with its date, place and the
    /// recipient the coding conventions name ([`complete_recipient`]).
    fn event(
        &self,
        st: &SentenceState,
        m: &TriggerMatch,
        entry: &TriggerEntry,
        coded: Coded,
        sourcing: &Sourcing<'_>,
        parties: Parties,
    ) -> Event {
        let (lex, view, input) = (self.lex(), self.view, self.input);
        let mut event = self
            .coder
            .blank_event(view, coded.event, &coded.cameo, m.start, m.end);
        event.trigger.rule = Some(format!("{}:{}", entry.file, entry.line));
        if coded.mode.is_some() {
            event.mode = coded.mode;
        }
        event.contexts = contexts::merge_contexts(&event.contexts, &st.keyword_contexts);
        event.actor = parties.actor;
        event.recipient = parties.recipient;
        event.status = coded.status;
        event.attribution = sourcing.attribution.clone();
        let future = matches!(event.status, Status::Future);
        if let Some(d) = dates::date_for_event(
            &self.coder.dates,
            self.dates(),
            &input.doc.sentences[view.index],
            (m.start, m.end),
            future,
            input.published,
        ) {
            self.put_date(&mut event, &d);
        }
        event.status = modality::status_by_date(
            event.status,
            event.date,
            event.date_precision,
            input.published,
        );
        event.location = parties.place;
        let country_name = |c: &str| lex.country_name(c).map(str::to_string);
        location::place_as_actor(&mut event, country_name);
        complete_recipient(lex, &mut event);
        location::places_are_places(&mut event, input.actors, country_name);
        event
    }

    /// "X said Y attacked Z": X accuses Y; "X said W made Y attack Z", "X said W was
    /// behind the attack": X accuses W. Only a source that opens the claim; a trailing
    /// "..., the army said" is sourcing, not an accusation. An accusation about a
    /// background event is background too ("to identify victims killed by the crash").
    fn reported_accusation(
        &self,
        st: &SentenceState,
        entry: &TriggerEntry,
        draft: &Draft,
        instigation: Option<&Instigation>,
        sourcing: &Sourcing<'_>,
    ) -> Option<Draft> {
        let (view, actors) = (self.view, self.input.actors);
        let e = &draft.event;
        let instigator = instigation
            .map(|i| arguments::actor_refs(view, actors, &i.instigator))
            .filter(|r| !r.is_empty());
        let charged = instigator.is_some()
            || matches!(e.event, EventType::Assault | EventType::Coerce) && entry.pos != Pos::Noun;
        let accused = instigator.unwrap_or_else(|| e.actor.clone());
        let sure = !matches!(
            e.status,
            Status::Negated | Status::Hypothetical | Status::Future
        );
        if !charged || !sure || codes(&accused).is_empty() {
            return None;
        }
        let s = sourcing.covering.iter().find(|s| {
            s.speech
                && s.scope.0 > 0
                && !view.is_comma(s.cue_tokens.1)
                && !codes(&s.refs).is_empty()
                && codes(&s.refs).is_disjoint(&codes(&accused))
        })?;
        let mut acc = self.coder.blank_event(
            view,
            EventType::Accuse,
            "112",
            s.cue_tokens.0,
            s.cue_tokens.1,
        );
        acc.actor = s.refs.clone();
        self.homes.fill_refs(view, actors, &mut acc.actor, &[]);
        acc.recipient = accused;
        acc.contexts = contexts::merge_contexts(&acc.contexts, &st.keyword_contexts);
        acc.date = e.date;
        acc.date_text = e.date_text.clone();
        acc.date_precision = e.date_precision;
        Some(Draft {
            subordinate: draft.subordinate,
            ..Draft::new(acc, self.paragraph, s.cue_tokens.0)
        })
    }
}

/// Stage `concerns`: "sparked concerns among A, B and C" is an ACCUSE by A, B and C
/// ([`claims::concern_events`]).
fn concerns(s: &SentenceCoding<'_>, st: &mut SentenceState) {
    claims::concern_events(
        s.coder,
        s.view,
        s.input.actors,
        s.paragraph,
        s.sources,
        &st.keyword_contexts,
        &mut st.out,
    );
}

/// Stage `restating nouns`: a noun restating a verb's event type in the same sentence
/// adds nothing, but its recipient may be the one the verb lacked ("threw stones during
/// demonstrations against violations by the Israeli military").
fn restating_nouns(_: &SentenceCoding<'_>, st: &mut SentenceState) {
    let out = &mut st.out;
    let verb_types: BTreeSet<EventType> = out
        .iter()
        .filter(|d| !d.noun)
        .map(|d| d.event.event)
        .collect();
    for n in 0..out.len() {
        if !out[n].noun || out[n].event.recipient.is_empty() {
            continue;
        }
        let noun_recipient = out[n].event.recipient.clone();
        let kind = out[n].event.event;
        if let Some(v) = out.iter_mut().find(|d| {
            !d.noun
                && d.event.event == kind
                && (d.event.recipient.is_empty()
                    || codes(&d.event.recipient) == codes(&d.event.actor))
        }) {
            if codes(&noun_recipient) != codes(&v.event.actor) {
                v.event.recipient = noun_recipient;
            }
        }
    }
    out.retain(|d| !d.noun || !verb_types.contains(&d.event.event));
}

/// Stage `duplicates`: one sentence never yields the same event twice; the events in the
/// order of their triggers.
fn duplicates(_: &SentenceCoding<'_>, st: &mut SentenceState) {
    let mut kept: Vec<Draft> = Vec::new();
    for d in std::mem::take(&mut st.out) {
        let dup = kept.iter_mut().find(|k| {
            k.event.event == d.event.event
                && codes(&k.event.actor) == codes(&d.event.actor)
                && codes(&k.event.recipient) == codes(&d.event.recipient)
        });
        match dup {
            Some(k) => {
                crate::merge::absorb(&mut k.event, &d.event);
                if k.denial.is_none() {
                    k.denial = d.denial;
                }
            }
            None => kept.push(d),
        }
    }
    kept.sort_by_key(|d| d.token);
    st.out = kept;
}

/// Stage `protest demands`: PLOVER codes a protest's demands as the protest ("staged
/// rallies against the leader, saying he must resign").
fn protest_demands(_: &SentenceCoding<'_>, st: &mut SentenceState) {
    let protests: Vec<(usize, BTreeSet<String>)> = st
        .out
        .iter()
        .filter(|d| d.event.event == EventType::Protest)
        .map(|d| (d.token, codes(&d.event.actor)))
        .filter(|(_, c)| !c.is_empty())
        .collect();
    st.out.retain(|d| {
        d.event.event != EventType::Request
            || !protests
                .iter()
                .any(|(t, c)| *t < d.token && *c == codes(&d.event.actor))
    });
}

/// Stage `background`: one sentence, one piece of news; background events in clauses
/// that qualify a noun give way to the main ones.
fn background(_: &SentenceCoding<'_>, st: &mut SentenceState) {
    if st.out.iter().any(|d| !d.subordinate) {
        st.out.retain(|d| !d.subordinate);
    }
}

/// Stage `counts`: each count goes to the nearest event it fits, or the only event.
fn counts(s: &SentenceCoding<'_>, st: &mut SentenceState) {
    if st.out.is_empty() {
        return;
    }
    let kept = &mut st.out;
    for q in s.quantities() {
        let fitting = kept
            .iter()
            .enumerate()
            .filter(|(_, d)| fits_quantity(&q.kind, d.event.event))
            .min_by_key(|(_, d)| d.event.trigger.start.abs_diff(q.span.start))
            .map(|(i, _)| i);
        let Some(i) = fitting.or(if kept.len() == 1 { Some(0) } else { None }) else {
            continue;
        };
        // "withdraw about 3,000 soldiers": the counted people are the magnitude, not a
        // recipient (an uncoded actor whose words end the count).
        let counted = s
            .input
            .text
            .get(q.span.start..q.span.end)
            .map(dyad_text::normalize::fold)
            .unwrap_or_default();
        kept[i].event.recipient.retain(|r| {
            let words = dyad_text::normalize::fold(&r.text);
            r.code.is_some() || words.is_empty() || !counted.ends_with(&words)
        });
        let magnitude: &mut Magnitude = &mut kept[i].event.magnitude;
        if !magnitude.contains_key(&q.kind) {
            magnitude.insert(q.kind.clone(), q.value);
            // "between 20 and 30 killed": the range's upper bound beside it.
            if let Some(max) = q.max.filter(|&m| m > q.value) {
                magnitude.insert(format!("{}_max", q.kind), max);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{code, lexicon, summaries};

    #[test]
    fn stages_are_named_once_candidates_first_counts_last() {
        let names: Vec<&str> = STAGES.iter().map(|(n, _)| *n).collect();
        let unique: BTreeSet<&str> = names.iter().copied().collect();
        assert_eq!(unique.len(), names.len(), "{names:?}");
        assert_eq!(names.first(), Some(&"candidates"));
        assert_eq!(names.last(), Some(&"counts"));
    }

    #[test]
    fn a_demand_replaces_the_demanded_act() {
        // "X said Y must Z": X's demand on Y, not Z's act.
        assert_eq!(
            summaries("Spain said Chile must withdraw its soldiers from the border."),
            ["REQUEST SPA>CHI asserted"]
        );
        // A demand on oneself is none.
        assert!(!summaries("Spain said Spain must cut spending.")
            .iter()
            .any(|s| s.starts_with("REQUEST")));
    }

    #[test]
    fn a_demand_is_dated_when_it_is_said_not_when_the_act_is_due() {
        // Published Sunday 2024-12-01: "on Friday" is 2024-11-29.
        let lex = lexicon();
        let date = |text: &str| {
            code(&lex, text)
                .into_iter()
                .find(|e| e.event == EventType::Request)
                .map(|e| e.date.map(|d| d.to_string()))
        };
        assert_eq!(
            date("Spain said on Friday that Chile must withdraw its soldiers."),
            Some(Some("2024-11-29".into()))
        );
        // "in March" is when Chile should act, not when Spain spoke.
        assert_eq!(
            date("Spain said Chile must hold elections in March."),
            Some(None)
        );
    }

    #[test]
    fn a_demand_reaches_a_subject_apart_from_its_modal() {
        // The parse gives the modal's subject across a relative clause or an adverb.
        let events = summaries(
            "Spain said Chile, which closed the crossing in May, must reopen the border.",
        );
        assert!(
            events.contains(&"REQUEST SPA>CHI asserted".to_string()),
            "{events:?}"
        );
        let events = summaries("Spain said Peru now should release the detained fishermen.");
        assert!(
            events.contains(&"REQUEST SPA>PER asserted".to_string()),
            "{events:?}"
        );
        // A modal with no party as its subject makes no demand of anyone.
        let events = summaries("Spain said the talks must continue.");
        assert!(
            !events.iter().any(|e| e.starts_with("REQUEST")),
            "{events:?}"
        );
    }

    #[test]
    fn a_warning_is_a_threat_only_when_it_threatens() {
        let first = |text: &str| summaries(text).first().cloned().unwrap_or_default();
        // A hostile act, a threat word or the warner's own act: a threat.
        for text in [
            "Spain warned Chile against deploying troops on the border.",
            "Spain warned Chile of severe consequences.",
            "Spain warned Chile on Monday.",
        ] {
            assert!(
                first(text).starts_with("THREATEN SPA>CHI"),
                "{text}: {:?}",
                summaries(text)
            );
        }
        assert!(
            first("Spain warned that it could seek arms from Peru.").starts_with("THREATEN SPA>")
        );
        // About another party's acts: an accusation of that party.
        assert_eq!(
            first("Spain warned that the actions of Chile would divide the region."),
            "ACCUSE SPA>CHI asserted"
        );
        // About neither: no event.
        assert!(summaries("Spain warned that the talks could drag on for years.").is_empty());
    }

    #[test]
    fn a_test_is_a_weapons_test_beside_a_weapon_word() {
        assert_eq!(
            summaries("Peru launched a ballistic missile at Chile."),
            ["ASSAULT PER>CHI asserted"]
        );
        assert_eq!(
            summaries("Peru conducted a test of its new cruise missile."),
            ["MOBILIZE PER> asserted"]
        );
        assert!(summaries("Peru conducted a test of its new vaccine.").is_empty());
    }

    #[test]
    fn a_sentence_yields_each_event_once() {
        // The noun restates the verb's event: one ASSAULT, with the noun's recipient.
        let events = summaries("Spain attacked villages during an offensive against Chile.");
        assert_eq!(events, ["ASSAULT SPA>CHI asserted"]);
    }

    #[test]
    fn a_participle_after_a_comma_is_an_act_of_its_clause_subject() {
        for text in [
            "Spain expelled three envoys of Peru, accusing Chile of espionage.",
            "Spain recalled its ambassador on Monday, accusing Chile of espionage.",
        ] {
            let events = summaries(text);
            assert!(
                events.contains(&"ACCUSE SPA>CHI asserted".to_string()),
                "{text}: {events:?}"
            );
        }
        // The same sentence's second trigger of one event is a report of it.
        let events = code(&lexicon(), "Spain shelled the port of Chile, killing nine.");
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].mentions.len(), 1, "{events:?}");
        assert_eq!(events[0].mentions[0].trigger.text, "killing");
        // A protest's demand stays the protest's ([`protest_demands`]).
        let events =
            summaries("Thousands marched in Chile, demanding the release of Peru's envoy.");
        assert!(
            events.iter().all(|e| e.starts_with("PROTEST")),
            "{events:?}"
        );
    }

    #[test]
    fn a_coordinated_verb_shares_its_subject_not_the_first_verbs_object() {
        let events = summaries("The minister visited Spain and met envoys of Chile.");
        assert!(
            !events.iter().any(|e| e.contains("SPA>CHI")),
            "the visited country does not meet: {events:?}"
        );
        let events = summaries("Peru shelled the port and attacked Chile's soldiers.");
        assert!(
            events.contains(&"ASSAULT PER>CHI asserted".to_string()),
            "{events:?}"
        );
    }

    #[test]
    fn a_count_goes_to_the_event_it_fits() {
        let events = code(
            &lexicon(),
            "Spain deployed 3,000 troops to Chile on Monday.",
        );
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].magnitude.get("troops"), Some(&3000));
    }
}
