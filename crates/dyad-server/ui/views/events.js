// Events: the filterable, sortable, paged table; every filter lives in the URL hash.
import { h, clear, loading, errorBox, emptyBox } from "../dom.js";
import { get } from "../api.js";
import { apiFilters, filterBar, filtersOf, hashFor, eventsTable, pager, pageHeader } from "../components.js";

const PAGE = 50;

export async function render(root, route) {
  const head = pageHeader("Events", h("p", { class: "lede" }, "One row per real-world happening, merged over every report of it. Click a row for its evidence."));
  const barSlot = h("div");
  const results = h("div", { class: "results", "aria-live": "polite" });
  root.append(head, barSlot, results);

  let state = null;

  async function load(r) {
    const query = r.query;
    const filters = filtersOf(query);
    const sort = query.get("sort") || "date";
    const offset = Math.max(0, Number(query.get("offset")) || 0);
    const same = state && JSON.stringify(state.filters) === JSON.stringify(filters);
    if (!same) {
      clear(barSlot).append(filterBar(filters, (next) => { location.hash = hashFor("events", { ...next, sort: sort === "date" ? "" : sort }); }));
    }
    state = { filters, sort, offset };
    results.classList.add("busy");
    if (!results.firstChild) results.append(loading());
    try {
      const data = await get("events", { ...apiFilters(filters), sort, limit: PAGE, offset });
      if (state.filters !== filters || state.offset !== offset || state.sort !== sort) return; // a newer request won
      clear(results);
      const go = (patch) => { location.hash = hashFor("events", { ...filters, sort: sort === "date" ? "" : sort, offset: offset || "", ...patch }); };
      if (data.total === 0) {
        results.append(emptyBox(Object.keys(filters).length ? "No event matches these filters." : "The store holds no events yet.",
          Object.keys(filters).length ? "Loosen a filter or clear them all." : "Ingest documents with `dyad ingest` or POST /api/documents."));
        return;
      }
      const top = pager(data.total, PAGE, offset, (o) => go({ offset: o || "" }));
      results.append(
        h("div", { class: "results-head" },
          h("span", { class: "count", "data-total": String(data.total) }, `${data.total.toLocaleString("en-US")} ${data.total === 1 ? "event" : "events"}`),
          h("span", { class: "see-also small" }, "these filters as a ", h("a", { href: hashFor("network", filters) }, "network"), " · ", h("a", { href: hashFor("map", filters) }, "map")),
          top),
        await eventsTable(data.events, { sort, onSort: (s) => go({ sort: s === "date" ? "" : s, offset: "" }) }),
        pager(data.total, PAGE, offset, (o) => go({ offset: o || "" })),
      );
    } catch (err) {
      clear(results).append(errorBox(err, () => load(r)));
    } finally {
      results.classList.remove("busy");
    }
  }

  await load(route);
  return { update: load };
}
