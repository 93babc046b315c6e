//! In-document de-duplication: one sentence never yields the same event twice, and the
//! same event type between the same actor and recipient codes in one paragraph (or a
//! restatement: "met ..." then "held talks") is one event, keeping the most informative
//! date, place and magnitude.
//!
//! An event is compared with at most the [`LOOKBACK`] latest kept events of its
//! paragraph, so that a paragraph of thousands of events (a generated or hostile page)
//! costs linear, not quadratic, time; real paragraphs hold a handful.

use std::collections::BTreeSet;

use dyad_model::{ActorRef, DatePrecision, Event, Status};

fn codes(refs: &[ActorRef]) -> BTreeSet<String> {
    refs.iter()
        .map(|r| r.code.clone().unwrap_or_else(|| r.text.to_lowercase()))
        .collect()
}

fn compatible(a: Status, b: Status) -> bool {
    a == b
        || matches!(
            (a, b),
            (Status::Asserted, Status::Reported) | (Status::Reported, Status::Asserted)
        )
}

/// Whether `b` repeats `a` (same type, codes and compatible status, or a restatement
/// whose participants are a subset of the other's).
pub fn same_event(a: &Event, b: &Event) -> bool {
    if a.event != b.event || !compatible(a.status, b.status) || dates_conflict(a, b) {
        return false;
    }
    let (aa, ar, ba, br) = (
        codes(&a.actor),
        codes(&a.recipient),
        codes(&b.actor),
        codes(&b.recipient),
    );
    // Reports that name no coded party have nothing but their type in common: one event
    // only when they are near ("gunmen attacked a bus ... the attack killed three").
    let coded = |e: &Event| e.actor.iter().chain(&e.recipient).any(|r| r.code.is_some());
    let adjacent = a.sentence.abs_diff(b.sentence) <= 1;
    if !coded(a) && !coded(b) && !adjacent {
        return false;
    }
    // "The deadliest raid, in 1998, left 40 dead": a report dated by its year
    // alone is background history, one event with an undated report only next to it (a
    // story without paragraph breaks is one paragraph).
    let year_only =
        |e: &Event| e.date_text.is_some() && e.date_precision == Some(DatePrecision::Year);
    let history = year_only(a) && b.date.is_none() || year_only(b) && a.date.is_none();
    if history && !adjacent {
        return false;
    }
    if aa == ba && ar == br {
        return true;
    }
    // A restatement names fewer roles: "they held talks" after "X met Y".
    let partial = ar.is_empty() || br.is_empty() || aa.is_empty() || ba.is_empty();
    let pa: BTreeSet<_> = aa.union(&ar).cloned().collect();
    let pb: BTreeSet<_> = ba.union(&br).cloned().collect();
    partial
        && adjacent
        && !pa.is_empty()
        && !pb.is_empty()
        && (pa.is_subset(&pb) || pb.is_subset(&pa))
}

/// Whether two reports write dates that cannot be one event's ("took the port in August
/// 2021" and "seized the presses in November 2024"), compared at the coarser of their
/// precisions. A period, or a date the story only implies, conflicts with nothing.
fn dates_conflict(a: &Event, b: &Event) -> bool {
    let written = |e: &Event| match (e.date, &e.date_text, e.date_end) {
        (Some(date), Some(_), None) => Some((date, e.date_precision.unwrap_or(DatePrecision::Day))),
        _ => None,
    };
    let (Some((x, px)), Some((y, py))) = (written(a), written(b)) else {
        return false;
    };
    match px.max(py) {
        DatePrecision::Year => x.year() != y.year(),
        DatePrecision::Month => (x.year(), x.month()) != (y.year(), y.month()),
        DatePrecision::Day => x != y,
    }
}

/// Folds what `b` knows and `a` lacks into `a`; a report from another sentence becomes
/// one of `a`'s mentions.
pub fn absorb(a: &mut Event, b: &Event) {
    let own = dyad_model::EventMention {
        sentence: b.sentence,
        trigger: b.trigger.clone(),
        status: Some(b.status),
    };
    // Another trigger of the same sentence is a report too ("shelled the port, killing
    // nine"); the same trigger told again is not.
    for m in std::iter::once(own).chain(b.mentions.iter().cloned()) {
        let elsewhere = m.sentence != a.sentence || m.trigger.start != a.trigger.start;
        let known = a
            .mentions
            .iter()
            .any(|k| k.sentence == m.sentence && k.trigger.start == m.trigger.start);
        if elsewhere && !known {
            a.mentions.push(m);
        }
    }
    if a.date.is_none() || (a.date_precision > b.date_precision && b.date.is_some()) {
        a.date = b.date;
        a.date_end = b.date_end;
        a.date_text = b.date_text.clone();
        a.date_precision = b.date_precision;
    }
    if a.location.is_none() {
        a.location = b.location.clone();
    }
    for (k, v) in &b.magnitude {
        a.magnitude.entry(k.clone()).or_insert(*v);
    }
    for c in &b.contexts {
        if !a.contexts.contains(c) {
            a.contexts.push(c.clone());
        }
    }
    // "X pledged support" (the article's words) told again as "according to state media,
    // X expressed support": the article reports what its source said.
    if a.status == Status::Asserted && b.status == Status::Reported && a.attribution.is_empty() {
        a.first_status.get_or_insert(Status::Asserted);
        a.status = Status::Reported;
    }
    let attributed = matches!(a.status, Status::Reported | Status::Alleged);
    for at in b.attribution.iter().filter(|_| attributed) {
        if !a.attribution.contains(at) {
            a.attribution.push(at.clone());
        }
    }
    if a.recipient.is_empty() {
        a.recipient = b.recipient.clone();
    }
    if a.actor.is_empty() {
        a.actor = b.actor.clone();
    }
}

/// Whether `b`, later in the body, tells the headline event `a` again: same type, the same
/// actor and recipient codes, compatible status, and no conflicting dates.
fn restates_headline(a: &Event, b: &Event) -> bool {
    a.event == b.event
        && compatible(a.status, b.status)
        && a.links.is_empty()
        && b.links.is_empty()
        && !codes(&a.actor).is_empty()
        && codes(&a.actor) == codes(&b.actor)
        && codes(&a.recipient) == codes(&b.recipient)
        && (a.date.is_none() || b.date.is_none() || a.date == b.date)
}

/// How many of the latest kept events of a paragraph a new event is compared with.
pub const LOOKBACK: usize = 64;

/// Merges duplicates among `events` (in text order) whose paragraphs are given by
/// `paragraph`. Returns, for each input event, the index of the kept event it became.
pub fn merge(events: &mut Vec<Event>, paragraph: &[usize]) -> Vec<usize> {
    let mut kept: Vec<Event> = Vec::new();
    // The kept events of each paragraph, in order.
    let mut by_paragraph: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    let mut map = Vec::with_capacity(events.len());
    for (i, e) in events.drain(..).enumerate() {
        let p = paragraph.get(i).copied().unwrap_or(0);
        let same_paragraph = by_paragraph.entry(p).or_default();
        let found = same_paragraph
            .iter()
            .rev()
            .take(LOOKBACK)
            .copied()
            .find(|&k| {
                same_event(&kept[k], &e)
                    && (kept[k].sentence == e.sentence
                        || e.links.is_empty() && kept[k].links.is_empty())
            });
        // A headline (or lead) restated in the body: the same type between the same
        // codes, on a compatible date, is one event.
        let found = found.or_else(|| {
            (p != 0)
                .then(|| by_paragraph.get(&0))
                .flatten()?
                .iter()
                .take(LOOKBACK)
                .copied()
                .find(|&k| restates_headline(&kept[k], &e))
        });
        let same_paragraph = by_paragraph.entry(p).or_default();
        match found {
            Some(k) => {
                absorb(&mut kept[k], &e);
                map.push(k);
                // A headline event now also stands in this paragraph, for its restatements.
                if !same_paragraph.contains(&k) {
                    same_paragraph.push(k);
                }
            }
            None => {
                map.push(kept.len());
                same_paragraph.push(kept.len());
                kept.push(e);
            }
        }
    }
    *events = kept;
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_model::testing::event;
    use dyad_model::EventType;

    #[test]
    fn reports_without_a_coded_party_merge_only_when_near() {
        let uncoded = |sentence: usize| {
            let mut e = event(EventType::Coerce, &[], &[]);
            e.sentence = sentence;
            e
        };
        // "Books were banned" in the second and the ninth sentence: two bans for all
        // anyone can tell; in the next sentence, the same one told again.
        let mut events = vec![uncoded(2), uncoded(9)];
        merge(&mut events, &[0, 0]);
        assert_eq!(events.len(), 2);
        let mut events = vec![uncoded(2), uncoded(3)];
        merge(&mut events, &[0, 0]);
        assert_eq!(events.len(), 1);
        // With a coded party, the paragraph is the window.
        let coded = |sentence: usize| {
            let mut e = event(EventType::Coerce, &["AFG"], &[]);
            e.sentence = sentence;
            e
        };
        let mut events = vec![coded(2), coded(9)];
        merge(&mut events, &[0, 0]);
        assert_eq!(events.len(), 1);
    }

    #[test]
    fn reports_with_conflicting_written_dates_are_different_events() {
        let dated = |sentence: usize, date: &str, precision: DatePrecision| {
            let mut e = event(EventType::Coerce, &["AFG"], &["AFG"]);
            e.sentence = sentence;
            e.date = Some(date.parse().unwrap());
            e.date_text = Some("in ...".into());
            e.date_precision = Some(precision);
            e
        };
        // "who took the port in August 2021" and "seized the presses in November 2024".
        let mut events = vec![
            dated(0, "2021-08-01", DatePrecision::Month),
            dated(1, "2024-11-01", DatePrecision::Month),
        ];
        merge(&mut events, &[0, 0]);
        assert_eq!(events.len(), 2);
        // "in November" and "on November 5": one event, with the finer date.
        let mut events = vec![
            dated(0, "2024-11-01", DatePrecision::Month),
            dated(1, "2024-11-05", DatePrecision::Day),
        ];
        merge(&mut events, &[0, 0]);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].date, Some("2024-11-05".parse().unwrap()));
    }

    #[test]
    fn a_report_dated_by_its_year_alone_is_history_apart_from_undated_news() {
        let report = |sentence: usize, year: Option<&str>| {
            let mut e = event(EventType::Assault, &["SOM"], &["SOM"]);
            e.sentence = sentence;
            if let Some(y) = year {
                e.date = Some(format!("{y}-01-01").parse().unwrap());
                e.date_text = Some(format!("in {y}"));
                e.date_precision = Some(DatePrecision::Year);
            }
            e
        };
        // "gunmen stormed a market" ... "the deadliest raid, in 2009, left 40 dead".
        let mut events = vec![report(2, None), report(9, Some("2009"))];
        merge(&mut events, &[0, 0]);
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].date, None);
        // Next to each other, the undated report restates it: "In 2009 rebels attacked the
        // town. The attack killed 25."
        let mut events = vec![report(3, Some("2009")), report(4, None)];
        merge(&mut events, &[0, 0]);
        assert_eq!(events.len(), 1);
    }

    #[test]
    fn each_report_keeps_how_its_sentence_tells_the_event() {
        // "Chile closed the border." then "Chile closed the border, officials said.": one
        // event; the second report is the officials', the first the story's own.
        let mut told = event(EventType::Coerce, &["CHL"], &[]);
        told.sentence = 0;
        let mut reported = told.clone();
        reported.sentence = 1;
        reported.status = Status::Reported;
        let mut events = vec![told, reported];
        merge(&mut events, &[0, 0]);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].mentions.len(), 1);
        assert_eq!(events[0].mentions[0].status, Some(Status::Reported));
        // The event is the officials' report; its first sentence told it as fact.
        assert_eq!(events[0].status, Status::Reported);
        assert_eq!(events[0].first_status, Some(Status::Asserted));
    }

    #[test]
    fn a_report_from_another_sentence_becomes_a_mention() {
        let mut a = event(EventType::Accuse, &["IRQ"], &["IRN"]);
        let mut b = a.clone();
        b.sentence = 3;
        b.trigger.text = "condemned".into();
        absorb(&mut a, &b);
        assert_eq!(a.mentions.len(), 1);
        assert_eq!(
            (a.mentions[0].sentence, a.mentions[0].trigger.text.as_str()),
            (3, "condemned")
        );
        // A repeat of the same trigger, or of a known mention, adds none.
        let same = a.clone();
        absorb(&mut a, &same);
        absorb(&mut a, &b);
        assert_eq!(a.mentions.len(), 1);
        // Another trigger of the sentence is a report of its own ("shelled the port,
        // killing nine").
        let mut other = a.clone();
        other.mentions.clear();
        other.trigger.start += 20;
        other.trigger.text = "denounced".into();
        absorb(&mut a, &other);
        assert_eq!(a.mentions.len(), 2);
    }
}
