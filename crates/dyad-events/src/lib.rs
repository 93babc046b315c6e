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
mod sentence;
pub mod triggers;
pub mod view;

use std::collections::BTreeSet;
use std::sync::Arc;

use dyad_actors::Actors;
use dyad_data::{DataError, DataSet};
use dyad_model::{ActorRef, Date, Denial, Event, EventType, Magnitude, Status, Trigger};
use dyad_syntax::Analysis;
use dyad_text::TextLayer;

use crate::lexicon::Lexicon;
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

/// Whether the denial verb at `verb` closes a relative clause on a charge noun
/// ([`denied_charge_noun`]).
fn denies_charge_noun(lex: &Lexicon, view: &SentenceView<'_>, verb: usize) -> bool {
    denied_charge_noun(lex, view, verb).is_some()
}

/// The charge noun whose relative clause the denial verb at `verb` closes: "a charge
/// that the Ethiopian government denied", "accusations which Moscow has denied", and,
/// without the relative word, in the parse or right after a comma ("..., charges the
/// commission denied").
fn denied_charge_noun(lex: &Lexicon, view: &SentenceView<'_>, verb: usize) -> Option<usize> {
    let charge = |t: usize| lex.charge_nouns.contains(view.word(t));
    let relative = view
        .doc
        .filter(|doc| doc.len() == view.len() && doc.rels[verb].name() == "acl:relcl")
        .and_then(|doc| doc.head(verb))
        .filter(|&h| charge(h));
    if relative.is_some() {
        return relative;
    }
    let clause: Vec<usize> = (0..verb)
        .rev()
        .take(8)
        .take_while(|&t| !view.is_comma(t) && !view.is_hard_boundary(t))
        .collect();
    if let Some(&that) = clause
        .iter()
        .find(|&&t| matches!(view.word(t), "that" | "which"))
    {
        return (that > 0 && charge(that - 1)).then(|| that - 1);
    }
    // "..., charges Pakistan denied": the clause's first word after its comma (or its
    // article) is the charge, and a subject stands between it and the verb.
    let first = *clause.last()?;
    let after_comma = first > 0 && view.is_comma(first - 1);
    let noun = if crate::view::is_determiner(view.word(first)) {
        first + 1
    } else {
        first
    };
    (after_comma && noun + 1 < verb && charge(noun)).then_some(noun)
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

impl Draft {
    /// A draft of `event`, whose trigger is at token `token`, with no denial and no flag.
    fn new(event: Event, paragraph: usize, token: usize) -> Draft {
        Draft {
            event,
            paragraph,
            denial: None,
            token,
            noun: false,
            subordinate: false,
            speaker_subject: false,
            judgement: false,
        }
    }
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
/// ones before it built. Inside `sentences` a sentence goes through the stages that
/// `sentence::STAGES` declares: trigger candidates, demands, each candidate's roles
/// ([`arguments`], then [`roles`]), parties, status ([`attribution`], [`modality`]),
/// codes, date, place, then the merge within the sentence and its counts
/// ([`magnitude`]).
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

    /// Pass `sentences`: every sentence with an actor mention, coded on its own through
    /// the stages of `sentence::STAGES`, with the sources its reporting verbs give.
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
            let coding = sentence::SentenceCoding::new(
                self,
                input,
                &view,
                sentence.paragraph,
                &found,
                &homes,
            );
            c.drafts.extend(coding.code());
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
    /// the recipient of what its actors do at home, the agent of what no one named did and
    /// the country of its uncoded sources;
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
                (None, Some(home)) => {
                    implicit::fill_home(home, e, &named);
                    implicit::home_sources(home, e, &named);
                }
                _ => {}
            }
        }
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
            first_status: None,
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

/// Events whose participants act together: "Jordan and Britain agreed", "the US, Russia
/// and Switzerland met", "Chile and Peru upgraded their ties" (ties established,
/// restored or upgraded, CAMEO 054) code every participant as both actor and recipient.
fn is_reciprocal(event: &Event) -> bool {
    matches!(
        event.event,
        EventType::Consult | EventType::Agree | EventType::Cooperate
    ) || event.cameo == "054"
}

/// Fills an empty recipient where the coding conventions name one: reciprocal events
/// with several actors; events that happen in another country than the actor's ("Israel
/// will evacuate settlements in the Gaza Strip", "agreed to set up a centre in Tokyo")
/// target that country; a domestic protest is directed at its country's government.
fn complete_recipient(lex: &Lexicon, event: &mut Event) {
    // "Discussions between them also touched upon ...": participants of a reciprocal event
    // with no one else named act together.
    if is_reciprocal(event) && event.actor.is_empty() && codes(&event.recipient).len() >= 2 {
        event.actor = event.recipient.clone();
    }
    // "X telephoned Y", "X held talks with Y", "X hosted Y": both sides consult each other
    // (the CAMEO code keeps who hosted).
    if matches!(event.cameo.as_str(), "040" | "041" | "043" | "046")
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
    if is_reciprocal(event) && actor_codes.len() >= 2 {
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
                // is denied, not that the accuser spoke; nor is another's accusation of
                // the deniers ("Peru accused Chile of ... Chile denied it": the
                // accusation was made, the denial answers it).
                && (e.event != EventType::Accuse || e.links.is_empty())
                && !accuses_deniers(e, &deniers)
                && (!codes(&e.actor).is_disjoint(&deniers)
                    || !codes(&e.recipient).is_disjoint(&deniers))
        };
        // "accused Y of E, a charge Y denied": the accusation the denial answers.
        let mut accusation = match scope {
            DenialScope::Charge => charged(drafts, d, &deniers),
            _ => None,
        };
        let targets: Vec<usize> = match scope {
            DenialScope::Forward => {
                // Others' accusation that the denial names ("rejected Chile's allegation
                // that ...") was made; what it alleges is denied.
                let others_charge = |e: &Event| {
                    e.event == EventType::Accuse && codes(&e.actor).is_disjoint(&deniers)
                };
                let clause: Vec<usize> = (0..drafts.len())
                    .filter(|&j| {
                        j != d
                            && drafts[j].event.sentence == sentence
                            && drafts[j].token > drafts[d].token
                            && drafts[j].denial.is_none()
                            && !(drafts[j].noun && others_charge(&drafts[j].event))
                    })
                    .collect();
                claims::with_earlier_reports(drafts, d, clause)
            }
            // "accused Y of E, a charge Y denied": what the accusation alleges of the
            // deniers, told between it and the denial. The accusation itself was made
            // (annotation: the ACCUSE stays asserted); only its content is denied.
            DenialScope::Charge => match accusation {
                Some(j) => (j + 1..d)
                    .filter(|&k| {
                        drafts[k].event.sentence == sentence
                            && drafts[k].denial.is_none()
                            && drafts[k].event.status == Status::Alleged
                            && involves(&drafts[k].event)
                    })
                    .collect(),
                None => Vec::new(),
            },
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
        // An anaphoric denial of no event the story tells answers the last accusation of
        // the deniers ("Peru accused Chile of ... Chile denied the allegations").
        if scope == DenialScope::Anaphoric && targets.is_empty() {
            accusation = earlier_accusation(drafts, d, &deniers);
        }
        // "Moscow denied the accusation": the denial answers whoever made the claims it
        // denies (their coded sources), where the sentence names no one else.
        let mut claimants: Vec<ActorRef> = Vec::new();
        let sources = targets
            .iter()
            .flat_map(|&j| &drafts[j].event.attribution)
            .map(attribution::party);
        // The charge a relative clause denies was made by the accusation's actor.
        let accusers = accusation
            .map(|j| &drafts[j].event)
            .filter(|e| e.attribution.is_empty())
            .into_iter()
            .flat_map(|e| e.actor.iter().filter(|a| !a.implicit).cloned());
        for party in sources.chain(accusers).collect::<Vec<_>>() {
            let fresh = claimants.iter().all(|c| c.code != party.code);
            if party.code.as_ref().is_some_and(|c| !deniers.contains(c)) && fresh {
                claimants.push(party);
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
        // Temporarily keep the draft indices as links; `finish` turns them into ids. A
        // denied charge whose content the sentence does not code links the accusation
        // it answers, whose status stays its own.
        let linked = if targets.is_empty() {
            accusation.into_iter().collect()
        } else {
            targets
        };
        drafts[d].event.links = linked.iter().map(|j| j.to_string()).collect();
    }
}

/// The accusation that the denial `d` answers as "a charge that X denied": the nearest
/// earlier ACCUSE of its sentence against one of the `deniers`.
fn charged(drafts: &[Draft], d: usize, deniers: &BTreeSet<String>) -> Option<usize> {
    let sentence = drafts[d].event.sentence;
    (0..d).rev().find(|&j| {
        drafts[j].event.sentence == sentence
            && drafts[j].denial.is_none()
            && drafts[j].event.event == EventType::Accuse
            && !codes(&drafts[j].event.recipient).is_disjoint(deniers)
    })
}

/// Whether `e` is an accusation by others of one of `deniers`.
fn accuses_deniers(e: &Event, deniers: &BTreeSet<String>) -> bool {
    e.event == EventType::Accuse
        && !codes(&e.recipient).is_disjoint(deniers)
        && codes(&e.actor).is_disjoint(deniers)
}

/// The latest accusation by others of the deniers of an anaphoric denial `d` ("Chile
/// denied the allegations"), in an earlier sentence of its paragraph or the sentence
/// before it.
fn earlier_accusation(drafts: &[Draft], d: usize, deniers: &BTreeSet<String>) -> Option<usize> {
    let (sentence, para) = (drafts[d].event.sentence, drafts[d].paragraph);
    (0..d).rev().find(|&j| {
        let e = &drafts[j].event;
        let near = drafts[j].paragraph == para || e.sentence + 1 == sentence;
        e.sentence < sentence && near && drafts[j].denial.is_none() && accuses_deniers(e, deniers)
    })
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

    /// The events of `text` (toy actors, rules' types) as [`summary`] lines.
    pub fn summaries(text: &str) -> Vec<String> {
        code(&lexicon(), text).iter().map(summary).collect()
    }

    /// The types of the events of `text` (toy actors).
    pub fn event_types(lex: &EventLexicon, text: &str) -> Vec<EventType> {
        code(lex, text).iter().map(|e| e.event).collect()
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
        let e = code(&lex, "Jordan and Britain restored their diplomatic ties.");
        assert_eq!(summary(&e[0]), "SUPPORT JOR+BRI>JOR+BRI asserted");
        // What is done to a thing bound for a party is done to the party.
        let e = code(&lex, "Canada banned the sale of rifles to Iran.");
        assert_eq!(summary(&e[0]), "COERCE CAN>IRA asserted", "{e:?}");
        // A hosted visit is a meeting of both; the CAMEO code (043) keeps who hosted.
        let e = code(&lex, "Jordan hosted Britain on Monday.");
        assert_eq!(summary(&e[0]), "CONSULT JOR+BRI>JOR+BRI asserted");
        assert_eq!(e[0].cameo, "043");
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
        let types = |text: &str| event_types(&lex, text);
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
    fn a_hazard_fought_is_no_attack() {
        let lex = lexicon();
        let types = |text: &str| event_types(&lex, text);
        // Fires, disease and social ills are fought with no party on the other side.
        for text in [
            "Chilean firefighters battled blazes in Peru last week.",
            "Kenya launched a drive to fight corruption.",
            "Cuba will fight against the epidemic with Peru.",
            "Spain fought wildfires near the border with Chile.",
        ] {
            let t = types(text);
            assert!(!t.contains(&EventType::Assault), "{text}: {t:?}");
        }
        // A party fought is an attack.
        assert_eq!(types("Peru fought Chile in 1879."), [EventType::Assault]);
        assert_eq!(
            types("Spain fought against Chile near the fire station."),
            [EventType::Assault]
        );
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
        // The same nouns report acts where they are no predicate and say what is
        // threatened ("threat of", "threats against", a "to" infinitive); a bare "threat"
        // names a danger, not an act.
        let e = code(&lex, "The threat of war from Iran to Israel grew.");
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
