#!/usr/bin/env python3
"""Write gold/cnc-NN.jsonl from the hand annotation in src/cnc-NN.py (dict G: sid -> events)."""
import json, os, runpy, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "src"))


def build(n):
    doc_id = "cnc-%02d" % n
    doc = json.load(open(os.path.join(HERE, "in", doc_id + ".json"), encoding="utf-8"))
    G = runpy.run_path(os.path.join(HERE, "src", doc_id + ".py"))["G"]
    sids = [s["sid"] for s in doc["sentences"]]
    extra = set(G) - set(sids)
    assert not extra, "unknown sids %s" % extra
    with open(os.path.join(HERE, "gold", doc_id + ".jsonl"), "w", encoding="utf-8") as f:
        for sid in sids:
            f.write(json.dumps({"doc_id": doc_id, "sid": sid, "events": G.get(sid, [])},
                               ensure_ascii=False) + "\n")


if __name__ == "__main__":
    for a in sys.argv[1:]:
        build(int(a))
