// Marks spans of text: converts the API's UTF-8 byte offsets to JS string indices, resolves
// overlapping marks by priority, and renders text + <mark> elements (text nodes only).
import { h } from "./dom.js";

/**
 * Returns a function byte offset → UTF-16 index for `text` (null when the offset does not
 * fall on a character boundary or is out of range).
 */
export function byteIndexer(text) {
  const encoder = new TextEncoder();
  const total = encoder.encode(text).length;
  const map = new Int32Array(total + 1).fill(-1);
  let byte = 0;
  let index = 0;
  for (const ch of text) {
    map[byte] = index;
    byte += encoder.encode(ch).length;
    index += ch.length;
  }
  map[byte] = index;
  return (offset) => {
    if (!Number.isInteger(offset) || offset < 0 || offset > total) return null;
    const i = map[offset];
    return i < 0 ? null : i;
  };
}

/** Every occurrence of `needle` (case-insensitive) in text[from, to). */
export function findAll(text, needle, from = 0, to = text.length) {
  const out = [];
  if (!needle) return out;
  const hay = text.slice(from, to).toLowerCase();
  const n = needle.toLowerCase();
  let i = hay.indexOf(n);
  while (i >= 0) {
    out.push([from + i, from + i + n.length]);
    i = hay.indexOf(n, i + n.length);
  }
  return out;
}

/** Occurrences of `needle` as a whole word (not inside a longer word). */
export function findWords(text, needle, from = 0, to = text.length) {
  const isWord = (c) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  return findAll(text, needle, from, to).filter(([a, b]) => !isWord(text[a - 1]) && !isWord(text[b]));
}

/**
 * Renders `text` with marks [{start, end, kind, title?, data?}] (JS indices). Where marks
 * overlap, the one with the higher priority wins the overlapping characters.
 */
export function renderMarked(text, marks, priority, { onMark } = {}) {
  const n = text.length;
  const owner = new Array(n).fill(-1);
  const order = marks
    .map((m, i) => ({ ...m, i }))
    .filter((m) => m.start !== null && m.end !== null && m.end > m.start && m.start >= 0 && m.end <= n)
    .sort((a, b) => (priority[a.kind] ?? 0) - (priority[b.kind] ?? 0) || b.end - b.start - (a.end - a.start));
  for (const m of order) for (let k = m.start; k < m.end; k++) owner[k] = m.i;
  const out = [];
  let k = 0;
  while (k < n) {
    const who = owner[k];
    let end = k + 1;
    while (end < n && owner[end] === who) end++;
    const piece = text.slice(k, end);
    if (who < 0) out.push(document.createTextNode(piece));
    else {
      const m = marks[who];
      const el = h("mark", { class: `hl hl-${m.kind}`, title: m.title || null, dataset: m.data || {} }, piece);
      if (onMark) onMark(el, m);
      out.push(el);
    }
    k = end;
  }
  return out;
}
