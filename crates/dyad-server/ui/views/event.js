// Event ("evidence"): what happened, who did it to whom, when and where, how sure the press
// is (status, claims), and every report's sentence with its trigger, actors, sources and
// denials marked.
import { h, clear, errorBox, fmtDate, fmtInt, fmtNum, plural, typeChip, statusBadge, actorChips, actorLabel, QUADS, quadOf } from "../dom.js";
import { get, actorNameMap } from "../api.js";
import { findAll, findWords, renderMarked } from "../highlight.js";
import { placeText } from "../components.js";

const PRIORITY = { actor: 1, recipient: 1, source: 2, cue: 3, denial: 4, trigger: 5 };

export async function render(root, route) {
  const id = route.params[0];
  if (!/^\d+$/.test(id)) {
    root.append(errorBox({ status: 404, message: `“${id}” is not an event id.` }));
    return null;
  }
  root.append(h("p", { class: "state loading" }, `Loading event ${id}…`));
  const [data, names] = await Promise.all([get(`events/${id}`), actorNameMap()]);
  const e = data.event;
  const reports = data.reports || [];
  clear(root);

  const q = quadOf(e);
  root.append(
    h("nav", { class: "crumbs" }, h("a", { href: "#/events" }, "Events"), " / ", `event ${id}`),
    h("header", { class: "event-head" },
      h("div", { class: "event-title" },
        typeChip(e),
        e.mode ? h("span", { class: "mode" }, e.mode) : null,
        h("span", { class: "event-dyad" }, actorChips(e.actor, names), h("span", { class: "arrow" }, " → "), actorChips(e.recipient, names)),
        statusBadge(e.status),
      ),
      h("p", { class: "event-evidence-lead" }, e.evidence || ""),
      dyadLink(e),
    ),
  );

  const facts = h("dl", { class: "facts" });
  const fact = (label, ...value) => facts.append(h("div", { class: "fact" }, h("dt", null, label), h("dd", null, ...value)));
  fact("Type", `${e.event}`, e.contexts?.length ? h("span", { class: "muted" }, ` · ${e.contexts.join(", ")}`) : null);
  fact("Quad class", h("span", { class: `swatch q${q}` }), QUADS[q - 1]?.label || "—");
  fact("CAMEO", h("code", null, e.cameo || "—"));
  fact("Goldstein", h("span", { class: `gs big ${e.goldstein < 0 ? "neg" : "pos"}` }, fmtNum(e.goldstein)), h("span", { class: "muted" }, " on −10…+10"));
  fact("Date", fmtDate(e.date, e.date_precision, e.date_end), h("span", { class: "muted" }, e.date_precision ? ` · ${e.date_precision} precision` : ""),
    e.date_text ? h("span", { class: "muted" }, ` · “${e.date_text}”`) : null);
  fact("Place", e.location ? h("a", { href: `#/events?place=${encodeURIComponent(e.location.name || e.location.text || "")}` }, placeText(e.location)) : "—",
    e.location?.lat != null ? h("span", { class: "muted" }, ` · ${fmtNum(e.location.lat, 2)}, ${fmtNum(e.location.lon, 2)}`) : null);
  const mag = Object.entries(e.magnitude || {});
  fact("Magnitude", mag.length ? mag.map(([k, v]) => h("span", { class: "mag" }, `${k.replace(/_/g, " ")} ${typeof v === "number" ? fmtInt(v) : String(v)}`)) : "—");
  fact("Actors", sideList(e.actor, names));
  fact("Recipients", sideList(e.recipient, names));
  fact("Coverage", `${plural(e.num_mentions, "mention")} · ${plural(e.num_sources, "source")} · ${plural(e.num_articles, "article")}`);
  fact("Seen", e.first_seen ? `${e.first_seen}${e.last_seen && e.last_seen !== e.first_seen ? ` → ${e.last_seen}` : ""}` : "—");

  root.append(h("div", { class: "event-grid" },
    h("section", { class: "panel" }, h("h2", null, "Event"), facts),
    h("section", { class: "panel" }, h("h2", null, "Claims"), claimsTable(e)),
  ));

  const legend = h("div", { class: "legend" },
    ["trigger", "actor", "recipient", "source", "cue", "denial"].map((k) => h("span", { class: "legend-item" }, h("mark", { class: `hl hl-${k}` }, k === "cue" ? "attribution cue" : k))));
  const reportList = h("ol", { class: "reports" });
  if (!reports.length) reportList.append(h("li", { class: "muted" }, "No report is stored for this event."));
  for (const r of reports) {
    const card = reportCard(e, r);
    reportList.append(card);
    if ((r.denied_by || []).length && r.document_id !== undefined) addDenials(card, r);
  }
  root.append(h("section", { class: "panel" }, h("div", { class: "panel-head" }, h("h2", null, `Reports (${reports.length})`), legend), reportList));
  return null;
}

/**
 * Adds the sentences in which the event is denied: the document's denial events (REJECT)
 * whose `links` name this report's event.
 */
async function addDenials(card, r) {
  let doc;
  try {
    doc = await getDocument(r.document_id);
  } catch {
    return;
  }
  const localId = r.local_id;
  const denials = (doc.events || []).filter((ev) => localId && (ev.links || []).includes(localId));
  for (const ev of denials) {
    const text = ev.evidence || "";
    const marks = [];
    if (ev.trigger?.text) findAll(text, ev.trigger.text).slice(0, 1).forEach(([start, end]) => marks.push({ start, end, kind: "trigger", title: `${ev.event} (${ev.cameo})` }));
    for (const a of [...(ev.actor || []), ...(r.denied_by || [])]) if (a.text) findWords(text, a.text).forEach(([start, end]) => marks.push({ start, end, kind: "denial", title: `denied by ${a.text}` }));
    card.append(h("div", { class: "denial-block" },
      h("span", { class: "small muted" }, "Denied in: "),
      h("blockquote", { class: "evidence denial" }, renderMarked(text, marks, PRIORITY)),
      ev.store_id !== undefined && ev.store_id !== null ? h("a", { class: "small", href: `#/event/${encodeURIComponent(ev.store_id)}` }, `the denial as an event (${ev.event}) →`) : null));
  }
}

const documentCache = new Map();
function getDocument(id) {
  if (!documentCache.has(id)) documentCache.set(id, get(`documents/${encodeURIComponent(id)}`).catch((err) => { documentCache.delete(id); throw err; }));
  return documentCache.get(id);
}

/** A link to the dyad view of the event's first actor and recipient codes, when both exist. */
function dyadLink(e) {
  const a = (e.actor || []).find((x) => x.code)?.code;
  const b = (e.recipient || []).find((x) => x.code && x.code !== a)?.code;
  if (!a || !b) return null;
  return h("p", { class: "small" }, h("a", { href: `#/dyad/${encodeURIComponent(a)}/${encodeURIComponent(b)}` }, `${a} ⇄ ${b}: timeline and all their events →`));
}

function sideList(list, names) {
  if (!list?.length) return h("span", { class: "muted" }, "—");
  return h("ul", { class: "side-list" }, list.map((a) => h("li", null,
    a.code ? h("a", { class: "actor", href: `#/events?actor=${encodeURIComponent(a.code)}`, title: a.code }, actorLabel(a, names)) : h("span", { class: "actor unknown" }, "?"),
    " ", a.text ? `“${a.text}”` : "", a.implicit ? h("span", { class: "muted" }, " (implied by the story)") : null, a.code && names.get(a.code) && names.get(a.code) !== a.code ? h("span", { class: "muted" }, ` ${names.get(a.code)}`) : null)));
}

function claimsTable(e) {
  const claims = e.claims || [];
  if (!claims.length) {
    return h("p", { class: "muted" }, e.status === "asserted" ? "Stated in the articles' own voice; no source is named." : "No claim is recorded.");
  }
  return h("table", { class: "claims" },
    h("thead", null, h("tr", null, h("th", null, "Stance"), h("th", null, "Who"), h("th", null, "Code"), h("th", null, "Cue"), h("th", null, "First seen"), h("th", null, "Reported by"))),
    h("tbody", null, claims.map((c) => h("tr", { class: `stance-${c.stance}` },
      h("td", null, h("span", { class: `badge ${c.stance === "denies" ? "st-denied" : "st-reported"}` }, c.stance)),
      h("td", null, c.claimant || "—", c.is_outlet ? h("span", { class: "muted" }, " (outlet)") : null,
        c.source_type ? [" ", h("span", { class: "tag source-type", title: "kind of source" }, c.source_type.replace(/_/g, " "))] : null,
        c.hedged ? h("span", { class: "muted", title: "the source hedges: “reportedly”, “allegedly”, “appears”" }, " (hedged)") : null),
      h("td", null, c.code ? `${c.code}${c.sector ? `·${c.sector}` : ""}` : "—"),
      h("td", null, c.cue ? h("mark", { class: `hl ${c.stance === "denies" ? "hl-denial" : "hl-cue"}` }, c.cue) : "—"),
      h("td", null, c.first_seen || "—"),
      h("td", { class: "muted small" }, (c.sources || []).join(", "))))));
}

function reportCard(e, r) {
  const text = r.evidence || e.evidence || "";
  const marks = [];
  const add = (kind, ranges, title) => ranges.forEach(([start, end]) => marks.push({ start, end, kind, title }));
  const trig = r.trigger || e.trigger;
  if (trig?.text) add("trigger", findAll(text, trig.text).slice(0, 1), `trigger → ${e.event} (${e.cameo})`);
  for (const a of r.actors || r.actor || e.actor || []) if (a.text) add("actor", findWords(text, a.text), `actor ${actorLabel(a)}`);
  for (const a of r.recipients || r.recipient || e.recipient || []) if (a.text) add("recipient", findWords(text, a.text), `recipient ${actorLabel(a)}`);
  for (const a of r.attribution || []) {
    if (a.text) add("source", findWords(text, a.text), `source: ${a.text}${a.source_type ? ` (${a.source_type})` : ""}`);
    if (a.cue) add("cue", findWords(text, a.cue), `attribution cue “${a.cue}”`);
  }
  for (const d of r.denied_by || []) {
    if (d.text) add("denial", findWords(text, d.text), `denied by ${d.text}${d.code ? ` (${d.code})` : ""}`);
    if (d.cue) add("denial", findWords(text, d.cue), "denial");
  }
  const attributions = (r.attribution || []).map((a) => `${a.text}${a.cue ? ` (“${a.cue}”)` : ""}`);
  const denials = (r.denied_by || []).map((d) => `${d.text}${d.code ? ` (${d.code})` : ""}`);
  return h("li", { class: "report" },
    h("div", { class: "report-meta" },
      h("a", { class: "doc-link", href: `#/document/${encodeURIComponent(r.document_id)}` }, r.title || r.doc_key || `document ${r.document_id}`),
      r.source ? h("span", { class: "muted" }, ` · ${r.source}`) : null,
      r.published ? h("span", { class: "muted" }, ` · ${r.published}`) : null,
      " ", statusBadge(r.status),
      r.counted === false ? h("span", { class: "tag", title: "A near-duplicate (wire) copy of a report already counted: not counted again in mentions and sources" }, "copy · not counted") : null,
      r.url && /^https?:\/\//i.test(r.url) ? h("a", { class: "ext", href: r.url, rel: "noopener noreferrer nofollow", target: "_blank" }, "original ↗") : null,
    ),
    h("blockquote", { class: "evidence" }, renderMarked(text, marks, PRIORITY)),
    attributions.length || denials.length
      ? h("p", { class: "report-claims small" },
        attributions.length ? [h("span", { class: "muted" }, "Source: "), attributions.join("; ")] : null,
        attributions.length && denials.length ? " · " : null,
        denials.length ? [h("span", { class: "muted" }, "Denied by: "), denials.join("; ")] : null)
      : null,
  );
}
