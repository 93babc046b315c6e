//! Character sets: page bytes to text, never failing. Order of evidence: a byte-order
//! mark; valid UTF-8; the `charset` a `<meta>` tag (or an XML declaration) names in the
//! first bytes of the page; else a guess from the bytes themselves (`chardetng`, the
//! detector Firefox uses). Bytes the chosen encoding cannot map become U+FFFD.

use std::borrow::Cow;

use encoding_rs::Encoding;

/// How far into a page a `charset` declaration is looked for (the HTML standard says 1024
/// bytes; pages with long heads put it later).
const DECLARATION_WINDOW: usize = 4096;

/// Decodes page bytes to text (see the module docs).
pub fn decode(bytes: &[u8]) -> String {
    decode_borrowed(bytes).into_owned()
}

/// [`decode`], borrowing the bytes when they are UTF-8 already.
pub fn decode_borrowed(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(text) = by_bom_or_utf8(bytes) {
        return text;
    }
    let head = &bytes[..bytes.len().min(DECLARATION_WINDOW)];
    let encoding = declared_charset(head)
        .and_then(|label| Encoding::for_label(label.as_bytes()))
        // A page that declares UTF-8 but is not valid UTF-8 is usually mislabelled
        // windows-1252 or mixes both: let the detector decide.
        .filter(|e| *e != encoding_rs::UTF_8 || mostly_utf8(bytes))
        .unwrap_or_else(|| sniff(bytes));
    encoding.decode_without_bom_handling(bytes).0
}

/// Decodes bytes of plain text (no markup to declare a charset): a byte-order mark (UTF-8,
/// UTF-16LE, UTF-16BE); valid UTF-8, or UTF-8 with a few broken bytes; else the encoding
/// the detector guesses (Latin-1 and Windows-1252 text, Cyrillic code pages ...). Never
/// fails; borrows the bytes when they are UTF-8 already.
pub fn decode_plain(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(text) = by_bom_or_utf8(bytes) {
        return text;
    }
    let encoding = if mostly_utf8(bytes) {
        encoding_rs::UTF_8
    } else {
        sniff(bytes)
    };
    encoding.decode_without_bom_handling(bytes).0
}

/// The text of bytes that start with a byte-order mark, or are valid UTF-8.
fn by_bom_or_utf8(bytes: &[u8]) -> Option<Cow<'_, str>> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        return Some(encoding.decode_without_bom_handling(rest).0);
    }
    std::str::from_utf8(bytes).ok().map(Cow::Borrowed)
}

/// The encoding the bytes look like.
fn sniff(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    detector.guess(None, true)
}

/// Whether nearly all of the bytes' non-ASCII sequences are valid UTF-8 (a few broken
/// bytes in a UTF-8 page are decoded as U+FFFD, not as a reason to switch encodings).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().bytes().filter(|b| !b.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    invalid * 20 <= valid
}

/// The label after `charset=` (or `encoding=` in an XML declaration) in the first bytes
/// of a page.
pub fn declared_charset(head: &[u8]) -> Option<String> {
    let lower = head.to_ascii_lowercase();
    let at = find(&lower, b"charset=")
        .map(|at| at + 8)
        .or_else(|| find(&lower, b"encoding=").map(|at| at + 9))?;
    let label: String = lower
        .get(at..)?
        .iter()
        .skip_while(|b| matches!(b, b'"' | b'\'' | b' '))
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .map(|&b| char::from(b))
        .collect();
    (!label.is_empty()).then_some(label)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_declared_and_sniffed() {
        assert_eq!(decode(b"caf\xc3\xa9"), "café");
        assert_eq!(
            decode(b"<meta charset=\"iso-8859-1\">caf\xe9"),
            "<meta charset=\"iso-8859-1\">café"
        );
        assert_eq!(decode(b"\xff\xfeh\x00i\x00"), "hi");
        assert_eq!(decode(b"\xef\xbb\xbfhi"), "hi");
        // Undeclared windows-1252 with curly quotes.
        assert_eq!(decode(b"caf\xe9 \x93q\x94"), "café \u{201c}q\u{201d}");
        // Undeclared windows-1251 Cyrillic.
        let cyrillic = encoding_rs::WINDOWS_1251
            .encode("Президент России заявил, что переговоры продолжатся в Москве.")
            .0;
        assert!(decode(&cyrillic).contains("Президент России"));
        // Declared Shift_JIS.
        let mut page =
            b"<meta http-equiv=Content-Type content='text/html; charset=Shift_JIS'>".to_vec();
        page.extend_from_slice(&encoding_rs::SHIFT_JIS.encode("東京で会談").0);
        assert!(decode(&page).ends_with("東京で会談"));
    }

    #[test]
    fn plain_text_in_utf16_and_single_byte_code_pages() {
        let text = "Le président a rencontré Kim Jong Un à Pyongyang — « des entretiens ».";
        let mut le = vec![0xff, 0xfe];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_plain(&le), text);
        let mut be = vec![0xfe, 0xff];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode_plain(&be), text);
        let latin = encoding_rs::WINDOWS_1252.encode(text).0;
        assert_eq!(decode_plain(&latin), text);
        // Mostly UTF-8 with one broken byte stays UTF-8.
        let mut nearly = text.repeat(3).into_bytes();
        nearly.push(0xff);
        assert_eq!(decode_plain(&nearly), format!("{}\u{fffd}", text.repeat(3)));
        // Declarations are markup: plain text does not follow them.
        let declared = b"charset=iso-8859-5 caf\xc3\xa9";
        assert_eq!(decode_plain(declared), "charset=iso-8859-5 café");
    }

    #[test]
    fn mislabelled_and_broken_bytes_never_panic() {
        // Declared UTF-8 but windows-1252 bytes: the detector decides.
        let page = b"<meta charset=utf-8><p>Caf\xe9 cr\xe8me na\xefve r\xe9sum\xe9</p>";
        assert!(decode(page).contains("Café crème"), "{}", decode(page));
        // Mostly UTF-8 with one broken byte stays UTF-8.
        let mut page = "<meta charset=utf-8><p>Zürich – Genève – Köln – München – Bern – Basel"
            .as_bytes()
            .to_vec();
        page.push(0xff);
        let text = decode(&page);
        assert!(
            text.contains("Zürich – Genève") && text.ends_with('\u{fffd}'),
            "{text}"
        );
        for junk in [&b"\xff"[..], b"\xfe", b"\xc3", b"\x00\x00\xfe\xff", b""] {
            let _ = decode(junk);
        }
        assert_eq!(
            declared_charset(b"<?xml version='1.0' encoding='ISO-8859-2'?>").as_deref(),
            Some("iso-8859-2")
        );
        assert_eq!(declared_charset(b"charset="), None);
    }
}
