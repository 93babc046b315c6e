#!/usr/bin/env python3
"""Writes dyad's small committed fuzz seed set (fuzz/seeds/<target>/), written for dyad.

Run once; gather_corpus.sh copies these plus the repository's examples and test sentences
into fuzz/corpus/<target>/ (not committed)."""
import gzip, json, os

HERE = os.path.dirname(os.path.abspath(__file__))
WIRE = ("Russian Defence Minister Andrei Belousov arrived in Pyongyang on Friday for talks "
        "with North Korean leader Kim Jong Un, state media reported. About 12,000 troops "
        "were sent to the Kursk region last week, killing at least 30 people.")
PAGE = ("<!doctype html><html lang=en><head><meta charset=utf-8><title>Belousov in Pyongyang"
        "</title><meta property='article:published_time' content='2024-11-29T08:00:00Z'>"
        "<meta name=author content='A. Writer'></head><body><nav><a href=/>Home</a></nav>"
        "<article><h1>Belousov in Pyongyang</h1><p>" + WIRE + "</p><p>Subscribe to our "
        "newsletter.</p><p>Kim &amp; Belousov signed a &quot;treaty&quot; &#8212; in June."
        "</p></article><footer>Share this</footer></body></html>")

def write(target, name, data):
    d = os.path.join(HERE, "seeds", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())

def warc_record(kind, headers, block):
    out = f"WARC/1.1\r\nWARC-Type: {kind}\r\n".encode()
    for k, v in headers:
        out += f"{k}: {v}\r\n".encode()
    out += f"Content-Length: {len(block)}\r\n\r\n".encode() + block + b"\r\n\r\n"
    return out

def response(uri, status, ctype, body, extra=b""):
    block = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n".encode() + extra + b"\r\n" + body
    return warc_record("response", [("WARC-Target-URI", uri), ("WARC-Date", "2024-12-02T08:30:00Z"),
                       ("WARC-Record-ID", "<urn:uuid:1>"), ("Content-Type", "application/http; msgtype=response")], block)

write("html", "page.html", PAGE)
write("html", "latin1.html", "<html><head><meta charset=iso-8859-1></head><body><p>".encode()
      + "Caf\xe9 na\xefve r\xe9sum\xe9 \x93quoted\x94. ".encode("latin-1") * 20 + b"</p></body></html>")
write("html", "nested.html", "<div>" * 200 + "<p>" + WIRE + "</p>" + "</div>" * 200)
warc = (warc_record("warcinfo", [("WARC-Record-ID", "<urn:uuid:0>")], b"software: dyad\r\n")
        + response("https://example.invalid/a", "200 OK", "text/html; charset=utf-8", PAGE.encode())
        + response("https://example.invalid/b", "404 Not Found", "text/html", b"<p>gone</p>")
        + response("https://example.invalid/c", "200 OK", "application/pdf", b"%PDF-1.4")
        + response("https://example.invalid/d", "200 OK", "text/html", gzip.compress(PAGE.encode()), b"Content-Encoding: gzip\r\n")
        + response("https://example.invalid/e", "200 OK", "text/html", b"5\r\n<p>Ki\r\n0\r\n\r\n", b"Transfer-Encoding: chunked\r\n"))
write("warc", "crawl.warc", warc)
rss = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title><item><title>Belousov"
       f"</title><link>https://example.invalid/a</link><pubDate>Fri, 29 Nov 2024 08:00:00 GMT</pubDate>"
       f"<description><![CDATA[<p>{WIRE}</p>]]></description></item></channel></rss>")
atom = (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>W</title>"
        f"<entry><title>T</title><id>x</id><updated>2024-11-29T08:00:00Z</updated><content type='html'>"
        f"&lt;p&gt;{WIRE}&lt;/p&gt;</content></entry></feed>")
jsonfeed = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "W", "items": [
    {"id": "1", "url": "https://example.invalid/a", "content_text": WIRE, "date_published": "2024-11-29T08:00:00Z"}]})
write("feed", "rss.xml", rss)
write("feed", "atom.xml", atom)
write("feed", "feed.json", jsonfeed)
lines = [json.dumps({"id": "a", "text": WIRE, "published": "2024-12-01", "title": "T", "url": "https://example.invalid/a"}),
         "{broken", json.dumps({"id": "b", "text": "Kim met Belousov.\u0000 Caf\u00e9"}), "", json.dumps({"text": 5}),
         json.dumps({"id": "c", "text": "Iran accused Israel.", "published": "not a date"})]
write("jsonl", "docs.jsonl", "\n".join(lines) + "\n")
write("gzip", "plain", b"\x01" + WIRE.encode())
write("gzip", "cut", b"\x02" + PAGE.encode())
write("gzip", "raw", b"\x00" + gzip.compress(WIRE.encode())[2:])
for target in ("text", "pipeline", "places"):
    write(target, "wire.txt", WIRE)
    write(target, "quotes.txt", "\u201cWe will respond,\u201d Lavrov said on Monday. U.S. officials denied it\u2019s true.\n\nGen. Smith\u2019s forces withdrew.")
    write(target, "odd.txt", "\u0000\u200b\ufeff  \t\r\n\n\n\u00a0Ki\u0301m \U0001F600 met\u2014Belousov\u2026 12,000 troops")
write("places", "frame.txt", b"\x01the Kursk region")
write("dates", "dates.txt", b"\x00\x00" + "On Friday, last week, in June, since March 2023, next Monday, on 3 Dec. 2024, in the last few months, this month, 29/11/2024.".encode())
write("numbers", "numbers.txt", b"\x00\x00" + "approximately 12,000 troops; between 1,500 and 3,000 dead; $3bn; twenty-five people were killed; a dozen drones; tens of thousands displaced; 1.5 million; 18446744073709551616 troops".encode())
