// Dyad: two actors, their cooperation-vs-conflict timeline (day/week/month) and the events
// between them in either direction. Tiles, balance, chart and list follow the status
// picker (default: asserted, reported, alleged) and, unless `dates=all`, the publication
// window (as the dashboard).
import { h, clear, errorBox, emptyBox, fmtInt, fmtSigned, plural, balanceBar, QUADS, apiStatus } from "../dom.js";
import { get } from "../api.js";
import { timeline, timelineLegend, periodRange } from "../charts.js";
import { eventsTable, hashFor, pager, statusPicker, publicationWindow } from "../components.js";
import { dyadTable } from "./dashboard.js";

const PAGE = 50;

export async function render(root, route) {
  let [a, b] = route.params;
  const interval = ["day", "week", "month"].includes(route.query.get("interval")) ? route.query.get("interval") : "month";
  const statusParam = route.query.get("status") || "";
  const allDates = route.query.get("dates") === "all";
  const status = apiStatus(statusParam);
  root.append(h("p", { class: "state loading" }, "Loading actors…"));
  const [{ actors }, { dyads }, stats] = await Promise.all([get("actors", { limit: 1000 }, { cached: true }),
    get("dyads", { limit: 20, status }), get("stats", {}, { cached: true })]);
  const win = allDates ? null : publicationWindow(stats);
  // What the URL keeps besides the dyad: interval, status, dates.
  const query = (iv, st, all) => {
    const q = hashFor("", { interval: iv !== "month" ? iv : "", status: st, dates: all ? "all" : "" }).slice(2);
    return q;
  };
  if (!a || !b) {
    if (dyads?.length) {
      location.replace(`#/dyad/${encodeURIComponent(dyads[0].code_a)}/${encodeURIComponent(dyads[0].code_b)}${query(interval, statusParam, allDates)}`);
      return null;
    }
    clear(root).append(h("header", { class: "page-head" }, h("h1", null, "Dyads")),
      emptyBox("No dyad yet.", "Dyads appear once events with both an actor and a recipient are stored."));
    return null;
  }
  a = a.toUpperCase();
  b = b.toUpperCase();
  clear(root);
  const names = new Map((actors || []).map((x) => [x.code, x.name || x.code]));

  const picker = (value, label) => {
    const sel = h("select", { "aria-label": label, class: "actor-picker" });
    const codes = (actors || []).map((x) => x.code);
    if (!codes.includes(value)) codes.unshift(value);
    for (const code of codes) {
      const n = names.get(code);
      const count = (actors || []).find((x) => x.code === code)?.events;
      sel.append(h("option", { value: code, selected: code === value }, `${code}${n && n !== code ? ` — ${n}` : ""}${count !== undefined ? ` (${count})` : ""}`));
    }
    return sel;
  };
  const pickA = picker(a, "First actor");
  const pickB = picker(b, "Second actor");
  const pickInterval = h("select", { "aria-label": "Interval" }, ["day", "week", "month"].map((i) => h("option", { value: i, selected: i === interval }, `per ${i}`)));
  const go = (x, y, iv, st = statusParam, all = allDates) => {
    location.hash = `#/dyad/${encodeURIComponent(x)}/${encodeURIComponent(y)}${query(iv, st, all)}`;
  };
  pickA.addEventListener("change", () => go(pickA.value, pickB.value, pickInterval.value));
  pickB.addEventListener("change", () => go(pickA.value, pickB.value, pickInterval.value));
  pickInterval.addEventListener("change", () => go(pickA.value, pickB.value, pickInterval.value));

  const summary = h("div", { class: "dyad-summary" });
  const chart = h("div", { class: "chart-box" }, h("p", { class: "state loading" }, "…"));
  const list = h("div", null, h("p", { class: "state loading" }, "…"));
  root.append(
    h("header", { class: "page-head" },
      h("h1", null, `${names.get(a) || a} ⇄ ${names.get(b) || b}`),
      h("form", { class: "dyad-pickers", onsubmit: (e) => e.preventDefault() },
        pickA,
        h("button", { type: "button", class: "btn", title: "Swap", onclick: () => go(b, a, interval) }, "⇄"),
        pickB, pickInterval),
      statusPicker(statusParam, (value) => go(a, b, interval, value))),
    summary,
    h("p", { class: "window-note small" },
      win
        ? [`Events dated ${win.since} to ${win.until}, the months the documents were published. `,
          h("a", { href: `#/dyad/${encodeURIComponent(a)}/${encodeURIComponent(b)}${query(interval, statusParam, true)}`, class: "dates-all" }, "Show all dates")]
        : ["Every event date. ", publicationWindow(stats)
          ? h("a", { href: `#/dyad/${encodeURIComponent(a)}/${encodeURIComponent(b)}${query(interval, statusParam, false)}`, class: "dates-window" }, "Only the publication period") : null]),
    h("section", { class: "panel" }, h("div", { class: "panel-head" }, h("h2", null, `Cooperation and conflict per ${interval}`), timelineLegend()), chart),
    h("div", { class: "dash-grid wide-left" },
      h("section", { class: "panel" }, h("div", { class: "panel-head" }, h("h2", null, "Events between them"),
        h("a", { class: "small", href: hashFor("events", { dyad: `${a},${b}`, status: statusParam, ...(win || {}) }) }, "open in Events →")), list),
      h("section", { class: "panel" }, h("h2", null, "Other active dyads"), dyadTable((dyads || []).filter((d) => !(new Set([d.code_a, d.code_b]).has(a) && new Set([d.code_a, d.code_b]).has(b))).slice(0, 10), names,
        statusParam ? `?status=${encodeURIComponent(statusParam)}` : "")),
    ),
  );

  const dyadParam = `${a},${b}`;
  const filters = { dyad: dyadParam, status, ...(win || {}) };
  try {
    const t = await get("timeline", { ...filters, interval });
    const buckets = t.buckets || [];
    const sum = (k) => buckets.reduce((n, x) => n + (x[k] || 0), 0);
    const totals = Object.fromEntries(QUADS.map((q) => [q.key, sum(q.key)]));
    const events = sum("events");
    const undated = sum("undated");
    const gsum = buckets.reduce((n, x) => n + (x.goldstein_sum ?? (x.goldstein_mean || 0) * (x.events || 0)), 0);
    clear(summary).append(
      h("div", { class: "tiles" },
        h("div", { class: "tile", dataset: { tile: "events" } }, h("div", { class: "tile-label" }, "Events"), h("div", { class: "tile-value" }, fmtInt(events)),
          h("div", { class: "tile-sub muted" }, undated ? `${plural(events - undated, "dated event")} · ${fmtInt(undated)} undated (charted at publication)` : "all dated")),
        h("div", { class: "tile" }, h("div", { class: "tile-label" }, "Cooperation"), h("div", { class: "tile-value q2-text" }, fmtInt(totals.verbal_cooperation + totals.material_cooperation))),
        h("div", { class: "tile" }, h("div", { class: "tile-label" }, "Conflict"), h("div", { class: "tile-value q4-text" }, fmtInt(totals.verbal_conflict + totals.material_conflict))),
        h("div", { class: "tile" }, h("div", { class: "tile-label" }, "Goldstein mean"), h("div", { class: "tile-value" }, events ? fmtSigned(gsum / events) : "—")),
        h("div", { class: "tile wide" }, h("div", { class: "tile-label" }, "Balance"), balanceBar(totals, "100%"))));
    if (!buckets.length) clear(chart).append(emptyBox("No event between these two actors with these statuses and dates.", "Change the status picker or show all dates."));
    else {
      clear(chart).append(timeline(buckets, { width: Math.max(480, chart.clientWidth || 900), height: 280, interval,
        onClick: (bk, iv) => { const [since, until] = periodRange(bk.period, iv); location.hash = hashFor("events", { dyad: dyadParam, status: statusParam, since, until }); } }));
    }
  } catch (err) {
    clear(chart).append(errorBox(err));
  }

  const loadList = async (offset) => {
    try {
      const data = await get("events", { ...filters, limit: PAGE, offset });
      clear(list);
      if (!data.total) { list.append(emptyBox("No event between these two actors with these statuses and dates.")); return; }
      list.append(await eventsTable(data.events, { compact: true }));
      if (data.total > PAGE) list.append(pager(data.total, PAGE, offset, loadList));
    } catch (err) {
      clear(list).append(errorBox(err));
    }
  };
  await loadList(0);
  return null;
}
