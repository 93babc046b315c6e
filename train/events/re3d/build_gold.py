#!/usr/bin/env python3
"""Write gold/re3d-<id>.jsonl (one line per sentence) from annotations_[abc].py."""
import json, glob, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import annotations_a, annotations_b, annotations_c

NO_EVENT_DOCS = {"99036C6E6D", "F7893F2F4E", "FD93899C44"}   # read in full, nothing to list

ANN = {}
for m in (annotations_a, annotations_b, annotations_c):
    for k, v in m.ANN.items():
        assert k not in ANN, k
        ANN[k] = v

def main():
    os.makedirs(os.path.join(HERE, "gold"), exist_ok=True)
    seen = set()
    for f in sorted(glob.glob(os.path.join(HERE, "in", "re3d-*.json"))):
        d = json.load(open(f, encoding="utf-8"))
        key = d["doc_id"][5:15]
        if key not in ANN and key not in NO_EVENT_DOCS:
            sys.exit(f"no annotation for {d['doc_id']}")
        seen.add(key)
        ann = ANN.get(key, {})
        nsent = len(d["sentences"])
        bad = [s for s in ann if s >= nsent]
        assert not bad, (key, bad)
        with open(os.path.join(HERE, "gold", d["doc_id"] + ".jsonl"), "w", encoding="utf-8") as out:
            for s in d["sentences"]:
                out.write(json.dumps({"doc_id": d["doc_id"], "sid": s["sid"],
                                      "events": ann.get(s["sid"], [])}, ensure_ascii=False) + "\n")
    missing = (set(ANN) | NO_EVENT_DOCS) - seen
    assert not missing, missing
    print("wrote", len(seen), "documents")

if __name__ == "__main__":
    main()
