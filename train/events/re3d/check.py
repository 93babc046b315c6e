#!/usr/bin/env python3
"""Validate in/ and gold/ of the re3d event annotation (layout of annotation.md)."""
import json, glob, os, re, sys
from collections import Counter
HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
STATUSES = ["denied", "negated", "hypothetical", "future", "alleged", "reported", "asserted"]
SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "OPP", "REB", "CVL", "JRN", "BUS", "EDU", "MED",
           "HLH", "REL", "NGO", "IGO", None}
SPECIAL = {"IGO", "NGO", "MNC", "IMG"}
KEYS = ["doc_id", "sid", "events"]
EKEYS = {"type", "alt", "trigger", "actor", "recipient", "status", "source", "denied_by", "date", "place",
         "magnitude", "note"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

def code_ok(c):
    return c is None or c in SPECIAL or re.fullmatch(r"[A-Z]{3}", c)

def main():
    errs, n_docs, n_sent, types, stats = [], 0, 0, Counter(), Counter()
    for fi in sorted(glob.glob(os.path.join(HERE, "in", "re3d-*.json"))):
        d = json.load(open(fi, encoding="utf-8"))
        n_docs += 1
        did = d["doc_id"]
        for k in ("doc_id", "title", "published", "source", "url", "licence", "text", "sentences"):
            if k not in d: errs.append(f"{did}: missing {k}")
        if d["published"] is not None and not DATE.match(d["published"]):
            errs.append(f"{did}: bad published {d['published']}")
        tb = d["text"].encode("utf-8")
        prev = 0
        for i, s in enumerate(d["sentences"]):
            if s["sid"] != i: errs.append(f"{did}: sid {s['sid']} != {i}")
            if s["start"] != prev: errs.append(f"{did} s{i}: not contiguous")
            if tb[s["start"]:s["end"]].decode("utf-8") != s["sentence"]: errs.append(f"{did} s{i}: offsets wrong")
            if i and s["sentence"][:1].isspace(): errs.append(f"{did} s{i}: leading white space")
            prev = s["end"]
        if prev != len(tb): errs.append(f"{did}: sentences do not cover the text")
        gf = os.path.join(HERE, "gold", did + ".jsonl")
        if not os.path.exists(gf):
            errs.append(f"{did}: no gold"); continue
        lines = open(gf, encoding="utf-8").read().splitlines()
        if len(lines) != len(d["sentences"]): errs.append(f"{did}: {len(lines)} lines vs {len(d['sentences'])} sentences")
        for i, (line, s) in enumerate(zip(lines, d["sentences"])):
            n_sent += 1
            try:
                g = json.loads(line)
            except Exception as e:
                errs.append(f"{did} line {i}: {e}"); continue
            if list(g.keys()) != KEYS: errs.append(f"{did} s{i}: keys {list(g.keys())}")
            if g["doc_id"] != did or g["sid"] != i: errs.append(f"{did} s{i}: doc_id/sid mismatch")
            for j, e in enumerate(g["events"]):
                w = f"{did} s{i} e{j}"
                if set(e) != EKEYS: errs.append(f"{w}: keys {sorted(set(e) ^ EKEYS)}")
                if e["type"] not in TYPES: errs.append(f"{w}: type {e['type']}")
                for a in e["alt"]:
                    if a not in TYPES or a == e["type"]: errs.append(f"{w}: alt {a}")
                if e["status"] not in STATUSES: errs.append(f"{w}: status {e['status']}")
                if not e["trigger"] or e["trigger"] not in s["sentence"]:
                    errs.append(f"{w}: trigger {e['trigger']!r} not in sentence")
                for p in ("actor", "recipient"):
                    v = e[p]
                    if v is None:
                        if p == "actor": errs.append(f"{w}: actor is null")
                        continue
                    if set(v) != {"text", "code", "sector"}: errs.append(f"{w}: {p} keys")
                    if not code_ok(v["code"]): errs.append(f"{w}: {p} code {v['code']}")
                    if v["sector"] not in SECTORS: errs.append(f"{w}: {p} sector {v['sector']}")
                    if v["text"] is not None and v["text"] not in s["sentence"]:
                        errs.append(f"{w}: {p} text {v['text']!r} not in sentence")
                if not any((e[p] or {}).get("code") for p in ("actor", "recipient")):
                    errs.append(f"{w}: no coded party")
                src = e["source"]
                if e["status"] == "asserted" and src is not None: errs.append(f"{w}: asserted with source")
                if e["status"] == "reported" and (src is None or not src.get("text")): errs.append(f"{w}: reported without source")
                if src is not None:
                    if set(src) != {"text", "code"} or not code_ok(src["code"]): errs.append(f"{w}: source {src}")
                if e["status"] == "denied" and not e["denied_by"]: errs.append(f"{w}: denied without denied_by")
                if e["date"] is not None and not DATE.match(e["date"]): errs.append(f"{w}: date {e['date']}")
                if e["magnitude"] is not None and not (isinstance(e["magnitude"], dict) and
                        all(isinstance(x, (int, float)) for x in e["magnitude"].values())):
                    errs.append(f"{w}: magnitude {e['magnitude']}")
                if not isinstance(e["note"], str): errs.append(f"{w}: note")
                types[e["type"]] += 1; stats[e["status"]] += 1
    for x in errs: print("ERROR", x)
    print(f"documents {n_docs}, sentences {n_sent}, events {sum(types.values())}")
    print("types:", dict(types.most_common()))
    print("statuses:", dict(stats.most_common()))
    sys.exit(1 if errs else 0)

if __name__ == "__main__":
    main()
