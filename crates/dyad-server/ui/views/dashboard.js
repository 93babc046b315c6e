// Dashboard: what the store holds, the mix of event types, the overall timeline, the most
// active dyads and the latest events. Every count follows the status picker (default:
// asserted, reported, alleged) and, unless `dates=all`, the publication window: the months
// in which the stored documents were published, so that an event dated by a target
// ("by 2050") does not stretch the charts over decades.
import { h, clear, errorBox, emptyBox, fmtInt, fmtSigned, plural, balanceBar, QUADS, apiStatus, isOrganisationCode } from "../dom.js";
import { get, actorNameMap } from "../api.js";
import { typeBars, timeline, timelineLegend, periodRange } from "../charts.js";
import { eventsTable, hashFor, statusPicker, publicationWindow } from "../components.js";

export async function render(root, route) {
  const statusParam = route.query.get("status") || "";
  const allDates = route.query.get("dates") === "all";
  const status = apiStatus(statusParam);
  const go = (patch) => {
    const next = { status: statusParam, dates: allDates ? "all" : "", ...patch };
    location.hash = hashFor("", next);
  };
  root.append(h("p", { class: "state loading" }, "Loading the dashboard…"));
  const [store, names] = await Promise.all([get("stats", { status }), actorNameMap()]);
  const win = allDates ? null : publicationWindow(store);
  const stats = win ? await get("stats", { status, ...win }) : store;
  clear(root);
  if (!store.events) {
    root.append(emptyBox("The store is empty.",
      "Ingest articles with `dyad ingest FILES` (or POST them to /api/documents), or start `dyad demo` to load the bundled examples."));
    return null;
  }
  const filters = { status, ...(win || {}) };
  // Links to the events list carry the same status selection and window.
  const eventsHash = (extra) => hashFor("events", { status: statusParam, ...(win || {}), ...extra });

  const quadTotal = QUADS.reduce((n, q) => n + (stats.by_quad?.[q.key] || 0), 0) || 1;
  const outside = win ? store.matching - stats.matching : 0;
  const tiles = h("div", { class: "tiles" },
    tile("Events", fmtInt(stats.matching), `of ${plural(store.events, "stored event")} · ${plural(store.reports, "report")}`, "events"),
    tile("Documents", fmtInt(store.documents), plural(store.sources, "source")),
    tile("Published", store.published_first ? `${store.published_first}` : "—", store.published_last ? `to ${store.published_last}` : ""),
    h("div", { class: "tile wide" },
      h("div", { class: "tile-label" }, "Cooperation vs conflict"),
      balanceBar(stats.by_quad || {}, "100%"),
      h("div", { class: "quad-split small" }, QUADS.map((q) => h("span", null, h("span", { class: `swatch ${q.cls}` }),
        `${q.short} ${fmtInt(stats.by_quad?.[q.key] || 0)} (${Math.round((100 * (stats.by_quad?.[q.key] || 0)) / quadTotal)}%)`)))),
  );

  const windowNote = h("p", { class: "window-note small" },
    win
      ? [`Counts and charts cover the events dated in the months the documents were published (${win.since} to ${win.until})`,
        outside ? `; ${plural(outside, "event")} dated outside it (a target “by 2050”, a historical reference) are left out. ` : ". ",
        h("a", { href: hashFor("", { status: statusParam, dates: "all" }), class: "dates-all" }, "Show all dates")]
      : [`Counts and charts cover every event date (${stats.first || "—"} to ${stats.last || "—"}). `,
        publicationWindow(store) ? h("a", { href: hashFor("", { status: statusParam }), class: "dates-window" }, "Only the publication period") : null]);

  const timelineBox = h("div", { class: "chart-box" }, h("p", { class: "state loading" }, "…"));
  const dyadBox = h("div", null, h("p", { class: "state loading" }, "…"));
  const latestBox = h("div", null, h("p", { class: "state loading" }, "…"));
  const timelineTitle = h("h2", null, "Cooperation and conflict per month");

  root.append(
    h("header", { class: "page-head" }, h("h1", null, "Dashboard"),
      h("p", { class: "lede" }, "Who did what to whom, as the press tells it: counts, the most active pairs of actors and the latest coded events."),
      statusPicker(statusParam, (value) => go({ status: value }))),
    tiles,
    windowNote,
    h("div", { class: "dash-grid" },
      h("section", { class: "panel" }, h("div", { class: "panel-head" }, h("h2", null, "Events by type"), h("span", { class: "small muted" }, "click a bar for its events")),
        typeBars(stats.by_type, { onClick: (type) => { location.hash = eventsHash({ event: type }); } })),
      h("section", { class: "panel" }, h("div", { class: "panel-head" }, timelineTitle, timelineLegend()), timelineBox),
    ),
    h("div", { class: "dash-grid" },
      h("section", { class: "panel" }, h("div", { class: "panel-head" }, h("h2", null, "Most active dyads"), h("a", { class: "small", href: hashFor("network", { status: statusParam, ...(win || {}) }) }, "network →")), dyadBox),
      h("section", { class: "panel" }, h("div", { class: "panel-head" }, h("h2", null, "Latest events"), h("a", { class: "small", href: eventsHash({}) }, "all events →")), latestBox),
    ),
  );

  const jobs = [
    get("timeline", { interval: "month", ...filters }).then((t) => {
      const width = Math.max(360, timelineBox.clientWidth || 640);
      const chart = timeline(t.buckets || [], { width, height: 400, interval: "month",
        onClick: (b, interval) => { const [since, until] = periodRange(b.period, interval); location.hash = eventsHash({ since, until }); } });
      if (chart.dataset.interval !== "month") timelineTitle.textContent = `Cooperation and conflict per ${chart.dataset.interval}`;
      clear(timelineBox).append(chart);
    }).catch((err) => clear(timelineBox).append(errorBox(err))),
    get("dyads", { limit: 12, status, ...(win || {}) }).then((d) => clear(dyadBox).append(dyadTable(d.dyads || [], names, statusParam ? `?status=${encodeURIComponent(statusParam)}` : ""))).catch((err) => clear(dyadBox).append(errorBox(err))),
    get("events", { limit: 12, sort: "date", ...filters }).then(async (d) => clear(latestBox).append(await eventsTable(d.events || [], { compact: true })))
      .catch((err) => clear(latestBox).append(errorBox(err))),
  ];
  await Promise.all(jobs);
  return null;
}

function tile(label, value, sub, key) {
  return h("div", { class: "tile", dataset: key ? { tile: key } : {} }, h("div", { class: "tile-label" }, label), h("div", { class: "tile-value" }, value), h("div", { class: "tile-sub muted" }, sub));
}

/** The dyads as rows linking to the dyad view; `query` (e.g. "?status=all") goes along. */
export function dyadTable(dyads, names, query = "") {
  if (!dyads.length) return h("p", { class: "muted" }, "No event has both an actor and a recipient yet.");
  // The API names both codes (name_a, name_b); the actors' names are the fallback.
  const name = (c, given) => (given && given !== c ? given : names.get(c) && names.get(c) !== c ? names.get(c) : "");
  const label = (c, given) => (isOrganisationCode(c) && name(c, given)) || c;
  const aside = (c, given) => (isOrganisationCode(c) && name(c, given) ? c : name(c, given));
  return h("div", { class: "table-wrap" }, h("table", { class: "dyads" },
    h("thead", null, h("tr", null, h("th", null, "Dyad"), h("th", { class: "c-num" }, "Events"), h("th", null, "Coop ◂ ▸ Conflict"), h("th", { class: "c-num", title: "mean Goldstein score" }, "Goldst."))),
    h("tbody", null, dyads.map((d) => {
      const href = `#/dyad/${encodeURIComponent(d.code_a)}/${encodeURIComponent(d.code_b)}${query}`;
      const row = h("tr", { class: "clickable" },
        // A country shows its code with its name below; an organisation its name, with
        // its code below (NATO over IGONAT, not "IGO").
        h("td", null, h("a", { href, class: "dyad-link" }, h("b", null, label(d.code_a, d.name_a)), " ⇄ ", h("b", null, label(d.code_b, d.name_b))),
          h("div", { class: "small muted" }, [aside(d.code_a, d.name_a), aside(d.code_b, d.name_b)].filter(Boolean).join(" · "))),
        h("td", { class: "c-num" }, fmtInt(d.events)),
        h("td", null, balanceBar(d, 140)),
        h("td", { class: `c-num gs ${d.goldstein_mean < 0 ? "neg" : "pos"}` }, fmtSigned(d.goldstein_mean)));
      row.addEventListener("click", (e) => { if (!e.target.closest("a")) location.hash = href; });
      return row;
    }))));
}
