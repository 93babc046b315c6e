//! Cross-article event merging for Spark: the store's rule ([`dyad_merge`]: blocking key,
//! actors, dates by precision, places, closest candidate wins, greedy) applied to the
//! reports of one or more blocks, as `groupBy("block").applyInArrow(...)` hands them over.
//!
//! Reports are merged in publication order (then document id, then position in the
//! document), which is the store's ingest order when documents are ingested by date. Each
//! merged event is its first report's event with the merged date, the merged status and the
//! store's counts (`num_mentions`, `num_articles`, `num_sources`, `first_seen`,
//! `last_seen`, `documents`, `sources`), in the store's flat export columns
//! ([`crate::columns::merged_schema`]). Wire copies are not told apart here (the store
//! counts them once): every report counts.

use std::collections::{BTreeSet, HashMap};

use arrow_array::{Array, Date32Array, Int32Array, RecordBatch, StringArray};
use dyad_merge::{Happening, MergeRules};
use dyad_model::{Date, Event, Status};

use crate::columns::{self, merged_columns, Cell, Columns};
use crate::BindingError;

/// Spans longer than this many days are indexed apart (as the store does).
const SHORT_SPAN_DAYS: i64 = 7;

/// One report (an event of one document) as the merge reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub doc_id: String,
    pub ordinal: i64,
    pub published: Option<Date>,
    /// The document's outlet (`doc.source`, else the URL host), when known.
    pub outlet: Option<String>,
    pub event: Event,
}

impl Report {
    fn source_key(&self) -> String {
        match &self.outlet {
            Some(outlet) => outlet.clone(),
            None => format!("doc:{}", self.doc_id),
        }
    }
}

/// One happening: the reports merged into it (indexes into the report list, first = the
/// representative) and its merged [`Happening`].
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub happening: Happening,
    pub reports: Vec<usize>,
}

fn text_column<'a>(batch: &'a RecordBatch, name: &str) -> Result<&'a StringArray, BindingError> {
    batch
        .column_by_name(name)
        .and_then(|c| c.as_any().downcast_ref::<StringArray>())
        .ok_or_else(|| BindingError::Column(name.to_string()))
}

/// Reads the reports of a batch with (at least) the columns `doc_id`, `ordinal`,
/// `published`, `outlet` and `event_json` of [`crate::columns::report_schema`].
pub fn reports_from_batch(batch: &RecordBatch) -> Result<Vec<Report>, BindingError> {
    let doc_id = text_column(batch, "doc_id")?;
    let outlet = text_column(batch, "outlet")?;
    let event_json = text_column(batch, "event_json")?;
    let ordinal = batch
        .column_by_name("ordinal")
        .and_then(|c| c.as_any().downcast_ref::<Int32Array>())
        .ok_or_else(|| BindingError::Column("ordinal".into()))?;
    let published = batch
        .column_by_name("published")
        .and_then(|c| c.as_any().downcast_ref::<Date32Array>())
        .ok_or_else(|| BindingError::Column("published".into()))?;
    let mut out = Vec::with_capacity(batch.num_rows());
    for row in 0..batch.num_rows() {
        let event: Event =
            serde_json::from_str(event_json.value(row)).map_err(|e| BindingError::EventJson {
                row,
                message: e.to_string(),
            })?;
        out.push(Report {
            doc_id: doc_id.value(row).to_string(),
            ordinal: if ordinal.is_null(row) {
                0
            } else {
                i64::from(ordinal.value(row))
            },
            published: if published.is_null(row) {
                None
            } else {
                columns::from_days(published.value(row))
            },
            outlet: (!outlet.is_null(row)).then(|| outlet.value(row).to_string()),
            event,
        });
    }
    Ok(out)
}

fn is_long(rules: &MergeRules, happening: &Happening) -> bool {
    happening.span(rules).is_some_and(|s| {
        s.lo.until(s.hi)
            .map(|d| i64::from(d.get_days()))
            .unwrap_or(0)
            > SHORT_SPAN_DAYS
    })
}

fn shift(date: Date, days: i64) -> Date {
    date.checked_add(jiff::Span::new().days(days))
        .unwrap_or(date)
}

/// The merge candidates of one block, indexed by the first day of their span.
#[derive(Default)]
struct BlockIndex {
    short: BTreeSet<(Date, usize)>,
    long: BTreeSet<(Date, usize)>,
    undated: Vec<usize>,
}

impl BlockIndex {
    fn key(rules: &MergeRules, happening: &Happening) -> Option<(bool, Date)> {
        happening
            .span(rules)
            .map(|s| (is_long(rules, happening), s.lo))
    }

    fn insert(&mut self, rules: &MergeRules, happening: &Happening, id: usize) {
        match Self::key(rules, happening) {
            Some((false, lo)) => {
                self.short.insert((lo, id));
            }
            Some((true, lo)) => {
                self.long.insert((lo, id));
            }
            None => self.undated.push(id),
        }
    }

    fn remove(&mut self, rules: &MergeRules, happening: &Happening, id: usize) {
        match Self::key(rules, happening) {
            Some((false, lo)) => {
                self.short.remove(&(lo, id));
            }
            Some((true, lo)) => {
                self.long.remove(&(lo, id));
            }
            None => self.undated.retain(|&x| x != id),
        }
    }

    /// Ids of the events whose span may meet the report's, in creation order.
    fn candidates(&self, rules: &MergeRules, report: &Happening) -> Vec<usize> {
        let mut ids: Vec<usize> = match report.span(rules) {
            Some(span) => {
                let hi = (shift(span.hi, rules.day_window), usize::MAX);
                let short_lo = (shift(span.lo, -(SHORT_SPAN_DAYS + rules.day_window)), 0);
                let long_lo = (
                    shift(span.lo, -(dyad_merge::MAX_SPAN_DAYS + rules.day_window)),
                    0,
                );
                let mut ids: Vec<usize> = self.short.range(short_lo..=hi).map(|k| k.1).collect();
                ids.extend(self.long.range(long_lo..=hi).map(|k| k.1));
                ids
            }
            None => self.undated.clone(),
        };
        ids.sort_unstable();
        ids
    }
}

/// The order reports are merged in: publication date (undated last), document, position.
fn merge_order(reports: &[Report]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..reports.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&reports[a], &reports[b]);
        (x.published.is_none(), x.published, &x.doc_id, x.ordinal).cmp(&(
            y.published.is_none(),
            y.published,
            &y.doc_id,
            y.ordinal,
        ))
    });
    order
}

/// Merges reports (of any number of blocks) into happenings with the store's rule.
pub fn merge(rules: &MergeRules, reports: &[Report]) -> Vec<Merged> {
    let mut merged: Vec<Merged> = Vec::new();
    let mut blocks: HashMap<String, BlockIndex> = HashMap::new();
    for i in merge_order(reports) {
        let report = &reports[i];
        let happening = Happening::from_event(&report.event, report.published);
        let index = blocks.entry(happening.blocking_key()).or_default();
        let candidates = index.candidates(rules, &happening);
        let best = dyad_merge::best_match(
            rules,
            &happening,
            candidates.iter().map(|&id| &merged[id].happening),
        )
        .and_then(|k| candidates.get(k).copied());
        match best {
            Some(id) => {
                index.remove(rules, &merged[id].happening, id);
                let target = &mut merged[id];
                dyad_merge::absorb(&mut target.happening, &happening);
                target.reports.push(i);
                index.insert(rules, &merged[id].happening, id);
            }
            None => {
                let id = merged.len();
                index.insert(rules, &happening, id);
                merged.push(Merged {
                    happening,
                    reports: vec![i],
                });
            }
        }
    }
    merged
}

/// A stable id for a merged event: a 63-bit FNV-1a hash of its block and first report.
fn event_id(block: &str, first: &Report) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [block, &first.doc_id, &first.event.id] {
        for b in part.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    (h & (i64::MAX as u64)) as i64
}

fn merged_cells<'a>(reports: &'a [Report], m: &'a Merged) -> Option<Vec<Cell<'a>>> {
    let first = reports.get(*m.reports.first()?)?;
    let e = &first.event;
    let mut members: Vec<&Report> = m.reports.iter().filter_map(|&i| reports.get(i)).collect();
    let statuses: Vec<Status> = members.iter().map(|r| r.event.status).collect();
    let status = dyad_merge::merged_status(statuses).unwrap_or(e.status);
    members.sort_by_key(|r| (r.published.is_none(), r.published));
    let mut documents: Vec<&str> = Vec::new();
    let mut sources: Vec<&str> = Vec::new();
    let mut source_keys: Vec<String> = Vec::new();
    for r in &members {
        if !documents.contains(&r.doc_id.as_str()) {
            documents.push(&r.doc_id);
        }
        if let Some(outlet) = r.outlet.as_deref() {
            if !sources.contains(&outlet) {
                sources.push(outlet);
            }
        }
        let key = r.source_key();
        if !source_keys.contains(&key) {
            source_keys.push(key);
        }
    }
    let first_seen = members.iter().filter_map(|r| r.published).min();
    let last_seen = members.iter().filter_map(|r| r.published).max();
    let block = m.happening.blocking_key();
    let id = event_id(&block, first);
    let location = e.location.as_ref();
    use columns::{code, name, sector, side as join};
    Some(vec![
        Cell::Int(Some(id)),
        Cell::text(e.event.as_str()),
        Cell::opt_text(e.mode.as_deref()),
        Cell::owned(dyad_model::flat::join_list(
            e.contexts.iter().map(String::as_str),
        )),
        Cell::text(&e.cameo),
        Cell::Real(Some(e.goldstein)),
        Cell::Int(Some(i64::from(e.quad_class))),
        Cell::owned(join(&e.actor, code)),
        Cell::owned(join(&e.actor, sector)),
        Cell::owned(join(&e.actor, name)),
        Cell::owned(join(&e.recipient, code)),
        Cell::owned(join(&e.recipient, sector)),
        Cell::owned(join(&e.recipient, name)),
        Cell::Day(m.happening.date),
        Cell::Day(m.happening.date_end),
        Cell::opt_text(columns::precision_str(m.happening.precision)),
        Cell::opt_text(e.date_text.as_deref()),
        Cell::opt_text(location.map(|l| l.name.as_str())),
        Cell::opt_text(location.and_then(|l| l.country.as_deref())),
        Cell::Real(location.and_then(|l| l.lat)),
        Cell::Real(location.and_then(|l| l.lon)),
        Cell::text(status.as_str()),
        Cell::Int(Some(members.len() as i64)),
        Cell::Int(Some(source_keys.len() as i64)),
        Cell::Int(Some(documents.len() as i64)),
        Cell::Day(first_seen),
        Cell::Day(last_seen),
        Cell::owned(dyad_model::flat::join_list(documents.iter().copied())),
        Cell::owned(dyad_model::flat::join_list(sources.iter().copied())),
        Cell::text(&e.trigger.text),
        Cell::text(&e.evidence),
        Cell::owned(block),
        Cell::Day(m.happening.anchor()),
    ])
}

/// Merges the reports of a batch into the store's flat export rows
/// ([`crate::columns::merged_schema`]), one per happening, in creation order.
pub fn merge_batch(rules: &MergeRules, batch: &RecordBatch) -> Result<RecordBatch, BindingError> {
    merged_batch(rules, &reports_from_batch(batch)?)
}

/// Merges reports into the store's flat export rows, one per happening.
pub fn merged_batch(rules: &MergeRules, reports: &[Report]) -> Result<RecordBatch, BindingError> {
    let reports = reports.to_vec();
    let merged = merge(rules, &reports);
    let mut out = Columns::new(&merged_columns());
    for m in &merged {
        if let Some(row) = merged_cells(&reports, m) {
            out.push(row)?;
        }
    }
    Ok(RecordBatch::try_new(
        columns::merged_schema(),
        out.finish(),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::Int64Array;
    use dyad_model::testing::{self, date, EventFixture};
    use dyad_model::EventType;

    /// A report's event: one government actor on each side, met on `day`.
    fn event(kind: EventType, actor: &str, recipient: &str, day: &str) -> Event {
        testing::event(kind, &[actor], &[recipient])
            .with_id("d-ev1")
            .on(day)
            .with_evidence("Kim met Putin.")
    }

    fn report(doc: &str, outlet: Option<&str>, published: &str, event: Event) -> Report {
        Report {
            doc_id: doc.into(),
            ordinal: 0,
            published: Some(date(published)),
            outlet: outlet.map(str::to_string),
            event,
        }
    }

    #[test]
    fn reports_of_one_happening_merge_and_others_do_not() {
        let rules = MergeRules::default();
        let reports = vec![
            // Out of order on purpose: merging follows publication order.
            report(
                "c",
                Some("ap"),
                "2024-06-22",
                event(EventType::Consult, "PRK", "RUS", "2024-06-20"),
            ),
            report(
                "a",
                Some("reuters"),
                "2024-06-20",
                event(EventType::Consult, "RUS", "PRK", "2024-06-19"),
            ),
            report(
                "b",
                Some("reuters"),
                "2024-06-21",
                event(EventType::Consult, "RUS", "PRK", "2024-06-19"),
            ),
            // Same dyad, a week later: another meeting.
            report(
                "d",
                None,
                "2024-06-28",
                event(EventType::Consult, "RUS", "PRK", "2024-06-27"),
            ),
            // A directed type in the other direction: not the same happening.
            report(
                "e",
                None,
                "2024-06-20",
                event(EventType::Assault, "UKR", "RUS", "2024-06-19"),
            ),
            report(
                "f",
                None,
                "2024-06-20",
                event(EventType::Assault, "RUS", "UKR", "2024-06-19"),
            ),
        ];
        let merged = merge(&rules, &reports);
        let groups: Vec<Vec<&str>> = merged
            .iter()
            .map(|m| {
                m.reports
                    .iter()
                    .map(|&i| reports[i].doc_id.as_str())
                    .collect()
            })
            .collect();
        assert_eq!(
            groups,
            vec![vec!["a", "b", "c"], vec!["e"], vec!["f"], vec!["d"]]
        );
    }

    #[test]
    fn merged_rows_carry_the_store_counts() {
        let rules = MergeRules::default();
        let reports = vec![
            report(
                "a",
                Some("reuters"),
                "2024-06-20",
                event(EventType::Consult, "RUS", "PRK", "2024-06-19"),
            ),
            report(
                "b",
                Some("reuters"),
                "2024-06-21",
                event(EventType::Consult, "RUS", "PRK", "2024-06-19"),
            ),
            report(
                "c",
                None,
                "2024-06-22",
                event(EventType::Consult, "PRK", "RUS", "2024-06-20"),
            ),
        ];
        let mut columns = Columns::new(&crate::columns::report_columns());
        let docs: Vec<dyad_model::Document> = reports
            .iter()
            .map(|r| dyad_model::Document {
                id: r.doc_id.clone(),
                published: r.published,
                source: r.outlet.clone(),
                ..Default::default()
            })
            .collect();
        for (r, d) in reports.iter().zip(&docs) {
            columns
                .push(crate::columns::report_cells(d, 0, &r.event).unwrap())
                .unwrap();
        }
        let batch =
            RecordBatch::try_new(crate::columns::report_schema(), columns.finish()).unwrap();
        assert_eq!(reports_from_batch(&batch).unwrap(), reports);
        let out = merge_batch(&rules, &batch).unwrap();
        assert_eq!(out.num_rows(), 1);
        let int = |name: &str| {
            out.column_by_name(name)
                .unwrap()
                .as_any()
                .downcast_ref::<Int64Array>()
                .unwrap()
                .value(0)
        };
        assert_eq!(int("num_mentions"), 3);
        assert_eq!(int("num_articles"), 3);
        // reuters, and the third document (no outlet) counts as its own source.
        assert_eq!(int("num_sources"), 2);
        assert!(int("event_id") >= 0);
        let text = |name: &str| {
            out.column_by_name(name)
                .unwrap()
                .as_any()
                .downcast_ref::<StringArray>()
                .unwrap()
                .value(0)
                .to_string()
        };
        assert_eq!(text("documents"), "a|b|c");
        assert_eq!(text("sources"), "reuters");
        assert_eq!(text("block"), "CONSULT|actual|PRK|RUS");
        assert_eq!(out.schema(), crate::columns::merged_schema());
    }

    #[test]
    fn a_batch_without_the_columns_is_an_error() {
        let batch = RecordBatch::new_empty(crate::columns::merged_schema());
        assert!(matches!(
            merge_batch(&MergeRules::default(), &batch),
            Err(BindingError::Column(_))
        ));
    }
}
