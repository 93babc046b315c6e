//! Pathological inputs for the readers, each bounded in time and memory and answered with
//! a clear message naming the input and, where it applies, the line or record:
//! 100 MB single-line documents, 10,000-deep nesting in every markup format, gzip bombs
//! (whole-input and inside WARC records), invalid UTF-8 and mixed encodings, NUL bytes,
//! and large JSONL files with broken lines among good ones. (The 16 MiB page limit on HTML
//! and the 50 MB lines are in `src/stream.rs`; 50,000-deep `<div>`s in `src/html/mod.rs`.)
//!
//! Each test runs in a few seconds in a debug build; the million-line run is `#[ignore]`d
//! (`cargo test --release -p dyad-ingest -- --ignored`).

use std::io::Write;
use std::time::{Duration, Instant};

use dyad_ingest::{stream, stream_with, Entry, IngestError, Limits, SkipReason, SourceDocument};

fn entries(name: &str, bytes: &[u8]) -> Vec<Result<Entry, IngestError>> {
    stream(name, Box::new(bytes)).collect()
}

fn documents(items: &[Result<Entry, IngestError>]) -> Vec<&SourceDocument> {
    items
        .iter()
        .filter_map(|i| match i {
            Ok(Entry::Document(d)) => Some(d),
            _ => None,
        })
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).expect("in-memory write");
    enc.finish().expect("in-memory write")
}

/// Runs `f` and prints how long it took, naming the case and the time a release build is
/// expected to stay well under. Speed is not asserted here (timed tests fail on loaded
/// machines, not on slow code): a reader that loops or reads a bomb whole does not finish,
/// and the figures are in docs/fuzzing.md.
fn timed<T>(case: &str, expected: Duration, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    eprintln!(
        "{case}: {:?} (expected well under {expected:?})",
        started.elapsed()
    );
    out
}

/// A gzip stream that decompresses to `members` × 8 MiB of zeros (~8 KiB per member).
fn gzip_bomb(members: usize) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(&vec![0u8; 8 * 1024 * 1024])
        .expect("in-memory write");
    let member = enc.finish().expect("in-memory write");
    member.repeat(members)
}

#[test]
fn hundred_megabyte_single_line_text_is_skipped_by_name_and_the_stream_goes_on() {
    let mut text = b"Kim met Belousov ".to_vec();
    text.resize(100 * 1024 * 1024, b'a');
    let items = timed("100 MB text", Duration::from_secs(20), || {
        entries("huge.txt", &text)
    });
    match &items[..] {
        [Ok(Entry::Skipped(s))] => {
            assert_eq!(s.reason, SkipReason::TooLarge);
            assert!(
                s.to_string().starts_with(
                    "huge.txt: skipped (too-large): page is larger than the limit of 16 MiB"
                ),
                "{s}"
            );
        }
        other => panic!("{:?}", other.iter().map(|i| i.is_ok()).collect::<Vec<_>>()),
    }
    drop(items);

    // The same line in JSONL between two good lines: the line is named, both others read.
    let mut jsonl = b"{\"id\": \"first\", \"text\": \"Kim met Belousov.\"}\n{\"text\": \"".to_vec();
    jsonl.resize(100 * 1024 * 1024, b'a');
    jsonl.extend_from_slice(b"\"}\n{\"id\": \"last\", \"text\": \"Iran accused Israel.\"}\n");
    let items = timed("100 MB JSONL line", Duration::from_secs(20), || {
        entries("huge.jsonl", &jsonl)
    });
    assert_eq!(items.len(), 3);
    match &items[1] {
        Ok(Entry::Skipped(s)) => {
            assert_eq!((s.reason, s.record), (SkipReason::TooLarge, Some(2)));
            assert!(
                s.to_string()
                    .starts_with("huge.jsonl:2: skipped (too-large): line is longer than"),
                "{s}"
            );
        }
        other => panic!("{:?}", other.as_ref().map(|_| ())),
    }
    let ids: Vec<_> = documents(&items).iter().map(|d| d.id.clone()).collect();
    assert_eq!(ids, ["first", "last"]);
}

#[test]
fn ten_thousand_deep_nesting_in_every_markup_format() {
    let depth = 10_000;
    let cases: Vec<(&str, String)> = vec![
        (
            "divs.html",
            format!("<html><body>{}<p>Kim met Belousov in Pyongyang on Friday.</p></body></html>", "<div>".repeat(depth)),
        ),
        (
            "mixed.html",
            format!(
                "<html><body>{}Kim met Belousov in Pyongyang on Friday.{}</body></html>",
                "<span><b><i><a href=x><font>".repeat(depth / 5),
                "</font></a></i></b></span>".repeat(depth / 5)
            ),
        ),
        (
            "tables.html",
            format!("<html><body>{}Kim met Belousov.</body></html>", "<table><tr><td>".repeat(depth / 3)),
        ),
        ("lists.html", format!("<ul>{}Kim met Belousov.", "<li><ul>".repeat(depth / 2))),
        (
            "feed.xml",
            format!(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>T</title><description>{}x{}</description></item></channel></rss>",
                "<a>".repeat(depth),
                "</a>".repeat(depth)
            ),
        ),
        (
            "elements.xml",
            format!("<?xml version=\"1.0\"?><rss><channel>{}", "<item>".repeat(depth)),
        ),
        (
            "deep.jsonl",
            format!(
                "{{\"id\": \"deep\", \"text\": {}\"x\"{}}}\n{{\"id\": \"ok\", \"text\": \"Kim met Belousov.\"}}\n",
                "[".repeat(depth),
                "]".repeat(depth)
            ),
        ),
    ];
    for (name, input) in &cases {
        let items = timed(name, Duration::from_secs(20), || {
            entries(name, input.as_bytes())
        });
        assert!(!items.is_empty(), "{name}: nothing read");
        for item in &items {
            if let Err(e) = item {
                assert!(e.to_string().starts_with(name), "{name}: {e}");
            }
        }
        let read: Vec<_> = timed(name, Duration::from_secs(20), || {
            dyad_ingest::read(name, input.as_bytes()).collect()
        });
        assert!(
            !read.is_empty() || name.ends_with(".xml"),
            "{name}: {items:?}"
        );
    }
    // Deep JSON in a line is that line's error, and the next line is read.
    let items = entries("deep.jsonl", cases[6].1.as_bytes());
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap_err().record, Some(1));
    assert_eq!(documents(&items)[0].id, "ok");
    // The deep pages keep their text.
    let items = entries("divs.html", cases[0].1.as_bytes());
    assert!(documents(&items)[0].text.contains("Kim met Belousov"));
}

#[test]
fn gzip_bombs_are_capped_with_a_clear_error() {
    // 1 GiB of zeros in ~1 MB.
    let bomb = gzip_bomb(128);
    assert!(bomb.len() < 4 * 1024 * 1024, "{}", bomb.len());
    // Streaming: the page limit stops the read.
    let items = timed("streamed bomb", Duration::from_secs(20), || {
        entries("bomb.txt.gz", &bomb)
    });
    match &items[..] {
        [Ok(Entry::Skipped(s))] => {
            assert_eq!(s.reason, SkipReason::TooLarge);
            assert!(
                s.to_string()
                    .starts_with("bomb.txt.gz: skipped (too-large)"),
                "{s}"
            );
        }
        other => panic!("{:?}", other.iter().map(|i| i.is_ok()).collect::<Vec<_>>()),
    }
    // In memory: the decompression cap.
    let err = dyad_ingest::gzip::decompress(&bomb, 1024 * 1024).unwrap_err();
    assert_eq!(
        err.to_string(),
        "gzip data decompresses to more than 1048576 bytes; refusing to read it"
    );
    // A bomb as a JSONL file: zeros and no line break. Passing over the over-long line
    // would mean decompressing all of it; reading gives up at 16 times the line limit,
    // naming the line (1 MiB lines here, to keep the debug build fast).
    let limits = Limits {
        page_bytes: 1024 * 1024,
        ..Limits::default()
    };
    let items: Vec<_> = timed("jsonl bomb", Duration::from_secs(20), || {
        stream_with("bomb.jsonl.gz", Box::new(&bomb[..]), limits).collect()
    });
    match &items[..] {
        [Err(e)] => assert_eq!(
            e.to_string(),
            "bomb.jsonl.gz:1: a line runs on past 16 MiB without a line break; the rest of the input is not read"
        ),
        other => panic!("{other:?}"),
    }
    // The same without gzip: a WARC whose header line never ends.
    let endless = [
        b"WARC/1.1\r\nWARC-Type: response\r\nX: ".to_vec(),
        vec![b'a'; 8 << 20],
    ]
    .concat();
    let items = timed("endless WARC header", Duration::from_secs(20), || {
        entries("endless.warc", &endless)
    });
    let last = items.last().unwrap().as_ref().unwrap_err();
    assert!(last.to_string().starts_with("endless.warc:1: "), "{last}");
}

/// A WARC response record with `body` and extra HTTP headers.
fn warc_response(body: &[u8], http_headers: &str) -> Vec<u8> {
    let mut block =
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n{http_headers}\r\n").into_bytes();
    block.extend_from_slice(body);
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.invalid/a\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(&block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

#[test]
fn gzip_bomb_inside_a_warc_record_is_skipped_and_the_next_record_read() {
    let bomb = gzip_bomb(64); // 512 MiB
    let page = b"<html><body><p>Russian Defence Minister Andrei Belousov arrived in Pyongyang on Friday for talks with North Korean leader Kim Jong Un, state media reported.</p></body></html>";
    let mut warc = warc_response(&bomb, "Content-Encoding: gzip\r\n");
    warc.extend(warc_response(page, ""));
    let items = timed("WARC bomb", Duration::from_secs(20), || {
        entries("crawl.warc", &warc)
    });
    assert_eq!(items.len(), 2, "{items:?}");
    match &items[0] {
        Ok(Entry::Skipped(s)) => {
            assert_eq!(s.record, Some(1), "{s}");
            assert!(
                matches!(s.reason, SkipReason::TooLarge | SkipReason::BadEncoding),
                "{s}"
            );
            assert!(s.to_string().starts_with("crawl.warc:1: skipped"), "{s}");
        }
        other => panic!("{other:?}"),
    }
    assert!(documents(&items)[0].text.contains("Belousov"));
    // The whole archive gzipped as well: the same.
    let items = entries("crawl.warc.gz", &gzip(&warc));
    assert_eq!(items.len(), 2);
    assert_eq!(documents(&items).len(), 1);
}

#[test]
fn invalid_utf8_mixed_encodings_and_nul_bytes() {
    let mut mixed = "Kim met Belousov in Pyongyang on Friday. "
        .as_bytes()
        .to_vec();
    mixed.extend_from_slice("Café ".as_bytes()); // UTF-8
    mixed.extend_from_slice(b"caf\xe9 \x93quoted\x94 "); // windows-1252
    mixed.extend_from_slice(&[0xff, 0xfe, b'K', 0, b'i', 0, b'm', 0]); // UTF-16LE with BOM
    mixed.extend_from_slice(b"\x81\x40\xe3\x81\x82 "); // Shift_JIS, then a cut UTF-8 char
    mixed.extend_from_slice(b"\0\0 NUL \0 bytes \xc3");
    for name in ["a.txt", "a.html", "a.jsonl", "a.xml", "a.warc", "-"] {
        for item in entries(name, &mixed) {
            match item {
                Ok(Entry::Document(doc)) => assert!(!doc.text.is_empty() || name == "a.xml"),
                Ok(Entry::Skipped(s)) => assert_eq!(s.input, name),
                Err(e) => assert!(e.to_string().starts_with(name), "{e}"),
            }
        }
        for item in dyad_ingest::read(name, &mixed).flatten() {
            let _ = item.text.len();
        }
    }
    // Not UTF-8 as a whole: read in the one single-byte code page the detector guesses
    // (every byte is some character there), the ASCII intact.
    let text = documents(&entries("a.txt", &mixed))[0].text.clone();
    assert!(text.starts_with("Kim met Belousov"), "{text}");
    assert!(text.contains("quoted") && text.contains("NUL"), "{text}");

    // An HTML page that declares one encoding and is written in another.
    let mut page = b"<html><head><meta charset=\"shift_jis\"></head><body><p>".to_vec();
    page.extend_from_slice("Kim met Belousov in Pyongyang — “talks” on Friday.".as_bytes());
    page.extend_from_slice(b"\xe9\xff\0</p></body></html>");
    let items = entries("mislabelled.html", &page);
    assert_eq!(documents(&items).len(), 1);

    // JSONL: an invalid UTF-8 line and a raw NUL in a string are that line's error; an
    // escaped NUL is text; the other lines are read.
    let mut jsonl = b"{\"id\": \"a\", \"text\": \"Kim met Belousov.\"}\n".to_vec();
    jsonl.extend_from_slice(b"{\"id\": \"b\", \"text\": \"caf\xe9\"}\n");
    jsonl.extend_from_slice(b"{\"id\": \"c\", \"text\": \"raw \0 NUL\"}\n");
    jsonl.extend_from_slice(b"{\"id\": \"d\", \"text\": \"escaped \\u0000 NUL\"}\n");
    jsonl.extend_from_slice(b"\0\0\0\n{\"id\": \"e\", \"text\": \"Iran accused Israel.\"}\n");
    let items = entries("mixed.jsonl", &jsonl);
    let ids: Vec<_> = documents(&items).iter().map(|d| d.id.clone()).collect();
    assert!(
        ids.contains(&"a".to_string()) && ids.contains(&"e".to_string()),
        "{ids:?}"
    );
    assert!(ids.contains(&"d".to_string()), "{ids:?}");
    for item in &items {
        if let Err(e) = item {
            let line = e.record.expect("a JSONL error names its line");
            assert!((2..=5).contains(&line), "{e}");
            assert!(
                e.to_string().starts_with(&format!("mixed.jsonl:{line}: ")),
                "{e}"
            );
        }
    }
    // A document of NULs only.
    let nuls = vec![0u8; 100_000];
    for name in ["nul.txt", "nul.html", "nul.jsonl", "nul.warc", "nul.xml"] {
        let _ = timed(name, Duration::from_secs(20), || entries(name, &nuls));
    }
}

/// `n` JSONL lines, every `broken_every`-th broken in a different way; returns the input
/// and the 1-based numbers of the broken lines.
fn jsonl_with_broken_lines(n: usize, broken_every: usize) -> (Vec<u8>, Vec<usize>) {
    let mut out = Vec::with_capacity(n * 60);
    let mut broken = Vec::new();
    for i in 1..=n {
        if i % broken_every == 0 {
            broken.push(i);
            match (i / broken_every) % 5 {
                0 => out.extend_from_slice(b"{\"id\": \"cut"),
                1 => out.extend_from_slice(b"not json at all"),
                2 => out.extend_from_slice(b"{\"id\": 5, \"text\": [1, 2]}"),
                3 => out.extend_from_slice(b"\xff\xfe\xfd"),
                _ => out.extend_from_slice(b"[\"an\", \"array\"]"),
            }
        } else {
            out.extend_from_slice(
                format!("{{\"id\": \"d{i}\", \"text\": \"Kim met Belousov {i}.\"}}").as_bytes(),
            );
        }
        out.push(b'\n');
    }
    (out, broken)
}

fn check_broken_lines(n: usize, broken_every: usize) {
    let (input, broken) = jsonl_with_broken_lines(n, broken_every);
    let mut documents = 0;
    let mut errors = Vec::new();
    for item in stream("big.jsonl", Box::new(&input[..])) {
        match item {
            Ok(Entry::Document(doc)) => {
                documents += 1;
                assert!(doc.id.starts_with('d'), "{}", doc.id);
            }
            Ok(Entry::Skipped(s)) => panic!("{s}"),
            Err(e) => {
                assert!(e.to_string().starts_with("big.jsonl:"), "{e}");
                errors.push(e.record.expect("names its line"));
            }
        }
    }
    assert_eq!(documents, n - broken.len());
    assert_eq!(errors, broken);
}

#[test]
fn hundred_thousand_line_jsonl_with_broken_lines() {
    timed("100,000 lines", Duration::from_secs(20), || {
        check_broken_lines(100_000, 97)
    });
}

#[test]
#[ignore = "a million lines: run with --release -- --ignored"]
fn million_line_jsonl_with_broken_lines() {
    check_broken_lines(1_000_000, 997);
}
