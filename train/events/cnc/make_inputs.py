#!/usr/bin/env python3
"""Build in/cnc-NN.json from the Causal News Corpus subtask-1 files (reproducible).

Rule: rows of train_subtask1.csv + dev_subtask1.csv, sorted by `index`,
random.Random(20261206).sample(rows, 600), order kept, batches of 25 -> cnc-01..cnc-24.
Offsets are UTF-8 byte offsets into `text` (sentences joined by "\n\n").
"""
import csv, json, os, random

SRC = os.path.join(os.environ.get("DYAD_SHARED", os.path.join(os.path.dirname(__file__), "../../../../shared")), "corpora/causal-news-corpus")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "in")


def load_rows():
    rows = []
    for fn in ("train_subtask1.csv", "dev_subtask1.csv"):
        with open(os.path.join(SRC, fn), encoding="utf-8-sig", newline="") as f:
            for r in csv.DictReader(f):
                rows.append((r["index"], r["text"], r["label"]))
    rows.sort(key=lambda r: r[0])
    return rows


def main():
    rows = load_rows()
    sample = random.Random(20261206).sample(rows, 600)
    os.makedirs(OUT, exist_ok=True)
    for b in range(24):
        batch = sample[b * 25:(b + 1) * 25]
        doc_id = "cnc-%02d" % (b + 1)
        sents, parts, pos = [], [], 0
        for sid, (idx, txt, _label) in enumerate(batch):
            txt = txt.strip()
            if sid:
                pos += len("\n\n".encode("utf-8"))
            n = len(txt.encode("utf-8"))
            sents.append({"sid": sid, "start": pos, "end": pos + n,
                          "sentence": txt, "cnc_index": idx})
            parts.append(txt)
            pos += n
        text = "\n\n".join(parts)
        assert len(text.encode("utf-8")) == pos
        doc = {"doc_id": doc_id, "title": None, "published": None,
               "source": "causal-news-corpus (CC0 1.0)", "text": text,
               "sentences": sents}
        with open(os.path.join(OUT, doc_id + ".json"), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=1)
            f.write("\n")
    print("wrote 24 batches, %d sentences" % len(sample))


if __name__ == "__main__":
    main()
