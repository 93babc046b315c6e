// Documents: the stored articles, newest first, searchable by title. A wire copy (a
// near-duplicate of a stored document, `duplicate_of`) is marked and links to its original;
// its events count once, with the original.
import { h, clear, loading, errorBox, emptyBox, fmtInt, plural } from "../dom.js";
import { get } from "../api.js";
import { hashFor, pager, pageHeader } from "../components.js";

const PAGE = 50;

export async function render(root, route) {
  const list = h("div", { "aria-live": "polite" });
  const search = h("input", { type: "search", placeholder: "search documents", value: route.query.get("q") || "", size: 24 });
  const form = h("form", { class: "filters", role: "search", onsubmit: (e) => { e.preventDefault(); location.hash = hashFor("documents", { q: search.value.trim() }); } },
    h("label", { class: "field" }, h("span", null, "Text"), search), h("div", { class: "filter-actions" }, h("button", { class: "btn primary", type: "submit" }, "Search")));
  root.append(pageHeader("Documents", h("p", { class: "lede" }, "The articles in the store. Open one to read it with its actors, triggers, sources and denials marked.")), form, list);

  async function load(r) {
    const q = r.query.get("q") || "";
    const offset = Math.max(0, Number(r.query.get("offset")) || 0);
    list.append(loading());
    try {
      const data = await get("documents", { q, limit: PAGE, offset });
      clear(list);
      if (!data.documents.length) {
        list.append(emptyBox(q ? "No document matches." : "The store holds no documents yet.", "Ingest with `dyad ingest` or POST /api/documents."));
        return;
      }
      const copies = data.documents.filter((d) => d.duplicate_of).length;
      const rows = data.documents.map((d) => h("tr", { class: `clickable${d.duplicate_of ? " copy" : ""}`, onclick: (e) => { if (!e.target.closest("a")) location.hash = `#/document/${d.id}`; } },
        h("td", { class: "c-date" }, d.published || "—"),
        h("td", null, h("a", { href: `#/document/${encodeURIComponent(d.id)}` }, d.title || d.doc_key || `document ${d.id}`),
          d.duplicate_of
            ? h("div", { class: "copy-of small" }, h("span", { class: "tag copy-tag", title: "A near-duplicate of a stored document (a wire copy or re-publication): its events count once, with the original's" }, "wire copy"),
              " of ", h("a", { href: hashFor("documents", { q: d.duplicate_of }), class: "copy-link" }, d.duplicate_of))
            : null),
        h("td", { class: "muted" }, d.source || (d.url ? safeHost(d.url) : "")),
        h("td", { class: "c-num" }, fmtInt(d.events))));
      list.append(
        copies ? h("p", { class: "small muted" }, `${plural(copies, "wire copy", "wire copies")} on this page, marked: their events count once, with the original's.`) : null,
        h("div", { class: "table-wrap" }, h("table", { class: "events-table documents-table" },
          h("thead", null, h("tr", null, h("th", { class: "c-date" }, "Published"), h("th", null, "Title"), h("th", null, "Source"), h("th", { class: "c-num" }, "Events"))),
          h("tbody", null, rows))),
        pager(data.total ?? data.documents.length, PAGE, offset, (o) => { location.hash = hashFor("documents", { q, offset: o || "" }); }),
      );
    } catch (err) {
      clear(list).append(errorBox(err, () => load(r)));
    }
  }
  await load(route);
  return { update: (r) => { clear(list); return load(r); } };
}

function safeHost(url) {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}
