#!/usr/bin/env python3
"""Validate gold/cnc-NN.jsonl against in/cnc-NN.json. Usage: check.py [NN ...] (default: all present)."""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
STATUS = {"denied", "negated", "hypothetical", "future", "alleged", "reported", "asserted"}
SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "OPP", "REB", "CVL", "JRN", "BUS", "EDU",
           "MED", "HLH", "REL", "NGO", "IGO", None}
SPECIAL = {"IGO", "NGO", "MNC", "IMG"}
KEYS = ["type", "alt", "trigger", "actor", "recipient", "status", "source", "denied_by",
        "date", "place", "magnitude", "note"]
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def code_ok(c):
    return c is None or c in SPECIAL or (isinstance(c, str) and re.fullmatch(r"[A-Z]{3}", c))


def check(doc_id):
    errs = []
    doc = json.load(open(os.path.join(HERE, "in", doc_id + ".json"), encoding="utf-8"))
    tb = doc["text"].encode("utf-8")
    for s in doc["sentences"]:
        if tb[s["start"]:s["end"]].decode("utf-8") != s["sentence"]:
            errs.append("offset mismatch sid %d" % s["sid"])
    lines = open(os.path.join(HERE, "gold", doc_id + ".jsonl"), encoding="utf-8").read().splitlines()
    if len(lines) != len(doc["sentences"]):
        errs.append("line count %d != %d" % (len(lines), len(doc["sentences"])))
    n = 0
    for i, (line, s) in enumerate(zip(lines, doc["sentences"])):
        try:
            g = json.loads(line)
        except Exception as e:
            errs.append("line %d: bad JSON %s" % (i, e)); continue
        if list(g.keys()) != ["doc_id", "sid", "events"]:
            errs.append("line %d: keys %s" % (i, list(g.keys())))
        if g.get("doc_id") != doc_id or g.get("sid") != s["sid"]:
            errs.append("line %d: doc_id/sid mismatch" % i)
        for j, e in enumerate(g.get("events", [])):
            n += 1
            w = "sid %d ev %d: " % (s["sid"], j)
            if list(e.keys()) != KEYS:
                errs.append(w + "keys %s" % list(e.keys()))
            if e["type"] not in TYPES: errs.append(w + "type " + str(e["type"]))
            if not isinstance(e["alt"], list) or any(a not in TYPES or a == e["type"] for a in e["alt"]):
                errs.append(w + "alt %s" % e["alt"])
            if not e["trigger"] or e["trigger"] not in s["sentence"]:
                errs.append(w + "trigger not in sentence: %r" % e["trigger"])
            if e["status"] not in STATUS: errs.append(w + "status " + str(e["status"]))
            for role in ("actor", "recipient"):
                p = e[role]
                if p is None: continue
                if set(p.keys()) != {"text", "code", "sector"}: errs.append(w + role + " keys")
                if not code_ok(p["code"]): errs.append(w + role + " code %r" % p["code"])
                if p["sector"] not in SECTORS: errs.append(w + role + " sector %r" % p["sector"])
                if p["text"] is not None and p["text"] not in s["sentence"]:
                    errs.append(w + role + " text not in sentence: %r" % p["text"])
            src = e["source"]
            if e["status"] == "asserted" and src is not None: errs.append(w + "asserted with source")
            if e["status"] == "reported" and src is None: errs.append(w + "reported without source")
            if src is not None:
                if set(src.keys()) != {"text", "code"} or not code_ok(src["code"]):
                    errs.append(w + "source %r" % src)
            if e["status"] == "denied" and not e["denied_by"]: errs.append(w + "denied without denied_by")
            if e["status"] != "denied" and e["denied_by"]: errs.append(w + "denied_by but not denied")
            if e["date"] is not None and not DATE.match(e["date"]): errs.append(w + "date %r" % e["date"])
            if e["place"] is not None and e["place"] not in s["sentence"]:
                errs.append(w + "place not in sentence: %r" % e["place"])
            m = e["magnitude"]
            if m is not None and (not isinstance(m, dict) or not m or
                                  any(not isinstance(v, (int, float)) for v in m.values())):
                errs.append(w + "magnitude %r" % m)
            if not isinstance(e["note"], str): errs.append(w + "note")
    return errs, len(lines), n


def main():
    ids = ["cnc-%s" % a.zfill(2) for a in sys.argv[1:]] or sorted(
        f[:-6] for f in os.listdir(os.path.join(HERE, "gold")) if f.endswith(".jsonl"))
    bad = 0
    for d in ids:
        errs, ns, ne = check(d)
        print("%s: %d sentences, %d events, %d errors" % (d, ns, ne, len(errs)))
        for e in errs: print("   ", e)
        bad += len(errs)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
