"""Writes small WARC files of news pages for the tests and the benchmark: one response
record per page (gzip member per record, as Common Crawl writes them), plus request,
non-HTML and HTTP-error records that dyad must pass over."""

from __future__ import annotations

import gzip
import html
import random
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import List, Tuple

# Sentences of the kind wire stories carry, with who did what to whom; several outlets
# report the same happenings so that the merge has something to merge.
SENTENCES = [
    "Russian Defence Minister Andrei Belousov met North Korean leader Kim Jong Un in Pyongyang on {day}.",
    "Russia and China signed a trade agreement in Beijing on {day}.",
    "Israeli forces launched air strikes on Gaza on {day}, killing at least 12 people, health officials said.",
    "The United States imposed new sanctions on Iran on {day} over its nuclear program.",
    "Ukraine accused Russia of attacking civilian infrastructure in Kharkiv on {day}.",
    "Thousands of protesters rallied in Nairobi on {day} against a proposed finance bill.",
    "Police arrested 30 opposition supporters in Caracas on {day}, according to rights groups.",
    "Japanese Prime Minister Shigeru Ishiba called on China to release detained Japanese citizens on {day}.",
    "French President Emmanuel Macron hosted German Chancellor Olaf Scholz in Paris on {day}.",
    "North Korea denied sending troops to Russia, state media said on {day}.",
    "The European Union pledged 50 million euros in humanitarian aid to Sudan on {day}.",
    "Turkey threatened to launch a military operation against Kurdish militants in Syria on {day}.",
]
FILLER = [
    "Officials did not give further details.",
    "The talks were expected to continue next week.",
    "Analysts said the move could raise tensions in the region.",
    "The announcement followed weeks of negotiations.",
]
OUTLETS = ["example-news.com", "daily-wire.example.org", "worldreport.example.net"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def page(title: str, paragraphs: List[str], published: date, author: str) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta property="article:published_time" content="{published.isoformat()}T09:00:00Z">
<meta name="author" content="{html.escape(author)}"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{html.escape(title)}</h1>{body}</article>
<footer>Copyright example. All rights reserved.</footer></body></html>"""


def record(kind: str, uri: str, payload: bytes, content_type: str, when: date) -> bytes:
    head = (
        "WARC/1.0\r\n"
        f"WARC-Type: {kind}\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        f"WARC-Date: {when.isoformat()}T10:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.UUID(int=random.getrandbits(128))}>\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    ).encode()
    return head + payload + b"\r\n\r\n"


def http_response(body: bytes, status: str = "200 OK", mime: str = "text/html; charset=utf-8") -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def stories(count: int, seed: int, start: date = date(2024, 11, 25)) -> List[Tuple[str, str, date, str]]:
    """`count` (url, title, published, html) pages."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        published = start + timedelta(days=rng.randrange(6))
        happened = published - timedelta(days=rng.randrange(3))
        day = WEEKDAYS[happened.weekday()]
        lead = rng.choice(SENTENCES).format(day=day)
        others = [s.format(day=day) for s in rng.sample(SENTENCES, 2)]
        paragraphs = [lead, rng.choice(FILLER), others[0], rng.choice(FILLER), others[1]]
        outlet = rng.choice(OUTLETS)
        url = f"https://www.{outlet}/world/{published.isoformat()}/story-{seed}-{i}"
        title = lead.split(" on ")[0][:80]
        out.append((url, title, published, page(title, paragraphs, published, f"Reporter {i % 7}")))
    return out


def write_warc(path: Path, count: int, seed: int, compress: bool = True) -> int:
    """Writes a WARC file of `count` article pages plus three records dyad skips (a
    request, a PDF, a 404). Returns the number of article pages."""
    random.seed(seed)
    chunks = []
    for n, (url, _title, published, markup) in enumerate(stories(count, seed)):
        if n == 0:
            chunks.append(record("request", url, f"GET {url} HTTP/1.1\r\n\r\n".encode(),
                                 "application/http; msgtype=request", published))
            chunks.append(record("response", url + ".pdf",
                                 http_response(b"%PDF-1.4 ...", mime="application/pdf"),
                                 "application/http; msgtype=response", published))
            chunks.append(record("response", url + "/gone",
                                 http_response(b"<html>gone</html>", status="404 Not Found"),
                                 "application/http; msgtype=response", published))
        chunks.append(record("response", url, http_response(markup.encode()),
                             "application/http; msgtype=response", published))
    with open(path, "wb") as out:
        for chunk in chunks:
            out.write(gzip.compress(chunk) if compress else chunk)
    return count
