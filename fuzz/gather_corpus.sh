#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ (not committed) from the committed seeds (fuzz/seeds/), the
# saved regression inputs (fuzz/regressions/<target>/), the repository's examples and the
# test sentences of dyad-events, and the founding example when /work/shared is present.
# Safe to re-run: files are only added.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=..
TARGETS=(html warc gzip feed jsonl text pipeline dates numbers places)
for t in "${TARGETS[@]}"; do
  mkdir -p "corpus/$t"
  [ -d "seeds/$t" ] && cp -n seeds/"$t"/* "corpus/$t/" 2>/dev/null || true
  [ -d "regressions/$t" ] && cp -n regressions/"$t"/* "corpus/$t/" 2>/dev/null || true
done
# Articles: text for the language targets, JSONL for the JSONL reader.
for f in "$ROOT"/examples/articles/*.txt; do
  for t in text pipeline places; do cp -n "$f" "corpus/$t/" ; done
  base=$(basename "$f")
  { printf '\0\0'; cat "$f"; } > "corpus/dates/$base"
  { printf '\0\0'; cat "$f"; } > "corpus/numbers/$base"
  { printf '\1'; cat "$f"; } > "corpus/gzip/$base"
done
cp -n "$ROOT"/examples/articles.jsonl corpus/jsonl/
# One file per golden/claims test sentence (first column), for the text-level targets.
n=0
for f in "$ROOT"/crates/dyad-events/tests/golden/*.tsv "$ROOT"/crates/dyad-events/tests/claims/cases.tsv; do
  while IFS=$'\t' read -r sentence _; do
    case "$sentence" in ''|'#'*|sentence) continue ;; esac
    n=$((n + 1))
    for t in text pipeline places; do printf '%s' "$sentence" > "corpus/$t/sentence-$n"; done
    printf '\0\0%s' "$sentence" > "corpus/dates/sentence-$n"
    printf '\0\0%s' "$sentence" > "corpus/numbers/sentence-$n"
  done < "$f"
done
if [ -f /work/shared/seed/article.txt ]; then
  for t in text pipeline places; do cp -n /work/shared/seed/article.txt "corpus/$t/founding-article.txt"; done
fi
for t in "${TARGETS[@]}"; do printf '%-9s %5d inputs\n' "$t" "$(ls "corpus/$t" | wc -l)"; done
