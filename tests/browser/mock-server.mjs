#!/usr/bin/env node
// Development aid: serves crates/dyad-server/ui/ and a small in-memory imitation of the dyad
// HTTP API (docs/api.md) built from the dyad CLI's own output, so the UI can be worked on
// before or without the real server. The browser tests run against the real `dyad demo`.
//
// Usage: node tests/browser/mock-server.mjs [--port 8090] [--dyad target/release/dyad]
//        [INPUT ...]  (files for `dyad ingest`/`dyad extract`; default: examples/)
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { join, extname, normalize, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const port = Number(opt("--port", "8090"));
const dyad = opt("--dyad", join(root, "target/release/dyad"));
const inputs = args.length ? args : [join(root, "examples")];

const tmp = mkdtempSync(join(tmpdir(), "dyad-mock-"));
const db = join(tmp, "mock.db");
execFileSync(dyad, ["ingest", "--db", db, "--published", "2024-12-01", ...inputs], { stdio: "ignore" });
const events = execFileSync(dyad, ["events", "--db", db, "--json"], { encoding: "utf8", maxBuffer: 1 << 28 })
  .split("\n").filter(Boolean).map((l) => JSON.parse(l)).map((e) => ({ ...e, store_id: Number(e.id) }));
const extracted = execFileSync(dyad, ["extract", "--published", "2024-12-01", ...inputs], { encoding: "utf8", maxBuffer: 1 << 28 })
  .split("\n").filter(Boolean).map((l) => JSON.parse(l));
rmSync(tmp, { recursive: true, force: true });
const docs = extracted.map((x, i) => ({ ...x, id: i + 1 }));
const docByKey = new Map(docs.map((d) => [d.doc.id, d]));

const QUAD = { 1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict" };
const codesOf = (list) => (list || []).map((a) => a.code).filter(Boolean);
const matchCode = (code, want) => code === want || (code && want && want.startsWith(code) && want.length > code.length) ;

function filterEvents(p) {
  let out = events.slice();
  const get = (k) => p.get(k) || null;
  if (get("actor")) out = out.filter((e) => codesOf(e.actor).some((c) => matchCode(c, get("actor"))));
  if (get("recipient")) out = out.filter((e) => codesOf(e.recipient).some((c) => matchCode(c, get("recipient"))));
  if (get("dyad")) {
    const [a, b] = get("dyad").split(",");
    out = out.filter((e) => (codesOf(e.actor).includes(a) && codesOf(e.recipient).includes(b)) || (codesOf(e.actor).includes(b) && codesOf(e.recipient).includes(a)));
  }
  if (get("event")) out = out.filter((e) => e.event === get("event"));
  if (get("status")) { const want = get("status").split(","); out = out.filter((e) => want.includes(e.status)); }
  if (get("since")) out = out.filter((e) => e.date && e.date >= get("since"));
  if (get("until")) out = out.filter((e) => e.date && e.date <= get("until"));
  if (get("q")) out = out.filter((e) => (e.evidence || "").toLowerCase().includes(get("q").toLowerCase()));
  if (get("place")) out = out.filter((e) => (e.location?.name || "").toLowerCase() === get("place").toLowerCase());
  if (get("country")) out = out.filter((e) => e.location?.country === get("country"));
  const sort = get("sort") || "date";
  const key = { date: (e) => e.date || "", "date-asc": (e) => e.date || "", mentions: (e) => e.num_mentions, sources: (e) => e.num_sources, articles: (e) => e.num_articles }[sort];
  if (!key) throw new Error("sort: unknown order");
  out.sort((x, y) => (key(x) < key(y) ? 1 : key(x) > key(y) ? -1 : 0) * (sort === "date-asc" ? -1 : 1));
  return out;
}

function counts(list) {
  const c = { verbal_cooperation: 0, material_cooperation: 0, verbal_conflict: 0, material_conflict: 0, gs: 0 };
  for (const e of list) { c[QUAD[e.quad_class]]++; c.gs += e.goldstein || 0; }
  return c;
}

function api(path, p, res) {
  const send = (code, body) => { res.writeHead(code, { "content-type": "application/json" }); res.end(JSON.stringify(body)); };
  if (path === "/api/health") return send(200, { status: "ok", version: "mock", schema_version: 2, documents: docs.length, events: events.length });
  if (path === "/api/stats") {
    const by = {};
    const matching = filterEvents(p);
    for (const e of matching) by[e.event] = (by[e.event] || 0) + 1;
    const c = counts(matching);
    const dates = matching.map((e) => e.date).filter(Boolean).sort();
    const published = docs.map((d) => d.doc.published).filter(Boolean).sort();
    return send(200, { documents: docs.length, events: events.length, reports: events.reduce((s, e) => s + e.num_mentions, 0), sources: 2,
      matching: matching.length, published_first: published[0] || null, published_last: published[published.length - 1] || null,
      by_type: Object.entries(by).map(([event, count]) => ({ event, count })).sort((a, b) => b.count - a.count),
      by_quad: { verbal_cooperation: c.verbal_cooperation, material_cooperation: c.material_cooperation, verbal_conflict: c.verbal_conflict, material_conflict: c.material_conflict },
      first: dates[0] || null, last: dates[dates.length - 1] || null });
  }
  if (path === "/api/events") {
    let list;
    try { list = filterEvents(p); } catch (err) { return send(400, { error: err.message }); }
    const limit = Number(p.get("limit") || 50), offset = Number(p.get("offset") || 0);
    return send(200, { total: list.length, limit, offset, events: list.slice(offset, offset + limit) });
  }
  let m = path.match(/^\/api\/events\/(\d+)$/);
  if (m) {
    const e = events.find((x) => x.store_id === Number(m[1]));
    if (!e) return send(404, { error: `no event ${m[1]}` });
    const reports = e.documents.map((k) => docByKey.get(k)).filter(Boolean).map((d) => ({
      document_id: d.id, doc_key: d.doc.id, title: d.doc.title, url: d.doc.url, source: d.doc.source, published: d.doc.published,
      local_id: d.events.find((x) => x.evidence === e.evidence && x.event === e.event)?.id, counted: true,
      evidence: e.evidence, status: e.status, attribution: e.attribution, denied_by: e.denied_by, trigger: e.trigger,
      actors: e.actor, recipients: e.recipient }));
    return send(200, { event: e, reports });
  }
  if (path === "/api/actors") {
    const by = new Map();
    for (const e of events) for (const [role, list] of [["as_actor", e.actor], ["as_recipient", e.recipient]]) for (const c of new Set(codesOf(list))) {
      const a = by.get(c) || { code: c, name: c, events: 0, as_actor: 0, as_recipient: 0, cooperation: 0, conflict: 0, goldstein_mean: 0, first: null, last: null, entities: 1 };
      a.events++; a[role]++; if (e.quad_class <= 2) a.cooperation++; else a.conflict++;
      by.set(c, a);
    }
    return send(200, { actors: [...by.values()].sort((a, b) => b.events - a.events) });
  }
  if (path === "/api/dyads") {
    const by = new Map();
    for (const e of filterEvents(p)) for (const a of new Set(codesOf(e.actor))) for (const b of new Set(codesOf(e.recipient))) {
      if (a === b) continue;
      const [x, y] = [a, b].sort();
      const k = x + "," + y;
      const d = by.get(k) || { code_a: x, code_b: y, list: [] };
      d.list.push(e); by.set(k, d);
    }
    const dyads = [...by.values()].map((d) => { const c = counts(d.list); const coop = c.verbal_cooperation + c.material_cooperation, conf = c.verbal_conflict + c.material_conflict;
      return { code_a: d.code_a, code_b: d.code_b, events: d.list.length, verbal_cooperation: c.verbal_cooperation, material_cooperation: c.material_cooperation, verbal_conflict: c.verbal_conflict, material_conflict: c.material_conflict, balance: (coop - conf) / d.list.length, goldstein_mean: c.gs / d.list.length, mentions: d.list.length }; })
      .sort((a, b) => b.events - a.events);
    return send(200, { dyads: dyads.slice(0, Number(p.get("limit") || 20)) });
  }
  if (path === "/api/timeline") {
    const interval = p.get("interval") || "month";
    const list = filterEvents(p).filter((e) => e.date);
    const by = new Map();
    for (const e of list) {
      let period = e.date.slice(0, interval === "month" ? 7 : 10);
      if (interval === "week") { const d = new Date(e.date + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7)); period = d.toISOString().slice(0, 10); }
      (by.get(period) || by.set(period, []).get(period)).push(e);
    }
    const buckets = [...by.entries()].sort().map(([period, l]) => { const c = counts(l); return { period, events: l.length, verbal_cooperation: c.verbal_cooperation, material_cooperation: c.material_cooperation, verbal_conflict: c.verbal_conflict, material_conflict: c.material_conflict, goldstein_mean: c.gs / l.length, goldstein_sum: c.gs, undated: 0 }; });
    return send(200, { interval, buckets });
  }
  if (path === "/api/network") {
    const list = filterEvents(p);
    const nodes = new Map(), edges = new Map();
    for (const e of list) for (const a of new Set(codesOf(e.actor))) for (const b of new Set(codesOf(e.recipient))) {
      if (a === b) continue;
      for (const [c, side] of [[a, "as_actor"], [b, "as_recipient"]]) {
        const n = nodes.get(c) || { code: c, name: c, events: 0, as_actor: 0, as_recipient: 0 };
        n.events++; n[side]++; nodes.set(c, n);
      }
      const k = a + ">" + b;
      const ed = edges.get(k) || { source: a, target: b, events: 0, cooperation: 0, conflict: 0, goldstein_mean: 0, gs: 0 };
      ed.events++; if (e.quad_class <= 2) ed.cooperation++; else ed.conflict++; ed.gs += e.goldstein; ed.goldstein_mean = ed.gs / ed.events;
      edges.set(k, ed);
    }
    return send(200, { nodes: [...nodes.values()], edges: [...edges.values()].map(({ gs, ...r }) => r) });
  }
  if (path === "/api/places") {
    const by = new Map();
    for (const e of filterEvents(p)) { const l = e.location; if (!l || l.lat == null) continue;
      const pl = by.get(l.name) || { name: l.name, country: l.country, lat: l.lat, lon: l.lon, events: 0, conflict: 0, cooperation: 0 };
      pl.events++; if (e.quad_class <= 2) pl.cooperation++; else pl.conflict++; by.set(l.name, pl); }
    return send(200, { places: [...by.values()] });
  }
  if (path === "/api/documents") {
    return send(200, { total: docs.length, documents: docs.map((d) => ({ id: d.id, doc_key: d.doc.id, title: d.doc.title, url: d.doc.url, source: d.doc.source, published: d.doc.published, events: d.events.length, duplicate_of: d.doc.duplicate_of || null })) });
  }
  m = path.match(/^\/api\/documents\/(\d+)$/);
  if (m) {
    const d = docs.find((x) => x.id === Number(m[1]));
    if (!d) return send(404, { error: `no document ${m[1]}` });
    const evs = d.events.map((ev) => { const s = events.find((x) => x.evidence === ev.evidence && x.event === ev.event); return { ...ev, store_id: s ? s.store_id : null }; });
    return send(200, { document: { ...d.doc, store_id: d.id, entities: d.entities, removed: d.removed || [] }, events: evs });
  }
  return send(404, { error: `no route ${path}` });
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml" };
const ui = join(root, "crates/dyad-server/ui");
createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  if (url.pathname.startsWith("/api/")) return api(url.pathname, url.searchParams, res);
  let file = url.pathname === "/" ? "index.html" : url.pathname.startsWith("/assets/") ? url.pathname.slice(8) : null;
  if (file) file = normalize(file);
  if (!file || file.startsWith("..")) { res.writeHead(404); return res.end("not found"); }
  try {
    const body = readFileSync(join(ui, file));
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(body);
  } catch { res.writeHead(404); res.end("not found"); }
}).listen(port, "127.0.0.1", () => console.log(`mock dyad API on http://127.0.0.1:${port}/ (${events.length} events, ${docs.length} documents)`));
