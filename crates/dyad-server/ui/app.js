// dyad's web UI: a hash router over the views, the top navigation and the health badge.
// Routes: #/ dashboard, #/dyad/A/B, #/network?filters, #/map?filters, #/events?filters,
// #/event/ID, #/document/ID, #/documents.
import { h, clear, errorBox, fmtInt, hideTooltip } from "./dom.js";
import { get } from "./api.js";
import * as dashboard from "./views/dashboard.js";
import * as dyad from "./views/dyad.js";
import * as network from "./views/network.js";
import * as map from "./views/map.js";
import * as events from "./views/events.js";
import * as event from "./views/event.js";
import * as documentView from "./views/document.js";
import * as documents from "./views/documents.js";

const ROUTES = [
  { name: "dashboard", pattern: /^\/?$/, view: dashboard, title: "Dashboard" },
  { name: "dyad", pattern: /^\/dyad(?:\/([^/]+)\/([^/]+))?\/?$/, view: dyad, title: "Dyad" },
  { name: "network", pattern: /^\/network\/?$/, view: network, title: "Network" },
  { name: "map", pattern: /^\/map\/?$/, view: map, title: "Map" },
  { name: "events", pattern: /^\/events\/?$/, view: events, title: "Events" },
  { name: "event", pattern: /^\/event\/([^/]+)\/?$/, view: event, title: "Event" },
  { name: "document", pattern: /^\/document\/([^/]+)\/?$/, view: documentView, title: "Document" },
  { name: "documents", pattern: /^\/documents\/?$/, view: documents, title: "Documents" },
];

/** Parses location.hash into {name, params: [...captures], query: URLSearchParams}. */
export function parseHash(hash = location.hash) {
  const raw = hash.replace(/^#/, "") || "/";
  const qIndex = raw.indexOf("?");
  const path = qIndex >= 0 ? raw.slice(0, qIndex) : raw;
  const query = new URLSearchParams(qIndex >= 0 ? raw.slice(qIndex + 1) : "");
  for (const route of ROUTES) {
    const m = path.match(route.pattern);
    if (m) {
      return { ...route, params: m.slice(1).map((p) => (p === undefined ? undefined : safeDecode(p))), query };
    }
  }
  return { name: "missing", path, params: [], query, title: "Not found" };
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const container = document.getElementById("view");
let current = null; // {name, handle}
let generation = 0;

/** Marks the view as rendered for this hash (tests and tools wait on data-ready). */
function ready(hash) {
  if (location.hash === hash || (!location.hash && !hash)) container.dataset.ready = hash || "#/";
}

async function route() {
  hideTooltip();
  const hash = location.hash;
  delete container.dataset.ready;
  const r = parseHash();
  for (const link of document.querySelectorAll(".nav a")) {
    const active = link.dataset.route === r.name || (r.name === "event" && link.dataset.route === "events") ||
      (r.name === "document" && link.dataset.route === "documents");
    link.classList.toggle("active", active);
    if (active) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  document.title = `${r.title} · dyad`;
  if (current && current.name === r.name && current.handle?.update && current.handle.accepts?.(r) !== false) {
    await current.handle.update(r);
    ready(hash);
    return;
  }
  const mine = ++generation;
  clear(container);
  if (r.name === "missing") {
    container.append(errorBox({ status: 404, message: `There is no view at “${r.path}”.` }));
    current = null;
    ready(hash);
    return;
  }
  const section = h("section", { class: `view view-${r.name}` });
  container.append(section);
  try {
    const handle = await r.view.render(section, r, { isCurrent: () => mine === generation });
    if (mine === generation) {
      current = { name: r.name, handle };
      ready(hash);
    }
  } catch (err) {
    if (mine !== generation) return;
    console.warn(err);
    clear(section).append(errorBox(err, () => route()));
    current = null;
    ready(hash);
  }
}

async function health() {
  const box = document.getElementById("health");
  try {
    const hl = await get("health");
    clear(box).append(
      h("span", { class: "dot ok", "aria-hidden": "true" }),
      h("span", null, `${fmtInt(hl.events)} events · ${fmtInt(hl.documents)} documents`),
      h("span", { class: "muted" }, ` · v${hl.version}`),
    );
    box.title = `dyad ${hl.version}, store schema ${hl.schema_version}`;
  } catch (err) {
    healthDown(err.message);
  }
}

function healthDown(message) {
  const box = document.getElementById("health");
  clear(box).append(h("span", { class: "dot down", "aria-hidden": "true" }), h("span", null, "API unreachable"));
  box.title = message || "";
}

window.addEventListener("hashchange", route);
window.addEventListener("dyad:api-down", (e) => healthDown(e.detail));
route();
health();
setInterval(health, 30000);
