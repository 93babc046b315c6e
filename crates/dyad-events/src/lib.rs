//! Event coding: reads PLOVER events from the sentences of a document whose actors are
//! known.
//!
//! INTERFACE (fixed; the pipeline depends on it): [`EventLexicon::from_data`],
//! [`EventLexicon::code`], [`CodingInput`].
//!
//! Per sentence: triggers ([`triggers`]) → actor and recipient ([`arguments`]) →
//! modality ([`modality`]) and attribution ([`attribution`]) → CAMEO code, Goldstein
//! score and quad class ([`cameo`]) → date ([`dates`]), place ([`location`]), counts
//! ([`magnitude`]), contexts ([`contexts`]). Per document: denials link back to the
//! events they deny, and duplicates merge ([`merge`]).

pub mod arguments;
pub mod attribution;
pub mod cameo;
pub mod claims;
pub mod contexts;
pub mod dates;
pub mod decide;
pub mod homes;
pub mod implicit;
pub mod lexicon;
pub mod location;
pub mod magnitude;
pub mod merge;
pub mod modality;
pub mod roles;
pub mod triggers;
pub mod view;

use std::collections::BTreeSet;
use std::sync::Arc;

use dyad_actors::Actors;
use dyad_data::{DataError, DataSet};
use dyad_model::{ActorRef, Date, Denial, Event, EventType, Magnitude, Status, Trigger};
use dyad_syntax::Analysis;
use dyad_text::TextLayer;

use crate::lexicon::{Lexicon, Pos};
use crate::triggers::TriggerMatch;
use crate::view::SentenceView;

/// Errors loading the event lexicon.
#[derive(Debug, thiserror::Error)]
pub enum EventError {
    #[error(transparent)]
    Data(#[from] DataError),
    #[error("{file}:{line}: {message}")]
    Model {
        file: String,
        line: usize,
        message: String,
    },
}

/// What the coder reads for one document.
pub struct CodingInput<'a> {
    /// Used to build event ids (`{doc_id}-ev{n}`).
    pub doc_id: &'a str,
    pub text: &'a str,
    /// The sentence documents (tokens, tags, lemmas, parse, paragraphs, quotations).
    pub doc: &'a Analysis,
    pub actors: &'a Actors,
    /// Publication date, against which relative dates resolve.
    pub published: Option<Date>,
}

impl CodingInput<'_> {
    /// The tokens and sentences of the document.
    pub fn layer(&self) -> &TextLayer {
        &self.doc.layer
    }
}

/// Triggers, CAMEO codes, Goldstein scores and the other word lists of event coding.
#[derive(Clone, Debug)]
pub struct EventLexicon {
    lexicon: Arc<Lexicon>,
    /// The magnitude word lists (`events/magnitude-*.tsv`, overridable with `--data`).
    magnitudes: Arc<magnitude::MagnitudeLexicon>,
    /// The word lists of event dates (`events/dates.tsv`).
    dates: Arc<dates::DateLexicon>,
    /// Decides each candidate's type or NONE ([`decide`]): the learned filter when the
    /// data has its model, else the rules' types.
    decider: Arc<dyn decide::TypeDecider>,
}

/// How a denial points at what it denies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DenialScope {
    /// "denied such transactions": events of the preceding sentences.
    Anaphoric,
    /// "denied that it attacked X": events later in the same sentence.
    Forward,
    /// "accused X of ..., a charge that X denied": the accusation earlier in the sentence.
    Charge,
}

/// Whether the denial verb at `verb` closes a relative clause on a charge noun: "a charge
/// that the Ethiopian government denied", "accusations which Moscow has denied".
fn denies_charge_noun(lex: &Lexicon, view: &SentenceView<'_>, verb: usize) -> bool {
    let Some(that) = (0..verb)
        .rev()
        .take(8)
        .take_while(|&t| !view.is_comma(t) && !view.is_hard_boundary(t))
        .find(|&t| matches!(view.word(t), "that" | "which"))
    else {
        return false;
    };
    that > 0 && lex.charge_nouns.contains(view.word(that - 1))
}

/// Coding state of one event before ids are assigned.
struct Draft {
    event: Event,
    paragraph: usize,
    denial: Option<DenialScope>,
    /// Token position of the trigger in its sentence.
    token: usize,
    noun: bool,
    /// In a clause that qualifies a noun ([`arguments::is_subordinate`]).
    subordinate: bool,
    /// Its subject is "I" or "we" and its sentence names no actor: the `claims` pass
    /// gives it the speaker of its quotation as actor (else, with no other party, it is
    /// no event).
    speaker_subject: bool,
    /// A speaker's own judgement ("“The verdict is unjust,” the minister said"): made in
    /// the saying, so no quotation makes it reported.
    judgement: bool,
}

fn codes(refs: &[ActorRef]) -> BTreeSet<String> {
    refs.iter().filter_map(|r| r.code.clone()).collect()
}

/// Which events a count belongs to.
fn fits_quantity(kind: &str, event: EventType) -> bool {
    use EventType::*;
    match kind {
        "troops" | "soldiers" => matches!(event, Mobilize | Aid | Retreat | Cooperate | Assault),
        "dead" | "killed" | "injured" | "wounded" | "casualties" => {
            matches!(event, Assault | Coerce | Protest)
        }
        "arrested" | "detained" => matches!(event, Coerce | Retreat),
        "displaced" | "refugees" => matches!(event, Assault | Coerce | Aid),
        "weapons" => matches!(event, Aid | Mobilize | Coerce | Assault),
        "money_usd" | "money" => matches!(event, Aid | Cooperate | Agree | Sanction | Support),
        "protesters" | "demonstrators" => matches!(event, Protest),
        _ => false,
    }
}

/// The coder's passes over one document, in the order they run; each reads what the
/// ones before it built. Inside `sentences` a sentence goes through trigger candidates,
/// the type decision, roles ([`arguments`], then [`roles`]), status ([`modality`],
/// [`attribution`]), dates, places and magnitudes, and the merge within the sentence
/// ([`EventLexicon::code_sentence`]).
pub const PASSES: &[(&str, Pass)] = &[
    ("sentences", EventLexicon::pass_sentences),
    ("type decision", EventLexicon::pass_decide),
    ("claims", EventLexicon::pass_claims),
    ("denials", EventLexicon::pass_denials),
    ("merge", EventLexicon::pass_merge),
    ("implied dates", EventLexicon::pass_implied_dates),
    ("implicit parties", EventLexicon::pass_implicit),
];

/// One pass of the coder over a document.
pub type Pass = fn(&EventLexicon, &mut Coding<'_, '_>);

/// A document being coded: what the passes have built so far.
pub struct Coding<'i, 'a> {
    input: &'i CodingInput<'a>,
    /// Events of the sentences, before the document's merge.
    drafts: Vec<Draft>,
    sources: claims::SourceCache,
    /// The merged events, with ids.
    events: Vec<Event>,
    /// The country the story is about, if one dominates it ([`homes::story_home`]).
    story: Option<String>,
}

impl<'i, 'a> Coding<'i, 'a> {
    fn new(lex: &Lexicon, input: &'i CodingInput<'a>) -> Self {
        Coding {
            input,
            drafts: Vec::new(),
            sources: claims::SourceCache::new(input.layer().sentences.len()),
            events: Vec::new(),
            story: homes::story_home(input.actors, |c| lex.is_country(c)),
        }
    }
}

impl EventLexicon {
    /// Builds the lexicon from the data files (`events/...`).
    pub fn from_data(data: &DataSet) -> Result<EventLexicon, EventError> {
        Ok(EventLexicon {
            lexicon: Arc::new(Lexicon::from_data(data)?),
            magnitudes: Arc::new(magnitude::MagnitudeLexicon::from_data(data)?),
            dates: Arc::new(dates::DateLexicon::from_data(data)?),
            decider: match data.get(decide::MODEL_FILE) {
                Some(text) => Arc::new(decide::EventFilter::from_text(decide::MODEL_FILE, text)?),
                None => Arc::new(decide::RuleTypes),
            },
        })
    }

    /// This lexicon with another type decision ([`decide`]): `RuleTypes` to see every
    /// candidate the rules propose (what the learned decision trains on).
    pub fn with_decider(mut self, decider: Arc<dyn decide::TypeDecider>) -> EventLexicon {
        self.decider = decider;
        self
    }

    /// The loaded lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Codes the events of one document: runs [`PASSES`] in order.
    pub fn code(&self, input: &CodingInput<'_>) -> Vec<Event> {
        if self.lexicon.triggers.is_empty() {
            return Vec::new();
        }
        let mut coding = Coding::new(&self.lexicon, input);
        for (_, pass) in PASSES {
            pass(self, &mut coding);
        }
        coding.events
    }

    /// Pass `sentences`: every sentence with an actor mention, coded on its own
    /// ([`Self::code_sentence`]), with the sources its reporting verbs give.
    fn pass_sentences(&self, c: &mut Coding<'_, '_>) {
        let lex = &*self.lexicon;
        let input = c.input;
        let layer = input.layer();
        for s in 0..layer.sentences.len() {
            let mut view = SentenceView::new(input.text, layer, input.actors, s);
            if view.mentions.is_empty() {
                continue;
            }
            let Some(sentence) = input.doc.sentences.get(s) else {
                continue;
            };
            view.set_doc(sentence);
            let mut found = attribution::find_sources(lex, &view, input.actors);
            // A source the recogniser left without a country takes the one its phrase or
            // sentence gives, as an actor would ("police in Kenya said ...").
            let homes =
                homes::SentenceCountries::new(&view, input.actors, c.story.clone(), |code| {
                    lex.is_country(code)
                });
            for source in found.iter_mut() {
                homes.fill_refs(&view, input.actors, &mut source.refs, &[]);
            }
            c.drafts
                .extend(self.code_sentence(input, &view, sentence.paragraph, &found, &homes));
            c.sources.insert(s, found);
        }
    }

    /// Pass `type decision`: each candidate's type, or NONE, decided in one place
    /// ([`decide`]).
    fn pass_decide(&self, c: &mut Coding<'_, '_>) {
        let doc = c.input.doc;
        c.drafts
            .retain_mut(|d| match self.decider.decide(&d.event, doc) {
                Some(kind) => {
                    d.event.event = kind;
                    true
                }
                None => false,
            });
    }

    /// The candidates of a document: the events the `sentences` pass proposes, before
    /// the type decision and the document's merge (one per report).
    pub fn candidates(&self, input: &CodingInput<'_>) -> Vec<Event> {
        let mut coding = Coding::new(&self.lexicon, input);
        if !self.lexicon.triggers.is_empty() {
            self.pass_sentences(&mut coding);
        }
        coding.drafts.into_iter().map(|d| d.event).collect()
    }

    /// Pass `claims`: quotations' speakers and claims across sentences ([`claims`]).
    fn pass_claims(&self, c: &mut Coding<'_, '_>) {
        claims::resolve_document(&self.lexicon, c.input, &mut c.drafts, &mut c.sources);
        // A first-person event whose speaker no quotation gave may have no party left.
        c.drafts.retain(|d| {
            let e = &d.event;
            !(d.speaker_subject
                && e.actor.is_empty()
                && e.recipient.is_empty()
                && e.location.is_none())
        });
    }

    /// Pass `denials`: each denial linked to the events it denies ([`link_denials`]).
    fn pass_denials(&self, c: &mut Coding<'_, '_>) {
        link_denials(&mut c.drafts);
    }

    /// Pass `merge`: reports of one event in the document become one event, with ids.
    fn pass_merge(&self, c: &mut Coding<'_, '_>) {
        c.events = finish(c.input.doc_id, std::mem::take(&mut c.drafts));
    }

    /// Pass `implied dates`: an event that no report of it dates takes the date the story
    /// implies ([`dates::imply_dates`]). After the merge, so that a date written in any
    /// report wins and an implied one never keeps two reports apart.
    fn pass_implied_dates(&self, c: &mut Coding<'_, '_>) {
        let input = c.input;
        dates::imply_dates(
            input.text,
            &input.doc.sentences,
            &input.layer().tokens,
            &mut c.events,
            input.published,
        );
    }

    /// Pass `implicit parties`: in a story about one country (one dominates its mentions),
    /// the recipient of what its actors do at home and the agent of what no one named did;
    /// otherwise the unsaid side of a directed event from the story's dyad ([`implicit`]).
    /// After the merge, so that an inferred party never merges reports.
    fn pass_implicit(&self, c: &mut Coding<'_, '_>) {
        let lex = &*self.lexicon;
        let actors = c.input.actors;
        let home = c.story.as_ref().and_then(|code| {
            let name = lex.country_name(code)?.to_string();
            Some((code.clone(), name))
        });
        let dyad = match &home {
            Some(_) => None,
            None => implicit::StoryDyad::of(lex, actors),
        };
        if dyad.is_none() && home.is_none() {
            return;
        }
        for e in c.events.iter_mut() {
            let named: Vec<&str> = actors
                .mentions
                .iter()
                .filter(|m| m.sentence == e.sentence)
                .filter_map(|m| actors.entities.get(m.entity))
                .filter_map(|entity| homes::story_country(entity, |c| lex.is_country(c)))
                .collect();
            match (&dyad, &home) {
                (Some(dyad), _) => implicit::fill(dyad, e, &named),
                (None, Some(home)) => implicit::fill_home(home, e, &named),
                _ => {}
            }
        }
    }

    fn code_sentence(
        &self,
        input: &CodingInput<'_>,
        view: &SentenceView<'_>,
        paragraph: usize,
        sources: &[attribution::Source],
        homes: &homes::SentenceCountries,
    ) -> Vec<Draft> {
        let lex = &*self.lexicon;
        let actors = input.actors;
        // The sentence's counts, read once when first needed (whether an event with no
        // party is kept; which event a count belongs to).
        let quantities: std::cell::OnceCell<Vec<magnitude::Quantity>> = std::cell::OnceCell::new();
        let read_quantities = || {
            self.magnitudes
                .find_in_tokens(input.text, input.layer().sentence_tokens(view.index))
        };
        let mut matches = triggers::find_triggers(lex, view);
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
        let absorbed: Vec<TriggerMatch> = matches.iter().filter(|m| m.absorbed).cloned().collect();
        let matches: Vec<TriggerMatch> = matches
            .into_iter()
            .filter(|m| !triggers::is_aim_or_slogan(lex, view, m))
            .collect();
        // A trigger word inside an actor's own phrase names the actor, not an event
        // ("Georgian demonstrators", "Liberian riot police").
        let mut active: Vec<TriggerMatch> = matches
            .into_iter()
            .filter(|m| !m.absorbed && view.mention_at.get(m.start).is_none_or(Option::is_none))
            .collect();
        // "..., a member of the team trying to broker a peace pact said": the words that
        // describe a source tell who speaks, not what happened.
        active.retain(|m| {
            !sources.iter().any(|s| {
                let before_cue = m.end <= s.cue_tokens.0
                    && (0..s.cue_tokens.0)
                        .rev()
                        .find(|&j| view.is_comma(j))
                        .is_some_and(|comma| comma < m.start);
                // "according to a report by a pathologist sent to Israel".
                let after_according = !s.speech && s.cue_tokens.1 <= m.start;
                (before_cue || after_according) && m.end <= s.phrase.1
            })
        });
        let keyword_ctx = contexts::keyword_contexts(lex, view);
        let sentence_tokens = input.layer().sentence_tokens(view.index);
        // Dates only go on the triggers' events: most sentences have none to date.
        let dates = if active.is_empty() {
            Vec::new()
        } else {
            dates::find_dates_in_tokens(input.text, sentence_tokens, input.published)
        };

        // "X said Y must Z": a demand by X on Y that replaces Z.
        let mut out: Vec<Draft> = Vec::new();
        for p in 1..view.len() {
            if !lex.cues.request_modal.iter().any(|w| w == view.word(p)) {
                continue;
            }
            // "... to Iraq that it must": a pronoun stands for the nearest actor before.
            let k = match view.mention_at[p - 1] {
                Some(k) => k,
                None if matches!(view.word(p - 1), "it" | "they" | "he" | "she") => {
                    match (0..p - 1).rev().find_map(|j| view.mention_at[j]) {
                        Some(k) => k,
                        None => continue,
                    }
                }
                None => continue,
            };
            let speaker = sources
                .iter()
                .find(|s| s.speech && !s.refs.is_empty() && s.scope.0 <= p && p < s.scope.1)
                .map(|s| s.refs.clone())
                .or_else(|| {
                    // "Chirac issued a reminder to Iraq that it must ...".
                    let that = (0..p).rev().find(|&j| view.word(j) == "that")?;
                    let subject = arguments::main_subject(view, actors, that);
                    let refs = arguments::actor_refs(view, actors, &subject);
                    (!refs.is_empty()).then_some(refs)
                });
            let Some(speaker) = speaker else {
                continue;
            };
            let mut group = vec![k];
            arguments::extend_left(view, &mut group);
            let target = arguments::actor_refs(view, actors, &group);
            // "X said it must": no demand on oneself; "rebels said the president must" is
            // a demand between two actors of one country.
            let same_actor = |a: &ActorRef, b: &ActorRef| match (&a.entity, &b.entity) {
                (Some(x), Some(y)) => x == y,
                _ => a.text == b.text && a.code == b.code,
            };
            let own = target
                .iter()
                .all(|t| speaker.iter().any(|s| same_actor(s, t)));
            if own || target.is_empty() || codes(&target).is_empty() {
                continue;
            }
            active.retain(|m| !(m.start > p && m.start <= p + 4));
            let mut event = self.blank_event(view, EventType::Request, "100", p, p + 1);
            let mut speaker = speaker;
            homes.fill_refs(view, actors, &mut speaker, &[]);
            event.actor = speaker;
            event.recipient = target;
            event.contexts = keyword_ctx.clone();
            event.date = None;
            out.push(Draft {
                event,
                paragraph,
                denial: None,
                token: p,
                noun: false,
                subordinate: false,
                speaker_subject: false,
                judgement: false,
            });
        }

        let mut previous_verb_actor: Option<Vec<usize>> = None;
        let mut previous_inanimate = false;
        for (idx, m) in active.iter().enumerate() {
            let entry = &lex.triggers[m.entry];
            let next = active.get(idx + 1).map(|n| n.start);
            let mut args = arguments::find_arguments(lex, view, actors, m, next);
            // "X made Y attack Z": Y acts, X instigates ([`claims`]).
            let instigation = claims::instigation(lex, view, actors, m);
            if let Some(i) = &instigation {
                claims::apply_instigation(i, &mut args);
            }
            // "Russia denied attacking the hospital": the denier is the gerund's actor.
            if let Some(denier) = claims::gerund_denier(lex, view, actors, &active, m) {
                args.recipient.retain(|k| !denier.contains(k));
                args.actor = denier;
            }
            // "Kenya accused the rebels of killing civilians": the rebels kill, by Kenya's
            // charge.
            let charge = claims::charged_parties(lex, view, actors, &active, m);
            if let Some(c) = &charge {
                args.recipient.retain(|k| !c.accused.contains(k));
                args.actor = c.accused.clone();
            }
            // "agreed to provide aid for Romania": the recipient of an absorbed complement
            // is the recipient of the whole event.
            if args.recipient.is_empty() && entry.complement == lexicon::Complement::Absorb {
                args.recipient = absorbed
                    .iter()
                    .filter(|a| a.start >= m.end && next.is_none_or(|n| a.start < n))
                    .map(|a| arguments::find_arguments(lex, view, actors, a, next).recipient)
                    .find(|r| !r.is_empty() && r.iter().all(|k| !args.actor.contains(k)))
                    .unwrap_or_default();
            }
            // "rebels kidnapped advisers and exploded bombs": a coordinated verb shares
            // the subject of the verb before it.
            if entry.pos.is_verb() && m.start > 0 && view.word(m.start - 1) == "and" {
                if let Some(prev) = previous_verb_actor.as_ref() {
                    args.recipient.retain(|k| !prev.contains(k));
                    args.actor = prev.clone();
                    args.inanimate = previous_inanimate;
                }
            }
            if entry.pos.is_verb() && (!args.actor.is_empty() || args.inanimate) {
                previous_verb_actor = Some(args.actor.clone());
                previous_inanimate = args.inanimate;
            }
            // "sent inspectors to Iran to monitor the plant": the investigation is the
            // sender's, aimed at where the inspectors go.
            let sender = absorbed.iter().rev().find(|a| {
                lex.triggers[a.entry].complement == lexicon::Complement::Purpose
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
            // "removing the sanctions on Burma is out of the question": the recipient is the
            // one of the events in the subject.
            if args.recipient.is_empty() && entry.complement == lexicon::Complement::Subject {
                args.recipient = absorbed
                    .iter()
                    .filter(|a| a.end <= m.start && m.start - a.end <= 8)
                    .map(|a| {
                        arguments::find_arguments(lex, view, actors, a, Some(m.start)).recipient
                    })
                    .find(|r| !r.is_empty())
                    .unwrap_or_default();
            }
            // A judgement's parties are the judge and whose the judged thing is
            // ([`roles::evaluation_parties`]), not the words around it.
            let evaluation = entry.complement == lexicon::Complement::Evaluation;
            if evaluation {
                let Some((judge, judged)) = view
                    .doc
                    .and_then(|doc| roles::evaluation_parties(lex, view, actors, doc, m))
                else {
                    continue;
                };
                args.actor = judge;
                args.recipient = judged;
                args.recipient.retain(|k| !args.actor.contains(k));
            }
            // Roles from the parse where the word rules found none ([`roles`]): an actor or
            // a recipient the word rules missed, and passives the words do not show ("were
            // fired").
            let mut subject = None;
            if let Some(doc) = view.doc.filter(|_| !evaluation) {
                let syn = roles::roles(view, doc, entry, m);
                subject = syn.subject;
                // "the missiles travelled 350 km": weapons strike, they do not visit, agree
                // or ask; a non-violent event whose subject is one is no event.
                let weapon_subject = syn.subject.is_some_and(|t| {
                    view.mention_at[t].is_none() && lex.cues.inanimate.contains(view.word(t))
                });
                if weapon_subject && !cameo::is_hostile_act(entry.event) {
                    continue;
                }
                // "VOA requested comment from the ministry": journalism, not politics.
                let press = entry.event == EventType::Request
                    && roles::requested_thing(doc, m)
                        .is_some_and(|t| lex.cues.press_request.contains(&t.to_lowercase()));
                if press {
                    continue;
                }
                args.passive |= syn.passive;
                // A recipient the word rules missed: the object, the passive's subject or
                // the trigger's prepositional frame in the parse. Not after a quotation's
                // comma ("“...,” agreed the minister"), where the parse may read the
                // speaker after the verb as its object.
                let quote_tag =
                    m.start > 0 && (view.is_quote(m.start - 1) || view.is_comma(m.start - 1));
                if args.recipient.is_empty() && !quote_tag {
                    args.recipient = syn.recipient;
                    args.recipient.retain(|k| !args.actor.contains(k));
                }
                if args.actor.is_empty() && !args.inanimate {
                    args.actor = syn.actor;
                    args.actor.retain(|k| !args.recipient.contains(k));
                }
            }
            let all: Vec<usize> = args.actor.iter().chain(&args.recipient).copied().collect();
            // Where it happened: groups with no country of their own belong there.
            let place = location::find_location(view, actors, m.start, m.end, entry.event);
            let place_code = place
                .as_ref()
                .and_then(|l| l.country.as_deref())
                .filter(|c| lex.is_country(c));
            let mut actor = refs_with_homes(view, actors, &args.actor, &all, homes, place_code);
            let mut recipient =
                refs_with_homes(view, actors, &args.recipient, &all, homes, place_code);
            // "Egypt jails journalists, Amnesty protested": a complaint by the protester
            // about the subject of the reported clause.
            let reporting_protest = entry.event == EventType::Protest
                && entry.pos.is_verb()
                && triggers::protest_is_reporting(view, m);
            if reporting_protest {
                let about = match triggers::trailing_report_comma(view, m) {
                    Some(comma) => {
                        let speakers: Vec<usize> = (0..view.mentions.len())
                            .filter(|&k| {
                                view.mentions[k].1 > comma && view.mentions[k].2 <= m.start
                            })
                            .collect();
                        actor = arguments::actor_refs(view, actors, &speakers);
                        arguments::main_subject(view, actors, comma)
                    }
                    None => (0..view.mentions.len())
                        .find(|&k| view.mentions[k].1 > m.end)
                        .into_iter()
                        .collect(),
                };
                let about = arguments::actor_refs(view, actors, &about);
                if !about.is_empty() {
                    recipient = about;
                }
            }
            // The speaker is the actor of a verdict without a subject of its own ("US
            // officials said that lifting the sanctions is out of the question") and of an
            // event whose subject is "I" or "we" ("“We will send aid,” the minister said"); in
            // a quotation whose speaker another sentence names, the `claims` pass gives
            // the latter ([`claims::resolve_document`]).
            let first_person = subject.is_some_and(|t| is_first_person(view.word(t)));
            let mut own_judgement = false;
            if actor.is_empty()
                && (entry.complement == lexicon::Complement::Subject || first_person || evaluation)
            {
                if let Some(s) = sources.iter().find(|s| {
                    s.speech && !s.refs.is_empty() && s.scope.0 <= m.start && m.start < s.scope.1
                }) {
                    actor = s.refs.clone();
                    own_judgement = evaluation;
                }
            }
            // A judgement in the story's own voice is the reporter's opinion, no event.
            if evaluation && actor.is_empty() {
                continue;
            }
            let speaker_subject = first_person && actor.is_empty();
            // An event with no party named, in a story about one country, involves that
            // country, marked implicit: a state's act ("two newspapers were banned",
            // "dozens were detained", "the talks collapsed") is its doing; a speech act
            // whose speaker goes unnamed ("concern was voiced over the crisis") is
            // addressed to it — unnamed speakers are rarely the state.
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
            // An event needs a party: who acts or, when the actor is left unsaid ("four
            // people were killed in grenade attacks", "the airstrike on Gaza", "a bomb
            // exploded in Baghdad"), whom it is done to, where it happened or how many it
            // struck. The actor then stays unknown (ACLED's "unidentified armed group"),
            // or is the place's country for a weapon striking there
            // ([`location::place_as_actor`]).
            let counted = || {
                quantities
                    .get_or_init(read_quantities)
                    .iter()
                    .any(|q| fits_quantity(&q.kind, entry.event))
            };
            if actor.is_empty()
                && recipient.is_empty()
                && place.is_none()
                && !speaker_subject
                && !counted()
            {
                continue;
            }
            let mut covering: Vec<&attribution::Source> = sources
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
            if own_judgement {
                covering.clear();
            }
            let attribution: Vec<_> = covering.iter().flat_map(|s| s.attribution()).collect();
            let hedged = covering.iter().any(|s| s.hedged);
            let modal = modality::modal_status(lex, view, m);
            // The status the sources alone give, before any modal or condition.
            let said = if hedged {
                Status::Alleged
            } else if !attribution.is_empty() {
                Status::Reported
            } else {
                Status::Asserted
            };
            let status = modal.unwrap_or(said);
            // A charged event rests on its accuser.
            let (status, attribution) = match &charge {
                Some(c) if modal.is_none() => (Status::Alleged, c.attribution(view, actors)),
                _ => (status, attribution),
            };

            let mut event_type = entry.event;
            let mut cameo_code = entry.cameo.clone();
            let mut mode = entry.mode.clone();
            // Denials: "denied ...", "rejected the claims", "dismissing them as".
            let mut denial = None;
            if event_type == EventType::Reject {
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
                if cameo_code == "016" || object || charge || clause {
                    cameo_code = "016".to_string();
                    mode = Some("deny".to_string());
                    denial = Some(if charge {
                        DenialScope::Charge
                    } else if (object || args.recipient.is_empty() && view.word(m.end) != "that")
                        && !claims::denies_what_follows(lex, view, &active, m)
                    {
                        DenialScope::Anaphoric
                    } else {
                        DenialScope::Forward
                    });
                }
            }
            // "..., a rights group protested": a complaint, not a demonstration.
            if reporting_protest {
                event_type = EventType::Accuse;
                cameo_code = "111".to_string();
                mode = Some("disapprove".to_string());
            }
            if let Some(refined) = cameo::refine_by_context(&cameo_code, &keyword_ctx) {
                cameo_code = refined.to_string();
            }
            // Whether the trigger stands inside an "if" clause, asked once of the parse
            // (it matters only to what a modal made hypothetical or future).
            let in_condition = matches!(status, Status::Hypothetical | Status::Future)
                && modality::in_condition(lex, view, m);
            let recode = match status {
                // "pledged to expel X": a committed hostile act stays that act, ahead.
                Status::Future => {
                    !(cameo::is_hostile_act(event_type)
                        && (modality::is_commitment(view, m) || modality::planned(lex, view, m)))
                }
                // "if it imposes sanctions": an act in a condition is that act, hypothetical.
                Status::Hypothetical => cameo::is_hostile_act(event_type) && !in_condition,
                _ => false,
            };
            // An intention without anyone who holds it is no event, nor is a condition
            // without a party ("if it is attacked").
            let conditional = status == Status::Hypothetical && in_condition;
            let partyless = actor.is_empty() && (recode || conditional && recipient.is_empty());
            if partyless && !speaker_subject {
                continue;
            }
            let mut status = status;
            if recode {
                if let Some((t, c)) = cameo::intention_code(event_type, &cameo_code) {
                    event_type = t;
                    cameo_code = c.to_string();
                    mode = None;
                }
            }
            // "will not cooperate", "does not recognize the court": an actor refusing a
            // cooperative act rejects it, and the refusal is made as it is said.
            if status == Status::Negated && modality::is_refusal(lex, view, m) {
                if let Some(c) = cameo::refusal_code(event_type, &cameo_code) {
                    event_type = EventType::Reject;
                    cameo_code = c.to_string();
                    mode = None;
                    status = said;
                }
            }
            // A threat is made when it is uttered: the modal or condition it carries is
            // what it threatens ("could retaliate if ...", "would close the strait if
            // attacked"), so it is as sure as its sources say, never hypothetical or future
            // itself (annotation.md; none of the 72 threats annotated in voa-events' training
            // part and the synthetic stories is). A threat inside a condition stays one.
            if event_type == EventType::Threaten
                && matches!(status, Status::Hypothetical | Status::Future)
                && !in_condition
            {
                status = said;
            }
            let mut event = self.blank_event(view, event_type, &cameo_code, m.start, m.end);
            event.trigger.rule = Some(format!("{}:{}", entry.file, entry.line));
            if mode.is_some() {
                event.mode = mode;
            }
            event.contexts = contexts::merge_contexts(&event.contexts, &keyword_ctx);
            event.actor = actor;
            event.recipient = recipient;
            event.status = status;
            event.attribution = attribution;
            let future = matches!(event.status, Status::Future);
            if let Some(d) = dates::date_for_event(
                &self.dates,
                &dates,
                &input.doc.sentences[view.index],
                (m.start, m.end),
                future,
                input.published,
            ) {
                event.date = Some(d.date);
                event.date_end = d.end;
                event.date_text = input.text.get(d.span.start..d.span.end).map(str::to_string);
                event.date_precision = Some(d.precision);
            }
            event.status = modality::status_by_date(
                event.status,
                event.date,
                event.date_precision,
                input.published,
            );
            event.location = place;
            let country_name = |c: &str| lex.country_name(c).map(str::to_string);
            location::place_as_actor(&mut event, country_name);
            complete_recipient(lex, &mut event);
            location::places_are_places(&mut event, actors, country_name);
            out.push(Draft {
                event,
                paragraph,
                denial,
                token: m.start,
                noun: entry.pos == Pos::Noun,
                // A bare participle after a noun is a reduced relative only once the
                // sentence has had its main event ("the wing refused" is the main verb,
                // "began a hunger strike ... property seized by" the main noun).
                subordinate: arguments::is_subordinate(lex, view, m) && !active[..idx].is_empty(),
                speaker_subject,
                judgement: own_judgement,
            });

            // "X said Y attacked Z": X accuses Y.
            // An accusation about a background event is background too ("to identify
            // victims killed by the crash").
            let last_subordinate = out.last().is_some_and(|d| d.subordinate);
            let last = out.last().map(|d| &d.event);
            if let Some(e) = last {
                // "X said W made Y attack Z", "X said W was behind the attack": X accuses W.
                let instigator = instigation
                    .as_ref()
                    .map(|i| arguments::actor_refs(view, actors, &i.instigator))
                    .filter(|r| !r.is_empty());
                let accused = instigator.clone().unwrap_or_else(|| e.actor.clone());
                if (instigator.is_some()
                    || matches!(e.event, EventType::Assault | EventType::Coerce)
                        && entry.pos != Pos::Noun)
                    && !matches!(
                        e.status,
                        Status::Negated | Status::Hypothetical | Status::Future
                    )
                    && !codes(&accused).is_empty()
                {
                    // Only a source that opens the claim ("X said Y attacked Z"); a trailing
                    // "..., the army said" is sourcing, not an accusation.
                    let accuser = covering.iter().find(|s| {
                        s.speech
                            && s.scope.0 > 0
                            && !view.is_comma(s.cue_tokens.1)
                            && !codes(&s.refs).is_empty()
                            && codes(&s.refs).is_disjoint(&codes(&accused))
                    });
                    if let Some(s) = accuser {
                        let mut acc = self.blank_event(
                            view,
                            EventType::Accuse,
                            "112",
                            s.cue_tokens.0,
                            s.cue_tokens.1,
                        );
                        acc.actor = s.refs.clone();
                        homes.fill_refs(view, actors, &mut acc.actor, &[]);
                        acc.recipient = accused.clone();
                        acc.contexts = contexts::merge_contexts(&acc.contexts, &keyword_ctx);
                        acc.date = e.date;
                        acc.date_text = e.date_text.clone();
                        acc.date_precision = e.date_precision;
                        out.push(Draft {
                            event: acc,
                            paragraph,
                            denial: None,
                            token: s.cue_tokens.0,
                            noun: false,
                            subordinate: last_subordinate,
                            speaker_subject: false,
                            judgement: false,
                        });
                    }
                }
            }
        }

        // "sparked concerns among A, B and C": an ACCUSE by A, B and C ([`claims`]).
        claims::concern_events(
            self,
            view,
            actors,
            paragraph,
            sources,
            &keyword_ctx,
            &mut out,
        );

        // A noun restating a verb's event type in the same sentence adds nothing.
        let verb_types: BTreeSet<EventType> = out
            .iter()
            .filter(|d| !d.noun)
            .map(|d| d.event.event)
            .collect();
        // ... but its recipient may be the one the verb lacked ("threw stones during
        // demonstrations against violations by the Israeli military").
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
        // One sentence never yields the same event twice.
        let mut kept: Vec<Draft> = Vec::new();
        for d in out {
            let dup = kept.iter_mut().find(|k| {
                k.event.event == d.event.event
                    && codes(&k.event.actor) == codes(&d.event.actor)
                    && codes(&k.event.recipient) == codes(&d.event.recipient)
            });
            match dup {
                Some(k) => {
                    merge::absorb(&mut k.event, &d.event);
                    if k.denial.is_none() {
                        k.denial = d.denial;
                    }
                }
                None => kept.push(d),
            }
        }
        kept.sort_by_key(|d| d.token);
        // PLOVER codes a protest's demands as the protest ("staged rallies against the
        // leader, saying he must resign").
        let protests: Vec<(usize, BTreeSet<String>)> = kept
            .iter()
            .filter(|d| d.event.event == EventType::Protest)
            .map(|d| (d.token, codes(&d.event.actor)))
            .filter(|(_, c)| !c.is_empty())
            .collect();
        kept.retain(|d| {
            d.event.event != EventType::Request
                || !protests
                    .iter()
                    .any(|(t, c)| *t < d.token && *c == codes(&d.event.actor))
        });
        // One sentence, one piece of news: background events in clauses that qualify a
        // noun give way to the main ones.
        if kept.iter().any(|d| !d.subordinate) {
            kept.retain(|d| !d.subordinate);
        }

        // Counts attach to the nearest event they fit (or the only event).
        let quantities = if kept.is_empty() {
            Vec::new()
        } else {
            quantities.into_inner().unwrap_or_else(read_quantities)
        };
        for q in &quantities {
            let fitting = kept
                .iter()
                .enumerate()
                .filter(|(_, d)| fits_quantity(&q.kind, d.event.event))
                .min_by_key(|(_, d)| d.event.trigger.start.abs_diff(q.span.start))
                .map(|(i, _)| i);
            let target = fitting.or(if kept.len() == 1 { Some(0) } else { None });
            if let Some(i) = target {
                // "withdraw about 3,000 soldiers": the counted people are the magnitude,
                // not a recipient (an uncoded actor whose words end the count).
                let counted = input
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
        kept
    }

    /// An event with its code facts and sentence filled in, no arguments yet.
    fn blank_event(
        &self,
        view: &SentenceView<'_>,
        event_type: EventType,
        cameo_code: &str,
        start: usize,
        end: usize,
    ) -> Event {
        let lex = &*self.lexicon;
        let row = lex.cameo.lookup(cameo_code);
        let (ts, te) = view.byte_span(start, end);
        Event {
            id: String::new(),
            event: event_type,
            mode: row.and_then(|r| r.mode.clone()),
            contexts: row.map(|r| r.contexts.clone()).unwrap_or_default(),
            cameo: cameo_code.to_string(),
            goldstein: row.map_or(0.0, |r| r.goldstein),
            quad_class: row.map_or(0, |r| r.quad_class),
            actor: Vec::new(),
            recipient: Vec::new(),
            date: None,
            date_end: None,
            date_text: None,
            date_precision: None,
            location: None,
            magnitude: Magnitude::new(),
            status: Status::Asserted,
            attribution: Vec::new(),
            denied_by: Vec::new(),
            links: Vec::new(),
            sentence: view.index,
            trigger: Trigger {
                text: view.text.get(ts..te).unwrap_or("").to_string(),
                start: ts,
                end: te,
                rule: None,
            },
            evidence: view
                .text
                .get(view.start..view.end)
                .unwrap_or("")
                .to_string(),
            mentions: Vec::new(),
        }
    }
}

/// Actor references of `mentions`, with a home country for those the recogniser left
/// uncoded ([`homes`]); `arguments` are all argument mentions of the event.
fn refs_with_homes(
    view: &SentenceView<'_>,
    actors: &Actors,
    mentions: &[usize],
    arguments: &[usize],
    homes: &homes::SentenceCountries,
    place: Option<&str>,
) -> Vec<ActorRef> {
    let mut out: Vec<ActorRef> = Vec::new();
    for &k in mentions {
        for mut r in arguments::actor_refs(view, actors, &[k]) {
            if r.code.is_none() {
                homes.fill_ref(view, actors, k, arguments, place, &mut r);
            } else if let Some(home) = homes.community_home(view, actors, k) {
                r.code = Some(home);
            }
            // One participant once: the same entity, or a country named twice ("Iran ...
            // Tehran").
            if !out.iter().any(|o| {
                (o.entity.is_some() && o.entity == r.entity)
                    || (o.code.is_some() && o.code == r.code && o.sector == r.sector)
            }) {
                out.push(r);
            }
        }
    }
    out
}

/// Event types whose participants act together: "Jordan and Britain agreed", "the US,
/// Russia and Switzerland met" code every participant as both actor and recipient.
fn is_reciprocal(event: EventType) -> bool {
    matches!(
        event,
        EventType::Consult | EventType::Agree | EventType::Cooperate
    )
}

/// Fills an empty recipient where the coding conventions name one: reciprocal events
/// with several actors; events that happen in another country than the actor's ("Israel
/// will evacuate settlements in the Gaza Strip", "agreed to set up a centre in Tokyo")
/// target that country; a domestic protest is directed at its country's government.
fn complete_recipient(lex: &Lexicon, event: &mut Event) {
    // "Discussions between them also touched upon ...": participants of a reciprocal event
    // with no one else named act together.
    if is_reciprocal(event.event) && event.actor.is_empty() && codes(&event.recipient).len() >= 2 {
        event.actor = event.recipient.clone();
    }
    // "X telephoned Y", "X held talks with Y": both sides consult each other.
    if matches!(event.cameo.as_str(), "040" | "041" | "046")
        && !event.actor.is_empty()
        && !event.recipient.is_empty()
    {
        let mut both = event.actor.clone();
        for r in &event.recipient {
            if !both
                .iter()
                .any(|a| a.code == r.code && a.entity == r.entity)
            {
                both.push(r.clone());
            }
        }
        event.actor = both.clone();
        event.recipient = both;
        return;
    }
    if !event.recipient.is_empty() {
        return;
    }
    let actor_codes = codes(&event.actor);
    if is_reciprocal(event.event) && actor_codes.len() >= 2 {
        event.recipient = event.actor.clone();
        return;
    }
    let place_country = event
        .location
        .as_ref()
        .and_then(|l| l.country.clone())
        .filter(|c| lex.is_country(c));
    // Every type but PROTEST (below) takes a recipient: with none named, the country
    // where it happens is the one it is directed at ("agreed to set up a centre in
    // Tokyo", "troops stayed on alert in the occupied West Bank"; a MOBILIZE at home
    // names none).
    let takes_recipient = !matches!(event.event, EventType::Protest);
    // At home, only conflict and its easing are coded against one's own country (rebels
    // attacking in their country, a curfew lifted: the CAMEO convention for domestic
    // events); meeting, agreeing or helping at home names no recipient.
    let domestic = place_country
        .as_ref()
        .is_some_and(|c| actor_codes.contains(c));
    let conflictual = matches!(
        event.event,
        EventType::Retreat
            | EventType::Concede
            | EventType::Assault
            | EventType::Coerce
            | EventType::Threaten
            | EventType::Accuse
            | EventType::Sanction
            | EventType::Reject
    );
    if takes_recipient {
        if let Some(country) = place_country.filter(|_| !domestic || conflictual) {
            if !actor_codes.is_empty() {
                let name = |c: &str| lex.country_name(c).map(str::to_string);
                event.recipient = location::country_party(&country, name, true)
                    .into_iter()
                    .collect();
            }
        }
        return;
    }
    if event.event == EventType::Protest {
        let home = place_country.or_else(|| {
            let countries: BTreeSet<&String> =
                actor_codes.iter().filter(|c| lex.is_country(c)).collect();
            (countries.len() == 1).then(|| countries.into_iter().next().cloned())?
        });
        if let Some(country) = home {
            event.recipient = vec![ActorRef {
                implicit: false,
                entity: None,
                text: format!("{country} government"),
                code: Some(country),
                sector: Some("GOV".to_string()),
            }];
        }
    }
}

/// Denials find the events they deny: anaphoric ones ("such transactions") the events
/// of the preceding sentences of their paragraph (else of the paragraph before) that
/// involve the deniers; "denied that ..." the events later in their own sentence.
fn link_denials(drafts: &mut [Draft]) {
    for d in 0..drafts.len() {
        let Some(scope) = drafts[d].denial else {
            continue;
        };
        // Deniers by the codes their text gives them: a code only the story implies
        // ("John Odhiambo denied the charges" in a story about Kenya) would tie the denial to
        // every event of that country.
        let named: Vec<ActorRef> = drafts[d]
            .event
            .actor
            .iter()
            .filter(|r| !r.implicit)
            .cloned()
            .collect();
        let deniers = codes(&named);
        if deniers.is_empty() {
            continue;
        }
        let sentence = drafts[d].event.sentence;
        let para = drafts[d].paragraph;
        // A denial denies what happened, not the concern or criticism it drew (CAMEO
        // 110/111 from [`claims`]).
        let involves = |e: &Event| {
            e.event != EventType::Reject
                && !matches!(e.cameo.as_str(), "110" | "111")
                // An accusation a claim implies: its content (the linked events) is what
                // is denied, not that the accuser spoke.
                && (e.event != EventType::Accuse || e.links.is_empty())
                && (!codes(&e.actor).is_disjoint(&deniers)
                    || !codes(&e.recipient).is_disjoint(&deniers))
        };
        let targets: Vec<usize> = match scope {
            DenialScope::Forward => {
                let clause: Vec<usize> = (0..drafts.len())
                    .filter(|&j| {
                        j != d
                            && drafts[j].event.sentence == sentence
                            && drafts[j].token > drafts[d].token
                            && drafts[j].denial.is_none()
                    })
                    .collect();
                claims::with_earlier_reports(drafts, d, clause)
            }
            DenialScope::Charge => (0..d)
                .rev()
                .filter(|&j| {
                    drafts[j].event.sentence == sentence
                        && drafts[j].denial.is_none()
                        && drafts[j].event.event == EventType::Accuse
                        && !codes(&drafts[j].event.recipient).is_disjoint(&deniers)
                })
                .take(1)
                .collect(),
            // "X denied the claims": what others claim of X and what the story tells of
            // the same kind, in this paragraph or the one before; failing that, what the
            // sentence before says of X.
            DenialScope::Anaphoric => {
                let earlier = |j: usize| {
                    drafts[j].event.sentence < sentence
                        && drafts[j].denial.is_none()
                        && involves(&drafts[j].event)
                };
                let mut found = Vec::new();
                for p in [Some(para), para.checked_sub(1)].into_iter().flatten() {
                    let window: Vec<usize> = (0..d)
                        .filter(|&j| drafts[j].paragraph == p && earlier(j))
                        .collect();
                    // The claims, and what the story says of the same kind ("such
                    // transactions": every transfer the paragraph tells).
                    let kinds: BTreeSet<EventType> = window
                        .iter()
                        .filter(|&&j| is_claim_of_others(&drafts[j].event, &deniers))
                        .map(|&j| drafts[j].event.event)
                        .collect();
                    found = window
                        .into_iter()
                        .filter(|&j| kinds.contains(&drafts[j].event.event))
                        .collect();
                    if !found.is_empty() {
                        break;
                    }
                }
                if found.is_empty() {
                    found = (0..d)
                        .filter(|&j| earlier(j) && drafts[j].event.sentence + 1 == sentence)
                        .collect();
                }
                found
            }
        };
        // "Moscow denied the accusation": the denial answers whoever made the claims it
        // denies (their coded sources), where the sentence names no one else.
        let mut claimants: Vec<ActorRef> = Vec::new();
        for a in targets.iter().flat_map(|&j| &drafts[j].event.attribution) {
            let fresh = claimants.iter().all(|c| c.code != a.code);
            if a.code.as_ref().is_some_and(|c| !deniers.contains(c)) && fresh {
                claimants.push(attribution::party(a));
            }
        }
        let answered = &mut drafts[d].event.recipient;
        if !claimants.is_empty() && answered.iter().all(|r| r.implicit) {
            *answered = claimants;
        }
        let denied_by: Vec<Denial> = drafts[d]
            .event
            .actor
            .iter()
            .map(|a| Denial {
                text: a.text.clone(),
                entity: a.entity.clone(),
                code: a.code.clone(),
            })
            .collect();
        for &j in &targets {
            let e = &mut drafts[j].event;
            e.status = Status::Denied;
            for x in &denied_by {
                if !e.denied_by.contains(x) {
                    e.denied_by.push(x.clone());
                }
            }
        }
        // Temporarily keep the draft indices as links; `finish` turns them into ids.
        drafts[d].event.links = targets.iter().map(|j| j.to_string()).collect();
    }
}

/// Whether a (folded) word is a first-person subject pronoun.
fn is_first_person(word: &str) -> bool {
    matches!(word, "i" | "we")
}

/// Whether an event is a claim that others make: reported or alleged on the word of
/// sources none of whom is among `deniers`.
fn is_claim_of_others(e: &Event, deniers: &BTreeSet<String>) -> bool {
    matches!(e.status, Status::Reported | Status::Alleged)
        && e.attribution
            .iter()
            .all(|a| a.code.as_ref().is_none_or(|c| !deniers.contains(c)))
}

/// Merges duplicates, numbers the events and turns denial links into event ids.
fn finish(doc_id: &str, drafts: Vec<Draft>) -> Vec<Event> {
    let paragraphs: Vec<usize> = drafts.iter().map(|d| d.paragraph).collect();
    let mut events: Vec<Event> = drafts.into_iter().map(|d| d.event).collect();
    let raw_links: Vec<Vec<String>> = events
        .iter_mut()
        .map(|e| std::mem::take(&mut e.links))
        .collect();
    // Denials and denied events stay apart from merging with plain ones.
    for (e, l) in events.iter_mut().zip(&raw_links) {
        if !l.is_empty() {
            e.links = vec![String::from("denial")];
        }
    }
    let map = merge::merge(&mut events, &paragraphs);
    for e in events.iter_mut() {
        e.links.clear();
    }
    for (i, links) in raw_links.iter().enumerate() {
        let Some(&kept) = map.get(i) else { continue };
        for l in links {
            if let Some(target) = l.parse::<usize>().ok().and_then(|j| map.get(j)) {
                let id = *target;
                let e = &mut events[kept];
                let s = id.to_string();
                if id != kept && !e.links.contains(&s) {
                    e.links.push(s);
                }
            }
        }
    }
    for (n, e) in events.iter_mut().enumerate() {
        e.id = format!("{doc_id}-ev{}", n + 1);
    }
    let ids: Vec<String> = events.iter().map(|e| e.id.clone()).collect();
    for e in events.iter_mut() {
        e.links = e
            .links
            .iter()
            .filter_map(|l| l.parse::<usize>().ok().and_then(|j| ids.get(j).cloned()))
            .collect();
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_actors::{ActorMention, MentionKind};
    use dyad_model::{Entity, EntityType, Mention};

    /// A toy actor recogniser for tests: runs of capitalised words are country actors
    /// coded by their first three letters; a few common nouns are civilian groups.
    pub fn toy_actors(text: &str, layer: &TextLayer) -> Actors {
        const SKIP: &[&str] = &[
            "The", "A", "An", "In", "On", "It", "They", "He", "She", "Monday", "Friday", "June",
        ];
        const GROUPS: &[&str] = &[
            "police",
            "protesters",
            "students",
            "rebels",
            "gunmen",
            "soldiers",
            "demonstrators",
            "officials",
            "troops",
        ];
        let mut actors = Actors::default();
        let mut i = 0;
        let tokens = &layer.tokens;
        while i < tokens.len() {
            let t = tokens[i].text(text);
            let cap = t.chars().next().is_some_and(char::is_uppercase) && tokens[i].is_word();
            if (cap && !SKIP.contains(&t)) || GROUPS.contains(&t) {
                let mut j = i + 1;
                if cap {
                    while j < tokens.len()
                        && tokens[j].is_word()
                        && tokens[j]
                            .text(text)
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase)
                    {
                        j += 1;
                    }
                }
                let span = dyad_model::Span::new(tokens[i].start, tokens[j - 1].end);
                let name = span.slice(text).to_string();
                let code = if cap {
                    name.chars()
                        .filter(|c| c.is_alphabetic())
                        .take(3)
                        .collect::<String>()
                        .to_uppercase()
                } else {
                    "---".to_string()
                };
                let entity = match actors.entities.iter().position(|e| e.name == name) {
                    Some(e) => e,
                    None => {
                        actors.entities.push(Entity {
                            id: format!("e{}", actors.entities.len() + 1),
                            name: name.clone(),
                            kind: if cap {
                                EntityType::Country
                            } else {
                                EntityType::Group
                            },
                            code: Some(code),
                            sector: if cap { None } else { Some("CVL".into()) },
                            role: None,
                            geo: None,
                            members: vec![],
                            mentions: vec![],
                        });
                        actors.entities.len() - 1
                    }
                };
                actors.entities[entity].mentions.push(Mention {
                    text: name,
                    start: span.start,
                    end: span.end,
                    kind: None,
                });
                actors.mentions.push(ActorMention {
                    entity,
                    span,
                    sentence: layer.sentence_at(span.start).unwrap_or(0),
                    kind: MentionKind::Name,
                });
                i = j;
            } else {
                i += 1;
            }
        }
        actors
    }

    /// The embedded lexicon with the rules' own type decision: the unit tests here test
    /// the rules; the learned decision, retrained with its data, is tested on its own
    /// ([`decide`] and `tests/pipeline.rs`).
    pub fn lexicon() -> EventLexicon {
        EventLexicon::from_data(&DataSet::embedded())
            .unwrap()
            .with_decider(Arc::new(decide::RuleTypes))
    }

    /// The syntax layer, loaded once for all tests.
    pub fn analyzer() -> &'static dyad_syntax::Analyzer {
        static ANALYZER: std::sync::OnceLock<dyad_syntax::Analyzer> = std::sync::OnceLock::new();
        ANALYZER.get_or_init(|| {
            dyad_syntax::Analyzer::from_data(&DataSet::embedded()).expect("the models load")
        })
    }

    pub fn code_with(lex: &EventLexicon, text: &str, actors: &Actors) -> Vec<Event> {
        let doc = analyzer().analyze(text);
        lex.code(&CodingInput {
            doc_id: "t",
            text,
            doc: &doc,
            actors,
            published: Some("2024-12-01".parse().unwrap()),
        })
    }

    pub fn code(lex: &EventLexicon, text: &str) -> Vec<Event> {
        let layer = dyad_text::analyze(text);
        let actors = toy_actors(text, &layer);
        code_with(lex, text, &actors)
    }

    /// `TYPE ACTORS>RECIPIENTS status`, codes joined by `+`.
    pub fn summary(e: &Event) -> String {
        let c = |v: &[ActorRef]| {
            v.iter()
                .filter_map(|a| a.code.clone())
                .collect::<Vec<_>>()
                .join("+")
        };
        format!(
            "{} {}>{} {}",
            e.event,
            c(&e.actor),
            c(&e.recipient),
            e.status.as_str()
        )
    }

    #[test]
    fn every_trigger_example_codes_as_its_type() {
        let lex = lexicon();
        let mut failures = Vec::new();
        let mut checked = 0;
        for t in &lex.lexicon().triggers {
            let Some(example) = &t.example else { continue };
            checked += 1;
            let events = code(&lex, example);
            if !events.iter().any(|e| e.event == t.event) {
                failures.push(format!(
                    "triggers.tsv:{} {:?} expected {} got {:?}",
                    t.line,
                    example,
                    t.event,
                    events.iter().map(summary).collect::<Vec<_>>()
                ));
            }
        }
        assert!(checked > 80, "only {checked} examples");
        assert!(
            failures.is_empty(),
            "{} of {checked} failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn roles_voice_and_coordination() {
        let lex = lexicon();
        let e = code(&lex, "Jordan and Britain agreed to hold joint exercises.");
        assert_eq!(summary(&e[0]), "AGREE JOR+BRI>JOR+BRI asserted");
        let e = code(&lex, "Israel was attacked by Hamas on Monday.");
        assert_eq!(summary(&e[0]), "ASSAULT HAM>ISR asserted");
        let e = code(&lex, "New sanctions were imposed on Iran by Canada.");
        assert_eq!(summary(&e[0]), "SANCTION CAN>IRA asserted", "{e:?}");
        // The one made to act acts; the one who made it instigates ([`claims`]).
        let e = code(&lex, "The US made Kyiv attack Russia.");
        assert_eq!(summary(&e[0]), "ASSAULT KYI>RUS asserted");
    }

    #[test]
    fn a_verb_names_its_event_only_with_an_object_that_fits() {
        let lex = lexicon();
        let types =
            |text: &str| -> Vec<EventType> { code(&lex, text).iter().map(|e| e.event).collect() };
        // A return or a release needs something returned or freed, in any voice.
        for text in [
            "Chile returned the bodies of two soldiers to Peru.",
            "The remains were returned to Japan by Korea.",
            "Iran released two sailors from Oman.",
            "The hostages were freed by Colombia.",
        ] {
            assert_eq!(types(text), [EventType::Retreat], "{text}");
        }
        // Travel home is no return; information is published, not freed or given.
        for text in [
            "Chile's envoy returned to Peru on Monday.",
            "Iran released a report on Iraq.",
            "No statement has been released by Iran.",
            "A survey released Thursday by Malawi showed the damage.",
            "India provided details of the plan to Nepal.",
        ] {
            let t = types(text);
            assert!(
                !t.contains(&EventType::Retreat) && !t.contains(&EventType::Aid),
                "{text}: {t:?}"
            );
        }
        assert_eq!(types("India provided food to Nepal."), [EventType::Aid]);
    }

    #[test]
    fn a_noun_that_characterises_names_no_event() {
        let lex = lexicon();
        for text in [
            "Chile said the missile system poses a threat to Peru.",
            "Iran is a threat to Israel, Germany said.",
            "Russia saw the drills by Poland as a threat.",
            "Cuba said the blockade by Chile constitutes an attack on Peru.",
        ] {
            let e = code(&lex, text);
            assert!(
                e.iter()
                    .all(|e| !matches!(e.event, EventType::Threaten | EventType::Assault)),
                "{text}: {e:#?}"
            );
        }
        // The same nouns report acts where they are no predicate.
        let e = code(&lex, "The threat from Iran to Israel grew.");
        assert_eq!(
            e.iter().map(|e| e.event).collect::<Vec<_>>(),
            [EventType::Threaten]
        );
        // A prepositional predicate points at the act: the attack happened.
        let e = code(&lex, "Chile said Peru was behind the attack on Bolivia.");
        assert!(e.iter().any(|e| e.event == EventType::Assault), "{e:#?}");
    }

    #[test]
    fn refusing_a_cooperative_act_is_a_rejection() {
        let lex = lexicon();
        for (text, cameo) in [
            ("Serbia will not cooperate with Croatia.", "121"),
            ("Iran does not recognize the government of Israel.", "120"),
            ("China won't meet Japan.", "125"),
            ("Russia would not return the prisoners to Ukraine.", "1243"),
        ] {
            let e = code(&lex, text);
            assert_eq!(e.len(), 1, "{text}: {e:#?}");
            assert_eq!(e[0].event, EventType::Reject, "{text}");
            assert_eq!(e[0].cameo, cameo, "{text}");
            // The refusal is made as it is said.
            assert_eq!(e[0].status, Status::Asserted, "{text}");
        }
        // What did not happen stays undone; a hostile act refused is no rejection.
        let e = code(&lex, "Egypt did not meet Israel.");
        assert_eq!(
            (e[0].event, e[0].status),
            (EventType::Consult, Status::Negated)
        );
        let e = code(&lex, "Iran will not attack Israel.");
        assert_eq!(e[0].event, EventType::Assault);
    }

    #[test]
    fn a_judgement_criticises_whose_the_judged_thing_is() {
        let lex = lexicon();
        let accusations = |text: &str| -> Vec<String> {
            code(&lex, text)
                .iter()
                .filter(|e| e.event == EventType::Accuse)
                .map(summary)
                .collect()
        };
        // The subject of an evaluating verb judges its object's owner.
        assert_eq!(
            accusations("Spain called Morocco's ruling arbitrary."),
            ["ACCUSE SPA>MOR asserted"]
        );
        // The speaker of "X is so" judges it, in the saying: asserted, no source.
        let text = "\"The ruling by Peru's court is unconstitutional,\" Chile said.";
        let e = code(&lex, text);
        let judgement = e
            .iter()
            .find(|e| e.event == EventType::Accuse)
            .expect("judged");
        assert_eq!(summary(judgement), "ACCUSE CHI>PER asserted", "{e:#?}");
        assert!(judgement.attribution.is_empty());
        // An attributive adjective judges nothing; the story's own voice is no one's act.
        for text in [
            "Illegal migrants from Chad crossed into Sudan.",
            "The ruling by Peru's court is unconstitutional.",
        ] {
            assert!(accusations(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn an_agentless_passive_in_a_known_place_is_kept() {
        let lex = lexicon();
        // No one named acts and no party is acted on, but the place is known: the
        // event stays, with its country from the place ([`location::place_as_actor`]).
        let e = code(
            &lex,
            "Two missiles were fired at a village near Baghdad on Monday.",
        );
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!(e[0].event, EventType::Assault);
        assert!(e[0].location.is_some(), "{e:#?}");
    }

    #[test]
    fn modality_and_attribution() {
        let lex = lexicon();
        let e = code(&lex, "Egypt did not meet Israel.");
        assert_eq!(e[0].status, Status::Negated);
        // An attack announced is a threat, and the threat is made now.
        let e = code(&lex, "Iran will attack Israel.");
        assert_eq!(summary(&e[0]), "THREATEN IRA>ISR asserted");
        let e = code(&lex, "Japan will provide aid to Kenya.");
        assert_eq!(e[0].event, EventType::Agree);
        let e = code(&lex, "According to Reuters, Chile attacked Peru.");
        assert_eq!(e[0].status, Status::Reported);
        assert_eq!(e[0].attribution[0].text, "Reuters");
        let e = code(&lex, "Reports suggest that Chile attacked Peru.");
        assert_eq!(e[0].status, Status::Alleged);
        let e = code(&lex, "Iraq said Turkey attacked its villages.");
        assert!(
            e.iter().any(|x| summary(x) == "ACCUSE IRA>TUR asserted"),
            "{:?}",
            e.iter().map(summary).collect::<Vec<_>>()
        );
    }

    #[test]
    fn denials_link_back_and_mark_the_denied() {
        let lex = lexicon();
        let text = "Russia sent missiles to Syria. Russia and Syria denied such transactions.";
        let e = code(&lex, text);
        let denial = e.iter().find(|x| x.cameo == "016").expect("a denial");
        assert_eq!(denial.links, vec!["t-ev1".to_string()]);
        assert_eq!(e[0].status, Status::Denied);
        assert_eq!(e[0].denied_by.len(), 2);
    }

    #[test]
    fn an_unsaid_actor_is_kept_when_the_sentence_counts_the_harm() {
        let lex = lexicon();
        let e = code(
            &lex,
            "Six people were killed and nine wounded in grenade attacks overnight.",
        );
        let killed = e
            .iter()
            .find(|x| x.event == EventType::Assault)
            .expect("an assault with no party named");
        assert!(killed.actor.iter().all(|a| a.code.is_none()), "{killed:?}");
        assert_eq!(killed.magnitude.get("dead"), Some(&6));
        // A count that does not fit the event keeps nothing: money is no casualty.
        assert!(
            code(&lex, "Protesters were arrested over the $5 million fraud.")
                .iter()
                .all(|x| x.event != EventType::Coerce
                    || !x.actor.is_empty()
                    || !x.recipient.is_empty())
        );
    }

    #[test]
    fn sentences_without_actors_give_no_events() {
        let lex = lexicon();
        assert!(code(&lex, "the war goes on and talks failed.").is_empty());
        // Arbitrary bytes never panic.
        let _ = code(&lex, "Ä “ ” ‘’ , ; : — to to to by by Ω");
    }
}
