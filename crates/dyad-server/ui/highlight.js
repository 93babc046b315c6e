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

/** Longest paragraph shown as it is; longer ones get breaks ([`paragraphBreaks`]). */
const LONG_PARAGRAPH = 700;

/**
 * Where to show a paragraph break in text that arrives as one long paragraph (VOA stories
 * come without line breaks): in every paragraph longer than LONG_PARAGRAPH characters,
 * before the sentence that follows each third sentence end (and at least 250 characters
 * on), never inside a mark. JS indices of the first character of the new paragraph; the
 * text itself is not changed.
 */
export function paragraphBreaks(text, marks = []) {
  const inside = (i) => marks.some((m) => m.start < i && i < m.end);
  const out = [];
  let from = 0;
  for (const paragraph of text.split("\n")) {
    const start = from;
    from += paragraph.length + 1;
    if (paragraph.length <= LONG_PARAGRAPH) continue;
    let last = start;
    let sentences = 0;
    const end = /[.!?]["”’)]?\s+(?=["“‘(]?[A-Z0-9])/g;
    for (const m of paragraph.matchAll(end)) {
      sentences++;
      const next = start + m.index + m[0].length;
      if (sentences >= 3 && next - last >= 250 && start + paragraph.length - next >= 120 && !inside(next)) {
        out.push(next);
        last = next;
        sentences = 0;
      }
    }
  }
  return out;
}

/**
 * Renders `text` with marks [{start, end, kind, title?, data?}] (JS indices). Where marks
 * overlap, the one with the higher priority wins the overlapping characters. `breaks`
 * (JS indices, see paragraphBreaks) start a new visual paragraph there: an empty block
 * element, so the text content stays the text.
 */
export function renderMarked(text, marks, priority, { onMark, breaks = [] } = {}) {
  const n = text.length;
  const owner = new Array(n).fill(-1);
  const order = marks
    .map((m, i) => ({ ...m, i }))
    .filter((m) => m.start !== null && m.end !== null && m.end > m.start && m.start >= 0 && m.end <= n)
    .sort((a, b) => (priority[a.kind] ?? 0) - (priority[b.kind] ?? 0) || b.end - b.start - (a.end - a.start));
  for (const m of order) for (let k = m.start; k < m.end; k++) owner[k] = m.i;
  const out = [];
  const breakAt = new Set(breaks);
  let k = 0;
  while (k < n) {
    if (k > 0 && breakAt.has(k)) out.push(h("span", { class: "para-break", "aria-hidden": "true" }));
    const who = owner[k];
    let end = k + 1;
    while (end < n && owner[end] === who && !breakAt.has(end)) end++;
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
