#!/usr/bin/env python3
"""Build in/re3d-<id>.json from the re3d dev set (../../shared/eval/ner-re3d/dev.jsonl).

Neutral rule-based sentence splitter:
  * a sentence ends after . ! or ? (optionally followed by closing quotes/brackets and
    Wikipedia citation markers like [1]) when white space follows and the next
    non-space character is a capital letter, an opening quote or a digit;
  * never after common abbreviations (U.S., Gen., Mr., Dr., Jan., No., ranks, months,
    single-letter initials and dotted acronyms such as D.C.);
  * a blank line (newline, optional spaces, newline) always ends a sentence.
Trailing white space belongs to the sentence before it, so sentences tile the text.
Offsets are UTF-8 byte offsets into `text`.
"""
import json, re, sys, os

SRC = os.path.join(os.environ.get("DYAD_SHARED", os.path.join(os.path.dirname(__file__), "../../../../shared")), "eval/ner-re3d/dev.jsonl")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "in")

ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "no", "nos", "vs", "etc",
    "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "spc", "adm", "cmdr",
    "cdr", "brig", "rep", "sen", "gov", "pres", "rev", "hon", "amb", "sec", "dept",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "corp", "ltd", "co", "approx", "fig", "op", "art", "para",
}
OPEN_Q = "\"'“‘(["
CLOSERS = "\"'”’)]"

def is_abbrev(text, dot):
    """text[dot] == '.'; is the word ending here an abbreviation?"""
    j = dot
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in OPEN_Q:
        j -= 1
    word = text[j:dot + 1]            # e.g. 'U.S.' 'Gen.' 'Dec.'
    core = word.rstrip(".")
    if core.lower() in ABBREV:
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.)+", word):   # initials / dotted acronyms: U.S. D.C. a.i. J.
        return True
    return False

BOUND = re.compile(r"[.!?]+(?:[" + re.escape(CLOSERS) + r"]|\[\d+\])*")

def split(text):
    cuts = set()
    # blank lines
    for m in re.finditer(r"\n[ \t\u00a0]*\n\s*", text):
        if m.end() < len(text):
            cuts.add(m.end())
    for m in BOUND.finditer(text):
        end = m.end()
        ws = re.match(r"\s+", text[end:])
        if not ws:
            continue
        nxt = end + ws.end()
        if nxt >= len(text):
            continue
        c = text[nxt]
        if not (c.isupper() or c.isdigit() or c in OPEN_Q):
            continue
        punct = m.group(0)
        if punct[0] == "." and len(punct.rstrip(CLOSERS)) == 1 and is_abbrev(text, m.start()):
            continue
        cuts.add(nxt)
    cuts = sorted(c for c in cuts if 0 < c < len(text))
    spans, start = [], 0
    for c in cuts + [len(text)]:
        if c > start:
            spans.append((start, c))
            start = c
    return spans

def licence(source):
    if source in ("CENTCOM", "US State Department"):
        return "Public domain (work of the US federal government, 17 U.S.C. 105)"
    if source == "UK Government":
        return "Open Government Licence v3.0 (Crown copyright)"
    if source == "Wikipedia":
        return "CC BY-SA (Wikipedia contributors; CC BY-SA 3.0/4.0)"
    if source.startswith("Australian"):
        return "CC BY (Commonwealth of Australia, DFAT website Creative Commons Attribution licence)"
    if "European Union" in source:
        return "CC BY 4.0-equivalent (EU reuse policy: reuse authorised with acknowledgement of the source)"
    return "CC BY"

def published(d):
    """Only what the URL or text states. state.gov URLs carry /YYYY/MM/ -> 'YYYY-MM'."""
    m = re.search(r"state\.gov/.*/(\d{4})/(\d{2})/", d["url"])
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    return None

def main():
    os.makedirs(OUT, exist_ok=True)
    for line in open(SRC, encoding="utf-8"):
        d = json.loads(line)
        text = d["text"]
        b = text.encode("utf-8")
        sents = []
        for sid, (s, e) in enumerate(split(text)):
            bs = len(text[:s].encode("utf-8"))
            be = len(text[:e].encode("utf-8"))
            sents.append({"sid": sid, "start": bs, "end": be, "sentence": text[s:e]})
            assert b[bs:be].decode("utf-8") == text[s:e]
        # `published` is a day or null (the voa-events layout); a URL's month is kept apart.
        doc = {"doc_id": "re3d-" + d["id"], "title": d["title"], "published": None,
               "published_month": published(d),
               "source": d["source"], "url": d["url"], "licence": licence(d["source"]),
               "text": text, "sentences": sents}
        with open(os.path.join(OUT, f"re3d-{d['id']}.json"), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=1)
        print(d["id"][:10], len(sents), doc["published_month"])

if __name__ == "__main__":
    main()
