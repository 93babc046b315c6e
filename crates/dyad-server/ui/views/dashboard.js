// Dashboard: what the store holds, the mix of event types, the overall timeline, the most
// active dyads and the latest events.
import { h, clear, errorBox, emptyBox, fmtInt, fmtSigned, balanceBar, QUADS } from "../dom.js";
import { get, actorNameMap } from "../api.js";
import { typeBars, timeline, timelineLegend, periodRange } from "../charts.js";
import { eventsTable, hashFor } from "../components.js";

export async function render(root) {
  root.append(h("p", { class: "state loading" }, "Loading the dashboard…"));
  const [stats, names] = await Promise.all([get("stats"), actorNameMap()]);
  clear(root);
  if (!stats.events) {
    root.append(emptyBox("The store is empty.",
      "Ingest articles with `dyad ingest FILES` (or POST them to /api/documents), or start `dyad demo` to load the bundled examples."));
    return null;
  }

  const quadTotal = QUADS.reduce((n, q) => n + (stats.by_quad?.[q.key] || 0), 0) || 1;
  const tiles = h("div", { class: "tiles" },
    tile("Events", fmtInt(stats.events), `${fmtInt(stats.reports)} reports`),
    tile("Documents", fmtInt(stats.documents), `${fmtInt(stats.sources)} sources`),
    tile("Period", stats.first ? `${stats.first}` : "—", stats.last ? `to ${stats.last}` : ""),
    h("div", { class: "tile wide" },
      h("div", { class: "tile-label" }, "Cooperation vs conflict"),
      balanceBar(stats.by_quad || {}, "100%"),
      h("div", { class: "quad-split small" }, QUADS.map((q) => h("span", null, h("span", { class: `swatch ${q.cls}` }),
        `${q.short} ${fmtInt(stats.by_quad?.[q.key] || 0)} (${Math.round((100 * (stats.by_quad?.[q.key] || 0)) / quadTotal)}%)`)))),
  );

  const timelineBox = h("div", { class: "chart-box" }, h("p", { class: "state loading" }, "…"));
  const dyadBox = h("div", null, h("p", { class: "state loading" }, "…"));
  const latestBox = h("div", null, h("p", { class: "state loading" }, "…"));

  root.append(
    h("header", { class: "page-head" }, h("h1", null, "Dashboard"), h("p", { class: "lede" }, "Who did what to whom, as the press tells it: counts, the most active pairs of actors and the latest coded events.")),
    tiles,
    h("div", { class: "dash-grid" },
      h("section", { class: "panel" }, h("div", { class: "panel-head" }, h("h2", null, "Events by type"), h("span", { class: "small muted" }, "click a bar for its events")),
        typeBars(stats.by_type, { onClick: (type) => { location.hash = hashFor("events", { event: type }); } })),
      h("section", { class: "panel" }, h("div", { class: "panel-head" }, h("h2", null, "Cooperation and conflict per month"), timelineLegend()), timelineBox),
    ),
    h("div", { class: "dash-grid" },
      h("section", { class: "panel" }, h("div", { class: "panel-head" }, h("h2", null, "Most active dyads"), h("a", { class: "small", href: "#/network" }, "network →")), dyadBox),
      h("section", { class: "panel" }, h("div", { class: "panel-head" }, h("h2", null, "Latest events"), h("a", { class: "small", href: "#/events" }, "all events →")), latestBox),
    ),
  );

  const jobs = [
    get("timeline", { interval: "month" }).then((t) => {
      const width = Math.max(360, timelineBox.clientWidth || 640);
      clear(timelineBox).append(timeline(t.buckets || [], { width, height: 400, interval: "month",
        onClick: (b) => { const [since, until] = periodRange(b.period, "month"); location.hash = hashFor("events", { since, until }); } }));
    }).catch((err) => clear(timelineBox).append(errorBox(err))),
    get("dyads", { limit: 12 }).then((d) => clear(dyadBox).append(dyadTable(d.dyads || [], names))).catch((err) => clear(dyadBox).append(errorBox(err))),
    get("events", { limit: 12, sort: "date" }).then(async (d) => clear(latestBox).append(await eventsTable(d.events || [], { compact: true })))
      .catch((err) => clear(latestBox).append(errorBox(err))),
  ];
  await Promise.all(jobs);
  return null;
}

function tile(label, value, sub) {
  return h("div", { class: "tile" }, h("div", { class: "tile-label" }, label), h("div", { class: "tile-value" }, value), h("div", { class: "tile-sub muted" }, sub));
}

export function dyadTable(dyads, names) {
  if (!dyads.length) return h("p", { class: "muted" }, "No event has both an actor and a recipient yet.");
  const name = (c) => (names.get(c) && names.get(c) !== c ? names.get(c) : "");
  return h("div", { class: "table-wrap" }, h("table", { class: "dyads" },
    h("thead", null, h("tr", null, h("th", null, "Dyad"), h("th", { class: "c-num" }, "Events"), h("th", null, "Coop ◂ ▸ Conflict"), h("th", { class: "c-num", title: "mean Goldstein score" }, "Goldst."))),
    h("tbody", null, dyads.map((d) => {
      const href = `#/dyad/${encodeURIComponent(d.code_a)}/${encodeURIComponent(d.code_b)}`;
      const row = h("tr", { class: "clickable" },
        h("td", null, h("a", { href, class: "dyad-link" }, h("b", null, d.code_a), " ⇄ ", h("b", null, d.code_b)),
          h("div", { class: "small muted" }, [name(d.code_a), name(d.code_b)].filter(Boolean).join(" · "))),
        h("td", { class: "c-num" }, fmtInt(d.events)),
        h("td", null, balanceBar(d, 140)),
        h("td", { class: `c-num gs ${d.goldstein_mean < 0 ? "neg" : "pos"}` }, fmtSigned(d.goldstein_mean)));
      row.addEventListener("click", (e) => { if (!e.target.closest("a")) location.hash = href; });
      return row;
    }))));
}
