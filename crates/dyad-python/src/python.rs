//! The PyO3 module `dyad`: extraction from strings, HTML, in-memory inputs and streamed
//! files into Python objects, contract JSON lines or pyarrow record batches; the Arrow
//! schemas; and the store's merge rule over a batch of reports. Heavy work runs with the
//! GIL released; streamed inputs are read and extracted on a Rust thread, one batch ahead.

use std::fs::File;
use std::io::{BufReader, Read};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex, OnceLock};

use arrow_array::RecordBatch;
use arrow_pyarrow::{FromPyArrow, Table, ToPyArrow};
use dyad_core::Pipeline;
use dyad_merge::MergeRules;
use dyad_model::{Date, Extraction};
use pyo3::exceptions::{PyIOError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

use crate::columns;
use crate::extract::{self as reading, Extracted, Options, Stats};
use crate::merge;
use crate::BindingError;

static PIPELINE: OnceLock<Arc<Pipeline>> = OnceLock::new();

fn pipeline(py: Python<'_>) -> PyResult<Arc<Pipeline>> {
    if let Some(p) = PIPELINE.get() {
        return Ok(p.clone());
    }
    let built = py
        .detach(Pipeline::embedded)
        .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    Ok(PIPELINE.get_or_init(|| Arc::new(built)).clone())
}

fn binding_err(e: BindingError) -> PyErr {
    PyValueError::new_err(e.to_string())
}

fn parse_date(text: Option<&str>) -> PyResult<Option<Date>> {
    text.map(|t| {
        t.trim()
            .parse::<Date>()
            .map_err(|e| PyValueError::new_err(format!("date {t:?}: {e}")))
    })
    .transpose()
}

fn options(published: Option<&str>, any_language: bool) -> PyResult<Options> {
    Ok(Options {
        published: parse_date(published)?,
        any_language,
    })
}

/// A serde value as Python objects (dicts, lists, str, int, float, bool, None).
fn to_python<'py>(py: Python<'py>, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_python(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_python(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

fn extraction_to_python<'py>(py: Python<'py>, x: &Extraction) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(x).map_err(|e| PyValueError::new_err(e.to_string()))?;
    to_python(py, &value)
}

fn json_line(x: &Extraction) -> PyResult<String> {
    serde_json::to_string(x).map_err(|e| PyValueError::new_err(e.to_string()))
}

fn stats_to_python<'py>(py: Python<'py>, stats: &Stats) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("documents", stats.documents)?;
    dict.set_item("events", stats.events)?;
    dict.set_item("failed", stats.failed)?;
    dict.set_item("duplicates", stats.duplicates)?;
    let skipped = PyDict::new(py);
    for (reason, n) in &stats.skipped {
        skipped.set_item(*reason, n)?;
    }
    dict.set_item("skipped", skipped)?;
    dict.set_item("errors", stats.errors.clone())?;
    Ok(dict)
}

/// Metadata a caller gives for one document, overriding what the reader found.
struct Overrides {
    id: Option<String>,
    url: Option<String>,
    title: Option<String>,
    published: Option<Date>,
    source: Option<String>,
}

/// One document read by `reader_name` (`doc.txt`, `page.html`), with overrides.
fn extract_one(
    py: Python<'_>,
    reader_name: &str,
    bytes: &[u8],
    given: Overrides,
) -> PyResult<Extraction> {
    let pipeline = pipeline(py)?;
    py.detach(|| {
        let mut doc = match dyad_ingest::read(reader_name, bytes).next() {
            Some(Ok(doc)) => doc,
            Some(Err(e)) => return Err(e.to_string()),
            None => return Err(format!("{reader_name}: no document")),
        };
        if let Some(id) = given.id.or_else(|| given.url.clone()) {
            doc.id = id;
        }
        doc.url = given.url.or(doc.url);
        doc.title = given.title.or(doc.title);
        doc.source = given.source.or(doc.source);
        doc.published = given.published.or(doc.published);
        Ok(pipeline.extract(doc))
    })
    .map_err(PyValueError::new_err)
}

/// Extracts one plain-text document (the first non-empty line may be a title, as for a
/// `.txt` file). Returns the contract's JSON object as a dict.
#[pyfunction]
#[pyo3(signature = (text, *, id=None, published=None, title=None, url=None, source=None))]
fn extract<'py>(
    py: Python<'py>,
    text: &str,
    id: Option<String>,
    published: Option<&str>,
    title: Option<String>,
    url: Option<String>,
    source: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let id = id.or_else(|| Some("doc".to_string()));
    let given = Overrides {
        id,
        url,
        title,
        published: parse_date(published)?,
        source,
    };
    let x = extract_one(py, "doc.txt", text.as_bytes(), given)?;
    extraction_to_python(py, &x)
}

/// Extracts one web page (article body only, boilerplate dropped). Returns a dict.
#[pyfunction]
#[pyo3(signature = (html, *, id=None, url=None, published=None, source=None))]
fn extract_html<'py>(
    py: Python<'py>,
    html: &Bound<'py, PyAny>,
    id: Option<String>,
    url: Option<String>,
    published: Option<&str>,
    source: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let bytes: Vec<u8> = match html.extract::<String>() {
        Ok(s) => s.into_bytes(),
        Err(_) => html.extract::<Vec<u8>>()?,
    };
    let given = Overrides {
        id,
        url,
        title: None,
        published: parse_date(published)?,
        source,
    };
    let x = extract_one(py, "page.html", &bytes, given)?;
    extraction_to_python(py, &x)
}

fn extract_all(
    py: Python<'_>,
    data: &[u8],
    name: &str,
    published: Option<&str>,
    any_language: bool,
) -> PyResult<(Vec<Extracted>, Stats)> {
    let options = options(published, any_language)?;
    let pipeline = pipeline(py)?;
    Ok(py.detach(|| reading::extract_bytes(&pipeline, name, data, &options)))
}

/// Extracts every document of an in-memory input (`.txt`, `.html`, `.jsonl`, `.warc`,
/// feeds; gzip or not; `name` helps detection). Returns a list of dicts. Records that
/// cannot be read are skipped; `extract_stream(...).stats()` reports them.
#[pyfunction]
#[pyo3(signature = (data, name="-", *, published=None, any_language=false))]
fn extract_records<'py>(
    py: Python<'py>,
    data: &[u8],
    name: &str,
    published: Option<&str>,
    any_language: bool,
) -> PyResult<Bound<'py, PyList>> {
    let (docs, _) = extract_all(py, data, name, published, any_language)?;
    let list = PyList::empty(py);
    for d in &docs {
        list.append(extraction_to_python(py, &d.extraction)?)?;
    }
    Ok(list)
}

/// Like `extract_records`, as contract JSON lines (exactly `dyad extract`'s output).
#[pyfunction]
#[pyo3(signature = (data, name="-", *, published=None, any_language=false))]
fn extract_json(
    py: Python<'_>,
    data: &[u8],
    name: &str,
    published: Option<&str>,
    any_language: bool,
) -> PyResult<Vec<String>> {
    let (docs, _) = extract_all(py, data, name, published, any_language)?;
    docs.iter().map(|d| json_line(&d.extraction)).collect()
}

/// Like `extract_records`, as one pyarrow RecordBatch of `documents_schema()` (events
/// nested in the `events` column).
#[pyfunction]
#[pyo3(signature = (data, name="-", *, published=None, any_language=false))]
fn extract_arrow<'py>(
    py: Python<'py>,
    data: &[u8],
    name: &str,
    published: Option<&str>,
    any_language: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let (docs, _) = extract_all(py, data, name, published, any_language)?;
    let batch = py
        .detach(|| columns::documents_batch(&docs))
        .map_err(binding_err)?;
    batch.to_pyarrow(py)
}

/// Reads a Python file-like object (anything with `read(n) -> bytes`).
struct PyReader {
    file: Py<PyAny>,
}

impl Read for PyReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        Python::attach(|py| {
            let chunk = self
                .file
                .bind(py)
                .call_method1("read", (buf.len(),))
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            let bytes = chunk
                .cast::<PyBytes>()
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            let data = bytes.as_bytes();
            let n = data.len().min(buf.len());
            buf[..n].copy_from_slice(&data[..n]);
            Ok(n)
        })
    }
}

/// What a stream yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Output {
    Arrow,
    Dict,
    Json,
}

enum Message {
    Batch(Vec<Extracted>),
    Done(Stats),
}

/// An iterator over the documents of one input, read and extracted on a Rust thread:
/// pyarrow RecordBatches of up to `batch_size` documents (`output="arrow"`), or one dict
/// (`"dict"`) or contract JSON line (`"json"`) per document. `stats()` gives the counts
/// (documents, events, failed, duplicates, skipped by reason, errors) once it is done.
#[pyclass(module = "dyad")]
struct ExtractionStream {
    /// Taken while a call waits on it (with the GIL released).
    receiver: Mutex<Option<Receiver<Message>>>,
    output: Output,
    pending: Mutex<std::collections::VecDeque<Extracted>>,
    stats: Mutex<Option<Stats>>,
}

#[pymethods]
impl ExtractionStream {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        loop {
            if self.output != Output::Arrow {
                let next = self
                    .pending
                    .lock()
                    .map_err(|_| PyRuntimeError::new_err("poisoned"))?
                    .pop_front();
                if let Some(d) = next {
                    return Ok(Some(match self.output {
                        Output::Json => json_line(&d.extraction)?.into_pyobject(py)?.into_any(),
                        _ => extraction_to_python(py, &d.extraction)?,
                    }));
                }
            }
            let Some(receiver) = self
                .receiver
                .lock()
                .map_err(|_| PyRuntimeError::new_err("poisoned"))?
                .take()
            else {
                return Ok(None);
            };
            let (message, receiver) = py.detach(move || (receiver.recv().ok(), receiver));
            if message.is_some() {
                *self
                    .receiver
                    .lock()
                    .map_err(|_| PyRuntimeError::new_err("poisoned"))? = Some(receiver);
            }
            match message {
                Some(Message::Batch(docs)) => {
                    if self.output == Output::Arrow {
                        let batch = py
                            .detach(|| columns::documents_batch(&docs))
                            .map_err(binding_err)?;
                        return Ok(Some(batch.to_pyarrow(py)?));
                    }
                    self.pending
                        .lock()
                        .map_err(|_| PyRuntimeError::new_err("poisoned"))?
                        .extend(docs);
                }
                Some(Message::Done(stats)) => {
                    *self
                        .stats
                        .lock()
                        .map_err(|_| PyRuntimeError::new_err("poisoned"))? = Some(stats);
                }
                None => return Ok(None),
            }
        }
    }

    /// The counts of the read (`None` until the stream is exhausted).
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let stats = self
            .stats
            .lock()
            .map_err(|_| PyRuntimeError::new_err("poisoned"))?;
        stats.as_ref().map(|s| stats_to_python(py, s)).transpose()
    }
}

/// Streams the documents of one input: `source` is a local path (str), bytes, or a
/// binary file-like object (e.g. `pyarrow.fs` or `fsspec` streams for S3/HDFS/HTTP).
/// `name` (default: the path) is used for format detection and messages.
#[pyfunction]
#[pyo3(signature = (source, name=None, *, published=None, any_language=false, batch_size=256, output="arrow"))]
fn extract_stream(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    name: Option<String>,
    published: Option<&str>,
    any_language: bool,
    batch_size: usize,
    output: &str,
) -> PyResult<ExtractionStream> {
    let output = match output {
        "arrow" => Output::Arrow,
        "dict" => Output::Dict,
        "json" => Output::Json,
        other => {
            return Err(PyValueError::new_err(format!(
                "output {other:?}: use \"arrow\", \"dict\" or \"json\""
            )))
        }
    };
    let options = options(published, any_language)?;
    let pipeline = pipeline(py)?;
    let batch_size = batch_size.max(1);
    let (input, name): (Box<dyn Read + Send>, String) = if let Ok(path) = source.extract::<String>()
    {
        let file = File::open(&path).map_err(|e| PyIOError::new_err(format!("{path}: {e}")))?;
        let name = name.unwrap_or(path);
        (Box::new(file), name)
    } else if let Ok(bytes) = source.cast::<PyBytes>() {
        (
            Box::new(std::io::Cursor::new(bytes.as_bytes().to_vec())),
            name.unwrap_or_else(|| "-".into()),
        )
    } else if source.hasattr("read")? {
        (
            Box::new(PyReader {
                file: source.clone().unbind(),
            }),
            name.unwrap_or_else(|| "-".into()),
        )
    } else {
        return Err(PyValueError::new_err(
            "source: a path, bytes, or a binary file-like object",
        ));
    };
    let (sender, receiver) = sync_channel::<Message>(1);
    std::thread::Builder::new()
        .name("dyad-extract".into())
        .spawn(move || {
            let reader = BufReader::with_capacity(256 * 1024, input);
            let mut batch = Vec::with_capacity(batch_size);
            let mut open = true;
            let stats = reading::extract_input(&pipeline, &name, Box::new(reader), &options, |d| {
                batch.push(d);
                if batch.len() >= batch_size {
                    open = sender
                        .send(Message::Batch(std::mem::take(&mut batch)))
                        .is_ok();
                }
                open
            });
            if open && !batch.is_empty() {
                open = sender.send(Message::Batch(batch)).is_ok();
            }
            if open {
                let _ = sender.send(Message::Done(stats));
            }
        })
        .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    Ok(ExtractionStream {
        receiver: Mutex::new(Some(receiver)),
        output,
        pending: Mutex::new(Default::default()),
        stats: Mutex::new(None),
    })
}

/// Merges reports (rows of `reports_schema()`: a pyarrow RecordBatch or Table, e.g. one
/// block of a Spark `groupBy("block").applyInArrow`) with the store's rule. Returns a
/// RecordBatch of `merged_schema()`: the store's flat export columns.
#[pyfunction]
#[pyo3(signature = (reports, *, day_window=2, undated_window=3))]
fn merge_reports<'py>(
    py: Python<'py>,
    reports: &Bound<'py, PyAny>,
    day_window: i64,
    undated_window: i64,
) -> PyResult<Bound<'py, PyAny>> {
    let batches: Vec<RecordBatch> = match RecordBatch::from_pyarrow_bound(reports) {
        Ok(batch) => vec![batch],
        Err(_) => Table::from_pyarrow_bound(reports)?.into_inner().0,
    };
    let rules = MergeRules {
        day_window,
        undated_window,
    };
    let out = py
        .detach(|| {
            let mut all = Vec::new();
            for batch in &batches {
                all.extend(merge::reports_from_batch(batch)?);
            }
            merge::merged_batch(&rules, &all)
        })
        .map_err(binding_err)?;
    out.to_pyarrow(py)
}

/// The pyarrow schema of document batches (events nested in `events`).
#[pyfunction]
fn documents_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    columns::document_schema().as_ref().to_pyarrow(py)
}

/// The pyarrow schema of report rows (one event of one document).
#[pyfunction]
fn reports_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    columns::report_schema().as_ref().to_pyarrow(py)
}

/// The pyarrow schema of merged events (the store's flat export, plus `block`, `anchor`).
#[pyfunction]
fn merged_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    columns::merged_schema().as_ref().to_pyarrow(py)
}

#[pymodule]
fn dyad(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_html, m)?)?;
    m.add_function(wrap_pyfunction!(extract_records, m)?)?;
    m.add_function(wrap_pyfunction!(extract_json, m)?)?;
    m.add_function(wrap_pyfunction!(extract_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(extract_stream, m)?)?;
    m.add_function(wrap_pyfunction!(merge_reports, m)?)?;
    m.add_function(wrap_pyfunction!(documents_schema, m)?)?;
    m.add_function(wrap_pyfunction!(reports_schema, m)?)?;
    m.add_function(wrap_pyfunction!(merged_schema, m)?)?;
    m.add_class::<ExtractionStream>()?;
    Ok(())
}
