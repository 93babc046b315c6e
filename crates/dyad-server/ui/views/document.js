// Document: the article text with entity mentions, event triggers, sources (attribution
// cues) and denials marked in distinct colours, its events beside it, and what cleaning
// removed. Offsets from the API are UTF-8 byte offsets; byteIndexer converts them.
import { h, clear, errorBox, fmtDate, plural, typeChip, statusBadge, actorChips, actorLabel } from "../dom.js";
import { get, actorNameMap } from "../api.js";
import { byteIndexer, findWords, paragraphBreaks, renderMarked } from "../highlight.js";

const PRIORITY = { entity: 1, source: 2, cue: 3, denial: 4, trigger: 5 };
const LAYERS = [
  ["entity", "Actors & entities"],
  ["trigger", "Event triggers"],
  ["source", "Sources"],
  ["cue", "Attribution cues"],
  ["denial", "Denials"],
];
/** What one mark of each layer is called in the counts. */
const LAYER_NOUNS = { entity: "entity mention", trigger: "trigger", source: "source", cue: "attribution cue", denial: "denial" };

export async function render(root, route) {
  const id = route.params[0];
  if (!/^\d+$/.test(id)) {
    root.append(errorBox({ status: 404, message: `“${id}” is not a document id.` }));
    return null;
  }
  root.append(h("p", { class: "state loading" }, `Loading document ${id}…`));
  const [data, names] = await Promise.all([get(`documents/${id}`), actorNameMap()]);
  const doc = data.document || {};
  const events = data.events || [];
  const text = typeof doc.text === "string" ? doc.text : "";
  const toIndex = byteIndexer(text);
  clear(root);

  const marks = [];
  for (const ent of doc.entities || []) {
    for (const m of ent.mentions || []) {
      const start = toIndex(m.start);
      const end = toIndex(m.end);
      if (start === null || end === null) continue;
      marks.push({ start, end, kind: "entity",
        title: `${ent.name || m.text} · ${ent.type || "?"}${ent.code ? ` · ${ent.code}${ent.sector ? `·${ent.sector}` : ""}` : ""}${m.kind ? ` (${m.kind})` : ""}`,
        data: { entity: ent.id || "" } });
    }
  }
  events.forEach((ev, i) => {
    const t = ev.trigger;
    const tStart = t ? toIndex(t.start) : null;
    const tEnd = t ? toIndex(t.end) : null;
    if (tStart !== null && tEnd !== null) {
      marks.push({ start: tStart, end: tEnd, kind: "trigger", title: `${ev.event} · CAMEO ${ev.cameo} · ${ev.status}`, data: { ev: String(i) } });
    }
    // The sentence the event was read from bounds where its sources and denials are looked for.
    const [from, to] = sentenceRange(text, ev.evidence, tStart);
    for (const a of ev.attribution || []) {
      const span = spanOf(a, toIndex);
      if (span) marks.push({ ...span, kind: "source", title: `source: ${a.text}${a.source_type ? ` (${a.source_type})` : ""}` });
      else if (a.text) findWords(text, a.text, from, to).forEach(([s, e]) => marks.push({ start: s, end: e, kind: "source", title: `source: ${a.text}` }));
      const cueSpan = a.cue_start !== undefined ? { start: toIndex(a.cue_start), end: toIndex(a.cue_end) } : null;
      if (cueSpan && cueSpan.start !== null) marks.push({ ...cueSpan, kind: "cue", title: `attribution cue “${a.cue}”` });
      else if (a.cue) findWords(text, a.cue, from, to).forEach(([s, e]) => marks.push({ start: s, end: e, kind: "cue", title: `attribution cue “${a.cue}”` }));
    }
    for (const d of ev.denied_by || []) {
      const span = spanOf(d, toIndex);
      if (span) marks.push({ ...span, kind: "denial", title: `denied by ${d.text}` });
      else if (d.text) findWords(text, d.text, from, to).forEach(([s, e]) => marks.push({ start: s, end: e, kind: "denial", title: `denied by ${d.text}` }));
    }
  });

  const article = h("article", { class: "doc-text", lang: doc.language || "en" });
  const triggerEls = new Map();
  article.append(...renderMarked(text, marks, PRIORITY, {
    breaks: paragraphBreaks(text, marks),
    onMark: (el, m) => {
      if (m.kind === "trigger") {
        const key = m.data.ev;
        if (!triggerEls.has(key)) triggerEls.set(key, []);
        triggerEls.get(key).push(el);
        el.tabIndex = 0;
        el.addEventListener("click", () => focusEvent(key));
      }
    },
  }));

  const layerBox = h("div", { class: "legend toggles", role: "group", "aria-label": "Highlight layers" }, LAYERS.map(([kind, label]) => {
    const box = h("input", { type: "checkbox", checked: true, onchange: () => article.classList.toggle(`hide-${kind}`, !box.checked) });
    return h("label", { class: "legend-item" }, box, h("mark", { class: `hl hl-${kind}` }, label));
  }));

  const counts = {};
  for (const m of marks) counts[m.kind] = (counts[m.kind] || 0) + 1;
  const eventList = h("ol", { class: "doc-events" });
  const eventItems = [];
  events.forEach((ev, i) => {
    const href = ev.store_id !== undefined && ev.store_id !== null ? `#/event/${encodeURIComponent(ev.store_id)}` : null;
    const li = h("li", { class: "doc-event", tabIndex: 0, dataset: { ev: String(i) } },
      h("div", { class: "doc-event-line" }, typeChip(ev), " ", actorChips(ev.actor, names), h("span", { class: "arrow" }, " → "), actorChips(ev.recipient, names), " ", statusBadge(ev.status)),
      h("div", { class: "doc-event-sub small muted" },
        ev.trigger?.text ? ["“", h("span", { class: "trigger-word" }, ev.trigger.text), "” · "] : null,
        `CAMEO ${ev.cameo || "—"} · ${fmtDate(ev.date, ev.date_precision, ev.date_end)}`,
        ev.location?.name ? ` · ${ev.location.name}` : "",
        (ev.attribution || []).length ? ` · per ${(ev.attribution || []).map((a) => a.text).join("; ")}` : "",
        (ev.denied_by || []).length ? ` · denied by ${(ev.denied_by || []).map((d) => d.text || actorLabel(d)).join("; ")}` : ""),
      href ? h("a", { class: "small", href }, "evidence →") : null,
    );
    li.addEventListener("mouseenter", () => flash(i, true));
    li.addEventListener("mouseleave", () => flash(i, false));
    li.addEventListener("click", (e) => { if (!e.target.closest("a")) { flash(i, true); triggerEls.get(String(i))?.[0]?.scrollIntoView({ block: "center", behavior: "smooth" }); } });
    eventItems.push(li);
    eventList.append(li);
  });
  function flash(i, on) {
    for (const el of triggerEls.get(String(i)) || []) el.classList.toggle("active", on);
  }
  function focusEvent(key) {
    for (const li of eventItems) li.classList.toggle("active", li.dataset.ev === key);
    const li = eventItems[Number(key)];
    if (li) li.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  const removed = doc.removed || [];
  root.append(
    h("nav", { class: "crumbs" }, h("a", { href: "#/documents" }, "Documents"), " / ", `document ${id}`),
    h("header", { class: "doc-head" },
      h("h1", null, doc.title || doc.doc_key || `Document ${id}`),
      h("p", { class: "doc-meta muted" },
        [doc.published ? `Published ${doc.published}` : "No publication date", doc.source || null, doc.author ? `by ${doc.author}` : null,
          doc.language ? `language ${doc.language}` : null, `${plural((doc.entities || []).length, "entity", "entities")} · ${plural(events.length, "event")}`].filter(Boolean).join(" · "),
        doc.url && /^https?:\/\//i.test(doc.url) ? [" · ", h("a", { href: doc.url, rel: "noopener noreferrer nofollow", target: "_blank" }, "original ↗")] : null),
      doc.duplicate_of
        ? h("p", { class: "copy-of small" }, h("span", { class: "tag copy-tag" }, "wire copy"), " of ",
          h("a", { href: `#/documents?q=${encodeURIComponent(doc.duplicate_of)}` }, doc.duplicate_of), ": its events count once, with the original's.")
        : null,
    ),
    h("div", { class: "doc-layout" },
      h("div", { class: "doc-main" },
        h("div", { class: "panel-head" }, layerBox, h("span", { class: "small muted layer-counts" }, LAYERS.map(([k]) => plural(counts[k] || 0, LAYER_NOUNS[k])).join(" · "))),
        text ? article : h("p", { class: "muted" }, "This document has no text."),
        removed.length ? h("section", { class: "removed" }, h("h2", null, `Removed by cleaning (${removed.length})`),
          h("ul", null, removed.map((r) => h("li", null, h("span", { class: "rule" }, r.rule || "rule"), h("q", null, r.text || ""))))) : null,
      ),
      h("aside", { class: "doc-side panel" }, h("h2", null, `Events (${events.length})`),
        events.length ? eventList : h("p", { class: "muted" }, "No event was coded in this document.")),
    ),
  );
  return null;
}

/** A span given by the API ({start, end} byte offsets) as JS indices, or null. */
function spanOf(obj, toIndex) {
  const span = obj?.span || (obj && obj.start !== undefined ? obj : null);
  if (!span) return null;
  const start = toIndex(span.start);
  const end = toIndex(span.end);
  return start === null || end === null ? null : { start, end };
}

/** Where the evidence sentence sits in the text (nearest the trigger); whole text if unknown. */
function sentenceRange(text, evidence, near) {
  if (!evidence) return [0, text.length];
  let best = -1;
  let i = text.indexOf(evidence);
  while (i >= 0) {
    if (best < 0 || (near !== null && Math.abs(i - near) < Math.abs(best - near))) best = i;
    i = text.indexOf(evidence, i + 1);
  }
  return best < 0 ? [0, text.length] : [best, best + evidence.length];
}
