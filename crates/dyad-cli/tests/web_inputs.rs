//! End-to-end tests of `dyad extract` over web inputs built by the tests themselves: a
//! gzipped WARC (one member per record) with pages, errors and non-HTML responses; feeds;
//! non-English documents; syndicated near-duplicates; malformed inputs.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the dyad binary runs")
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).expect("in-memory write");
    enc.finish().expect("in-memory write")
}

fn record(kind: &str, headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = format!("WARC/1.1\r\nWARC-Type: {kind}\r\n").into_bytes();
    for (name, value) in headers {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn response(uri: &str, id: &str, status: &str, content_type: &str, body: &str) -> Vec<u8> {
    let block = format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n{body}");
    record(
        "response",
        &[
            ("WARC-Target-URI", uri),
            ("WARC-Date", "2024-12-02T08:30:00Z"),
            ("WARC-Record-ID", &format!("<urn:uuid:{id}>")),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        block.as_bytes(),
    )
}

const WIRE: &str = "Russian Defence Minister Andrei Belousov arrived in Pyongyang on Friday for talks with North Korean leader Kim Jong Un, state media reported, as the two countries deepen military ties.</p><p>Belousov was greeted at the airport by his North Korean counterpart, the official news agency said. The visit follows the signing of a mutual defence treaty in June, which took effect this month after both countries ratified it.";

fn page(title: &str, paragraphs: &str) -> String {
    format!(
        "<!doctype html><html><head><title>{title}</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>{title}</h1><p>{paragraphs}</p></article><footer>Copyright News Corp</footer></body></html>"
    )
}

fn write_archive(path: &Path) {
    let french = "Le ministre russe de la Défense est arrivé vendredi à Pyongyang pour des entretiens avec le dirigeant nord-coréen, a rapporté la presse d'État, alors que les deux pays renforcent leur coopération militaire.";
    let other = "Egypt hosted talks between the rival Sudanese factions in Cairo on Sunday, the foreign ministry said, as mediators pressed both sides to agree to a ceasefire and open humanitarian corridors.";
    let records = [
        record(
            "warcinfo",
            &[("Content-Type", "application/warc-fields")],
            b"software: dyad-test\r\n",
        ),
        record(
            "request",
            &[("WARC-Target-URI", "https://a.example/1")],
            b"GET /1 HTTP/1.1\r\n\r\n",
        ),
        response(
            "https://a.example/1",
            "1",
            "200 OK",
            "text/html; charset=utf-8",
            &page("Belousov visits Pyongyang", WIRE),
        ),
        response(
            "https://b.example/copy",
            "2",
            "200 OK",
            "text/html",
            &page(
                "Russian minister in North Korea",
                &format!("{WIRE}</p><p>The Kremlin said talks would also cover trade."),
            ),
        ),
        response(
            "https://a.example/gone",
            "3",
            "404 Not Found",
            "text/html",
            "<p>gone</p>",
        ),
        response(
            "https://a.example/r.pdf",
            "4",
            "200 OK",
            "application/pdf",
            "%PDF-1.7",
        ),
        response(
            "https://fr.example/1",
            "5",
            "200 OK",
            "text/html",
            &page("Visite", french),
        ),
        response(
            "https://c.example/sudan",
            "6",
            "200 OK",
            "text/html",
            &page("Sudan talks", other),
        ),
    ];
    let bytes: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn warc_gz_is_read_with_counts_languages_and_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    write_archive(&path);
    let out = run(dyad().arg("extract").arg(&path));
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = json_lines(&out);
    let ids: Vec<&str> = lines
        .iter()
        .map(|l| l["doc"]["id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(ids, ["urn:uuid:1", "urn:uuid:2", "urn:uuid:6"]);
    assert_eq!(lines[0]["doc"]["url"], "https://a.example/1");
    assert_eq!(lines[0]["doc"]["language"], "en");
    assert!(lines[0]["doc"].get("duplicate_of").is_none());
    assert_eq!(lines[1]["doc"]["duplicate_of"], "urn:uuid:1");
    assert!(lines[2]["doc"].get("duplicate_of").is_none());
    let err = stderr(&out);
    assert!(err.contains("3 documents read, 0 failed, "), "{err}");
    assert!(
        err.contains(
            "; skipped: 1 language, 1 non-html, 1 http-error, 2 not-response; 1 near-duplicates"
        ),
        "{err}"
    );

    let out = run(dyad().args(["extract", "--any-language", "-v"]).arg(&path));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json_lines(&out).len(), 4);
    let err = stderr(&out);
    assert!(
        err.contains("crawl.warc.gz:5: skipped (http-error): HTTP 404 https://a.example/gone"),
        "{err}"
    );
    assert!(
        err.contains("skipped: 1 non-html, 1 http-error, 2 not-response"),
        "{err}"
    );
}

#[test]
fn truncated_warc_reports_the_record_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    write_archive(&path);
    let bytes = std::fs::read(&path).unwrap();
    let cut = dir.path().join("cut.warc.gz");
    std::fs::write(&cut, &bytes[..bytes.len() - 150]).unwrap();
    let out = run(dyad().arg("extract").arg(&cut));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("cut.warc.gz:8: "), "{err}");
    assert!(err.contains("2 documents read, 1 failed"), "{err}");
}

#[test]
fn feeds_and_malformed_inputs_in_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("a.rss"),
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title>\
             <item><title>Talks</title><link>https://w.example/1</link><guid>w1</guid>\
             <pubDate>Fri, 29 Nov 2024 09:00:00 GMT</pubDate>\
             <description><![CDATA[<p>{WIRE}</p>]]></description></item></channel></rss>"
        ),
    )
    .unwrap();
    // Invalid UTF-8, unclosed tags, a truncated gzip and a broken feed.
    std::fs::write(
        root.join("b.html"),
        b"<html><body><p>Kim met \xff\xfe Belousov in Pyongyang on Friday.<div><span>",
    )
    .unwrap();
    let packed = gzip(&b"Kim met Belousov in Pyongyang on Friday. ".repeat(3000));
    std::fs::write(root.join("c.txt.gz"), &packed[..packed.len() / 2]).unwrap();
    std::fs::write(root.join("d.xml"), "<rss><channel><item>").unwrap();
    let out = run(dyad().arg("extract").arg(root));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2, "{}", stderr(&out));
    assert_eq!(lines[0]["doc"]["id"], "w1");
    assert_eq!(lines[0]["doc"]["source"], "Wire");
    assert_eq!(lines[0]["doc"]["published"], "2024-11-29");
    let text = lines[1]["doc"]["text"].as_str().unwrap_or_default();
    assert!(text.contains("Belousov in Pyongyang"), "{text}");
    let err = stderr(&out);
    assert!(
        err.contains("c.txt.gz: truncated or corrupt gzip data"),
        "{err}"
    );
    assert!(err.contains("d.xml"), "{err}");
    assert!(err.contains("2 documents read, 2 failed"), "{err}");
}

#[test]
fn fifty_megabyte_single_line_page_is_skipped_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.html");
    let mut page = b"<html><body><p>".to_vec();
    page.resize(50 * 1024 * 1024, b'a');
    std::fs::write(&path, page).unwrap();
    let out = run(dyad().arg("extract").arg(&path));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(json_lines(&out).is_empty());
    let err = stderr(&out);
    assert!(
        err.contains("huge.html: skipped (too-large): page is larger than the limit of 16 MiB"),
        "{err}"
    );
    assert!(err.contains("skipped: 1 too-large"), "{err}");
}

#[test]
fn utf16_and_windows_1252_text_files_are_read_and_coded() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Russia and China signed a trade agreement in Moscow on Monday, the Kremlin said.";
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let accented =
        "José Martínez, the mayor of São Paulo, met Chinese officials in Beijing on Monday.";
    let cp1252: Vec<u8> = accented
        .chars()
        .map(|c| match c {
            'é' => 0xe9,
            'í' => 0xed,
            'ã' => 0xe3,
            c => c as u8,
        })
        .collect();
    for (name, bytes, expected) in [("utf16.txt", utf16, text), ("latin.txt", cp1252, accented)] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = run(dyad()
            .args(["extract", "--published", "2025-01-08"])
            .arg(&path));
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let lines = json_lines(&out);
        assert_eq!(lines[0]["doc"]["text"], expected, "{name}");
        if name == "utf16.txt" {
            let events = lines[0]["events"].as_array().unwrap();
            assert!(!events.is_empty(), "{name}: {}", lines[0]);
        }
    }
}
