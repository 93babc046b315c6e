// Browser tests of dyad's web UI, run by run.sh against a live `dyad demo` (DYAD_URL).
// Debian chromium driven by playwright-core; screenshots go to artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const BASE = (process.env.DYAD_URL || "http://127.0.0.1:8080").replace(/\/$/, "");
const TOKEN = process.env.DYAD_TOKEN || "";
const here = dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = process.env.ARTIFACTS || join(here, "artifacts");
mkdirSync(ARTIFACTS, { recursive: true });

let context;
let profile;

before(async () => {
  profile = mkdtempSync(join(tmpdir(), "dyad-chromium-"));
  // A fresh profile directory (--user-data-dir) for every run.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
    viewport: { width: 1440, height: 960 },
    deviceScaleFactor: 1,
  });
});

after(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** A page that records console errors, page errors, dialogs and requests leaving BASE. */
async function openPage() {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (msg) => { if (msg.type() === "error") problems.push(`console: ${msg.text()}`); });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("dialog", async (d) => { problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
  page.on("request", (req) => {
    const url = req.url();
    if (!url.startsWith(BASE) && !url.startsWith("data:")) problems.push(`external request: ${url}`);
  });
  return { page, problems };
}

async function visit(page, hash) {
  const target = `${BASE}/${hash}`;
  // Going to the same URL again would be a no-op hash navigation: reload instead.
  if (page.url() === target) await page.reload({ waitUntil: "load" });
  else await page.goto(target, { waitUntil: "load" });
  // app.js sets main[data-ready] to the hash once that view has rendered (or failed).
  await page.waitForFunction((want) => document.querySelector("main")?.dataset.ready === want, hash || "#/", { timeout: 15000 });
}

const shot = (page, name) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

async function api(path, init) {
  const res = await fetch(`${BASE}${path}`, init);
  const body = await res.json();
  return { status: res.status, body };
}

/** The default statuses of every count in the UI. */
const DEFAULT_STATUS = "asserted,reported,alleged";

/** The months the documents were published in, as the UI's default window. */
function publicationWindow(stats) {
  const since = `${stats.published_first.slice(0, 7)}-01`;
  const [y, m] = stats.published_last.slice(0, 7).split("-").map(Number);
  return { since, until: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

test("dashboard shows totals, types, timeline, dyads and latest events", async () => {
  const { page, problems } = await openPage();
  await visit(page, "#/");
  const store = (await api(`/api/stats?status=${DEFAULT_STATUS}`)).body;
  assert.ok(store.events > 0, "the demo store has events");
  const win = publicationWindow(store);
  const stats = (await api(`/api/stats?status=${DEFAULT_STATUS}&since=${win.since}&until=${win.until}`)).body;
  const tile = await page.locator("[data-tile=events] .tile-value").textContent();
  assert.equal(tile.replace(/,/g, ""), String(stats.matching), "the Events tile counts the default statuses in the window");
  assert.ok(await page.locator(".typebar:not(.zero)").count() >= 3, "type bars with counts");
  assert.ok(await page.locator("svg.timeline rect.bar").count() > 0, "timeline bars");
  assert.ok(await page.locator("table.dyads tbody tr").count() > 0, "dyad rows");
  assert.ok(await page.locator(".events-table tbody tr").count() > 0, "latest events");
  assert.match(await page.locator("#health").textContent(), /events/);
  // Organisations show by name, never as a bare group code ("IGO", "IGO·IGO").
  const chips = await page.locator(".events-table a.actor").allTextContents();
  assert.ok(chips.every((c) => !/^(IGO|NGO|MNC)/.test(c)), `actor chips: ${chips.join(", ")}`);
  const dyadNames = await page.locator("table.dyads tbody a.dyad-link").allTextContents();
  const organisations = (await api(`/api/dyads?status=${DEFAULT_STATUS}&since=${win.since}&until=${win.until}&limit=12`)).body.dyads
    .flatMap((d) => [[d.code_a, d.name_a], [d.code_b, d.name_b]])
    .filter(([code, name]) => /^(IGO|NGO|MNC)[A-Z0-9]+$/.test(code) && name);
  for (const [code, name] of organisations) {
    assert.ok(dyadNames.some((t) => t.includes(name)), `dyad rows name ${code} as ${name}: ${dyadNames.join(", ")}`);
  }
  await shot(page, "dashboard");
  assert.deepEqual(problems, []);
  // A dyad row opens the dyad view.
  await page.locator("table.dyads tbody tr a.dyad-link").first().click();
  await page.waitForURL(/#\/dyad\/[^/]+\/[^/]+/);
  await page.close();
});

test("dyad view draws the timeline and lists the dyad's events", async () => {
  const { page, problems } = await openPage();
  const { dyads } = (await api("/api/dyads?limit=1")).body;
  assert.ok(dyads.length > 0);
  const [a, b] = [dyads[0].code_a, dyads[0].code_b];
  await visit(page, `#/dyad/${a}/${b}`);
  await page.waitForSelector("svg.timeline rect.bar, .chart-box .state.empty");
  assert.ok(await page.locator("select.actor-picker").count() === 2, "two actor pickers");
  assert.equal(await page.locator("select.actor-picker").first().inputValue(), a);
  await page.waitForSelector(".view-dyad .events-table tbody tr");
  assert.ok(await page.locator(".view-dyad .events-table tbody tr").count() > 0);
  await shot(page, "dyad");
  // Switching the interval keeps the dyad and changes the hash.
  await page.locator(".dyad-pickers select").nth(2).selectOption("week");
  await page.waitForURL(/interval=week/);
  await page.waitForSelector("svg.timeline");
  await shot(page, "dyad-week");
  assert.deepEqual(problems, []);
  await page.close();
});

test("network draws nodes and edges; a node opens its events", async () => {
  const { page, problems } = await openPage();
  await visit(page, "#/network");
  await page.waitForSelector("svg.network .node");
  const nodes = await page.locator("svg.network .node").count();
  assert.ok(nodes >= 2, `nodes: ${nodes}`);
  assert.ok(await page.locator("svg.network .edge").count() >= 1);
  const first = page.locator("svg.network .node").first();
  await first.hover();
  assert.equal(await page.locator("#tooltip").isVisible(), true, "hover shows counts");
  await shot(page, "network");
  const code = await first.getAttribute("data-code");
  await first.click();
  await page.waitForURL(new RegExp(`#/events\\?actor=${code}`));
  await page.waitForSelector(".events-table tbody tr");
  assert.deepEqual(problems, []);
  await page.close();
});

test("map draws Natural Earth outlines and event places", async () => {
  const { page, problems } = await openPage();
  await visit(page, "#/map");
  await page.waitForSelector("svg.map .country");
  assert.ok(await page.locator("svg.map .country").count() > 150, "country outlines");
  // The map shows the default statuses (asserted, reported, alleged), as every view does.
  const places = (await api("/api/places?status=asserted,reported,alleged&limit=500")).body.places
    .filter((p) => p.lat !== null && p.lon !== null);
  assert.equal(await page.locator("svg.map circle.place").count(), places.length);
  assert.match(await page.locator(".credit").textContent(), /Natural Earth/);
  await shot(page, "map");
  if (places.length) {
    await page.locator("svg.map circle.place").first().click();
    await page.waitForURL(/#\/events\?.*place=/);
    await page.waitForSelector(".events-table tbody tr");
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test("events filters change the rows and the hash, and sorting works", async () => {
  const { page, problems } = await openPage();
  await visit(page, "#/events");
  await page.waitForSelector(".events-table tbody tr");
  const all = Number(await page.locator(".results-head .count").getAttribute("data-total"));
  assert.ok(all > 0);
  // By default the list holds the asserted, reported and alleged events only.
  assert.equal(all, (await api(`/api/events?status=${DEFAULT_STATUS}&limit=1`)).body.total);
  await shot(page, "events");
  // Pick, alone, a default status that some but not all events have.
  const { events } = (await api(`/api/events?status=${DEFAULT_STATUS}&limit=500`)).body;
  const counts = {};
  for (const e of events) counts[e.status] = (counts[e.status] || 0) + 1;
  const [status, n] = Object.entries(counts).sort((x, y) => x[1] - y[1])[0];
  for (const other of DEFAULT_STATUS.split(",").filter((s) => s !== status)) {
    await page.locator(`.status-picker input[value=${other}]`).uncheck();
    await page.waitForURL(new RegExp(`status=[^&]*${status}`));
  }
  await page.waitForURL(new RegExp(`status=${status}(&|$)`));
  await page.waitForFunction((want) => document.querySelector(".results-head .count")?.dataset.total === String(want), n);
  const badges = await page.locator(".events-table tbody .c-status .badge").allTextContents();
  assert.ok(badges.length > 0 && badges.every((b) => b === status), `all rows ${status}: ${badges}`);
  // A text filter narrows further and lands in the hash too.
  const word = (events.find((e) => e.status === status)?.evidence || "").split(/\W+/).find((w) => w.length > 5) || "the";
  await page.locator("#f-q").fill(word);
  await page.locator("#f-q").press("Enter");
  await page.waitForURL(new RegExp(`q=${encodeURIComponent(word)}`));
  await page.waitForSelector(".events-table tbody tr, .results .state.empty");
  await shot(page, "events-filtered");
  // The hash alone restores the view (shareable).
  const hash = new URL(page.url()).hash;
  const again = await context.newPage();
  await visit(again, hash);
  assert.deepEqual(await again.locator(".status-picker input:checked").evaluateAll((els) => els.map((e) => e.value)), [status]);
  assert.equal(await again.locator("#f-q").inputValue(), word);
  await again.close();
  // Clearing restores every row; sorting by mentions changes the hash.
  await page.locator(".filters button", { hasText: "Clear" }).click();
  await page.waitForFunction((want) => document.querySelector(".results-head .count")?.dataset.total === String(want), all);
  await page.locator("th .sort", { hasText: "Ment" }).click();
  await page.waitForURL(/sort=mentions/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("an event shows its evidence with trigger, actors and sources highlighted", async () => {
  const { page, problems } = await openPage();
  // Prefer an event with an attribution so the source highlight is exercised.
  const { events } = (await api("/api/events?limit=500")).body;
  const withSource = events.find((e) => (e.attribution || []).length && e.trigger?.text) || events[0];
  await visit(page, "#/events");
  await page.waitForSelector(".events-table tbody tr");
  await page.locator(".events-table tbody tr").first().click();
  await page.waitForURL(/#\/event\/\d+/);
  await page.waitForSelector("blockquote.evidence");
  await visit(page, `#/event/${withSource.store_id}`);
  await page.waitForSelector("blockquote.evidence mark.hl-trigger");
  const trigger = await page.locator("blockquote.evidence mark.hl-trigger").first().textContent();
  assert.equal(trigger.toLowerCase(), withSource.trigger.text.toLowerCase());
  if ((withSource.attribution || []).length) {
    assert.ok(await page.locator("blockquote.evidence mark.hl-source, blockquote.evidence mark.hl-cue").count() > 0, "source highlighted");
  }
  assert.ok(await page.locator(".facts .fact").count() >= 8, "event facts");
  assert.ok(await page.locator(".view-event .badge").count() > 0, "status badge");
  await shot(page, "event");
  // A denied event shows its denial.
  const denied = events.find((e) => (e.denied_by || []).length);
  if (denied) {
    await visit(page, `#/event/${denied.store_id}`);
    await page.waitForSelector("blockquote.evidence");
    assert.ok(await page.locator(".claims .stance-denies, blockquote.evidence mark.hl-denial").count() > 0, "denial shown");
    await shot(page, "event-denied");
  }
  // The report links to its document.
  await page.locator(".report .doc-link").first().click();
  await page.waitForURL(/#\/document\/\d+/);
  await page.waitForSelector(".doc-text");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a party the story implies is marked as implied, never shown as named", async () => {
  const { page, problems } = await openPage();
  const { events } = (await api("/api/events?limit=500")).body;
  const implied = events.find((e) => [...(e.actor || []), ...(e.recipient || [])].some((a) => a.implicit));
  assert.ok(implied, "the demo store has an event with an implied party");
  await visit(page, `#/event/${implied.store_id}`);
  await page.waitForSelector(".side-list");
  assert.match(await page.locator(".facts").textContent(), /implied by the story/);
  assert.ok(await page.locator(".event-dyad a.actor.implicit").count() > 0, "the dyad line marks the implied party");
  await shot(page, "event-implied");
  assert.deepEqual(problems, []);
  await page.close();
});

test("document view highlights mentions and triggers at the right (byte) offsets", async () => {
  const { page, problems } = await openPage();
  const { documents } = (await api("/api/documents?limit=50")).body;
  assert.ok(documents.length > 0);
  // The document with the most events, preferably one whose text has non-ASCII characters.
  let chosen = null;
  for (const d of [...documents].sort((a, b) => b.events - a.events)) {
    const full = (await api(`/api/documents/${d.id}`)).body;
    if (!chosen || (/[^\x00-\x7f]/.test(full.document.text) && !/[^\x00-\x7f]/.test(chosen.document.text))) chosen = full;
    if (/[^\x00-\x7f]/.test(chosen.document.text) && chosen.events.length) break;
  }
  await visit(page, "#/documents");
  assert.equal(await page.locator(".view-documents tbody tr").count(), documents.length, "documents listed");
  await shot(page, "documents");
  await visit(page, `#/document/${chosen.document.store_id ?? chosen.document.id}`);
  await page.waitForSelector(".doc-text");
  const entityMarks = page.locator(".doc-text mark.hl-entity");
  assert.ok(await entityMarks.count() > 0, "entity mentions marked");
  // Every trigger in the API answer appears as a marked span with exactly its text.
  const triggerTexts = await page.locator(".doc-text mark.hl-trigger").allTextContents();
  for (const ev of chosen.events) {
    if (ev.trigger?.text) assert.ok(triggerTexts.includes(ev.trigger.text), `trigger “${ev.trigger.text}” marked (${triggerTexts.join(" | ")})`);
  }
  // Each mention's marked text equals the text the API gives for it (byte offsets converted).
  const mentionTexts = new Set(chosen.document.entities.flatMap((e) => e.mentions.map((m) => m.text)));
  for (const t of (await entityMarks.allTextContents()).slice(0, 50)) {
    assert.ok([...mentionTexts].some((m) => m.includes(t)), `marked “${t}” is a mention`);
  }
  assert.ok(await page.locator(".legend.toggles input[type=checkbox]").count() === 5, "legend with layer toggles");
  assert.ok(await page.locator(".doc-events .doc-event").count() === chosen.events.length, "events beside the text");
  await shot(page, "document");
  assert.deepEqual(problems, []);
  await page.close();
});

test("an article with <script> in its title and text is shown as text and runs nothing", async () => {
  const marker = `xss${Date.now()}`;
  const payload = `<script>window.__pwned = 1; alert("pwned")</script><img src=x onerror="window.__pwned = 2">`;
  const line = JSON.stringify({
    id: `${marker}-doc`,
    title: `Hostile title ${payload}`,
    published: "2024-12-03",
    text: `${marker} ${payload}\n\nRussian troops attacked Ukrainian positions near Kharkiv on Monday, ${payload} the Ukrainian military said. ` +
      `Ukraine accused Russia of shelling ${payload} civilians.`,
  });
  const headers = { "content-type": "application/x-ndjson" };
  if (TOKEN) headers.authorization = `Bearer ${TOKEN}`;
  const posted = await api("/api/documents", { method: "POST", headers, body: `${line}\n` });
  assert.equal(posted.status, 200, JSON.stringify(posted.body));
  assert.equal(posted.body.added, 1, JSON.stringify(posted.body));
  const { documents } = (await api(`/api/documents?limit=500`)).body;
  const doc = documents.find((d) => (d.doc_key || "").includes(marker) || (d.title || "").includes("Hostile title"));
  assert.ok(doc, "posted document listed");

  const { page, problems } = await openPage();
  await visit(page, "#/documents");
  await visit(page, `#/document/${doc.id}`);
  await page.waitForSelector(".doc-text");
  assert.match(await page.locator(".doc-head h1").textContent(), /<script>/);
  assert.match(await page.locator(".doc-text").textContent(), /<img src=x onerror=/);
  assert.equal(await page.locator("main script, main img").count(), 0, "no element was created from the text");
  // Every other view that shows its strings.
  const { events } = (await api(`/api/events?q=${encodeURIComponent("Kharkiv")}&limit=50`)).body;
  for (const e of events.slice(0, 3)) {
    await visit(page, `#/event/${e.store_id}`);
    await page.waitForSelector("blockquote.evidence");
  }
  await visit(page, "#/events?q=Kharkiv");
  await visit(page, "#/");
  await shot(page, "xss-dashboard");
  await visit(page, `#/document/${doc.id}`);
  await page.waitForSelector(".doc-text");
  await shot(page, "xss-document");
  assert.equal(await page.evaluate(() => typeof window.__pwned), "undefined");
  assert.deepEqual(problems.filter((p) => !p.startsWith("console: Failed to load resource")), []);
  assert.ok(!problems.some((p) => p.startsWith("dialog")), "no dialog");
  await page.close();
});

test("unknown ids, unknown routes and an unreachable API show clear states", async () => {
  const { page } = await openPage();
  await visit(page, "#/event/987654321");
  await page.waitForSelector(".state.error");
  assert.match(await page.locator(".state.error").textContent(), /Not found/);
  await shot(page, "error-404");
  await visit(page, "#/document/987654321");
  await page.waitForSelector(".state.error");
  await visit(page, "#/no-such-view");
  await page.waitForSelector(".state.error");
  // An empty store: the dashboard and the events list say so and tell how to fill it.
  const empty = { documents: 0, events: 0, reports: 0, sources: 0, by_type: [], by_quad: {}, first: null, last: null };
  await page.route("**/api/stats**", (route) => route.fulfill({ json: empty }));
  await page.route("**/api/events?**", (route) => route.fulfill({ json: { total: 0, limit: 50, offset: 0, events: [] } }));
  await visit(page, "#/");
  await page.waitForSelector(".state.empty");
  assert.match(await page.locator(".state.empty").textContent(), /store is empty/);
  await shot(page, "empty-store");
  await visit(page, "#/events");
  await page.waitForSelector(".results .state.empty");
  assert.match(await page.locator(".results .state.empty").textContent(), /no events yet/);
  await page.unrouteAll();
  // The API goes away: the page says so instead of hanging.
  await page.route("**/api/**", (route) => route.abort("connectionrefused"));
  await visit(page, "#/events");
  await page.waitForSelector(".state.error");
  assert.match(await page.locator(".state.error").first().textContent(), /cannot be reached/);
  assert.match(await page.locator("#health").textContent(), /unreachable/);
  await page.evaluate(() => window.dispatchEvent(new Event("hashchange")));
  await shot(page, "api-down");
  await page.close();
});

// ---- issue 20: views that do not mislead -------------------------------------------------

test("every count follows the status picker; the dyad view counts its undated events apart", async () => {
  const { page, problems } = await openPage();
  // The dashboard, the dyad view, the network, the map and the events list all have it.
  for (const hash of ["#/", "#/network", "#/map", "#/events"]) {
    await visit(page, hash);
    const checked = await page.locator(".status-picker input:checked").evaluateAll((els) => els.map((e) => e.value));
    assert.deepEqual(checked, DEFAULT_STATUS.split(","), `${hash}: default statuses`);
  }
  const { dyads } = (await api(`/api/dyads?status=${DEFAULT_STATUS}&limit=1`)).body;
  const [a, b] = [dyads[0].code_a, dyads[0].code_b];
  await visit(page, `#/dyad/${a}/${b}?dates=all`);
  await page.waitForSelector("[data-tile=events] .tile-value");
  const buckets = (await api(`/api/timeline?dyad=${a},${b}&status=${DEFAULT_STATUS}`)).body.buckets;
  const events = buckets.reduce((n, x) => n + x.events, 0);
  const undated = buckets.reduce((n, x) => n + x.undated, 0);
  assert.equal((await page.locator("[data-tile=events] .tile-value").textContent()).replace(/,/g, ""), String(events));
  const sub = await page.locator("[data-tile=events] .tile-sub").textContent();
  assert.match(sub, undated ? new RegExp(`${undated} undated`) : /all dated/, sub);
  assert.doesNotMatch(await page.locator(".view-dyad").textContent(), /Dated events/);
  await shot(page, "dyad-status");
  // Every status: the dashboard counts the store's events (in the publication window).
  await visit(page, "#/");
  const before = Number((await page.locator("[data-tile=events] .tile-value").textContent()).replace(/,/g, ""));
  for (const status of ["denied", "future", "hypothetical", "negated"]) {
    const before = page.url();
    await page.locator(`.status-picker input[value=${status}]`).check();
    await page.waitForFunction((old) => location.href !== old && document.querySelector("main")?.dataset.ready === location.hash, before);
  }
  assert.match(page.url(), /status=all/);
  const stats = (await api("/api/stats")).body;
  const win = publicationWindow(stats);
  const everything = (await api(`/api/stats?since=${win.since}&until=${win.until}`)).body.matching;
  const after = Number((await page.locator("[data-tile=events] .tile-value").textContent()).replace(/,/g, ""));
  assert.equal(after, everything);
  assert.ok(after >= before, `${after} >= ${before}`);
  await shot(page, "dashboard-all-statuses");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the dashboard's window follows the publication dates, and no chart spreads over decades", async () => {
  const { page, problems } = await openPage();
  // A store like the VOA one: documents of 2024-11 … 2025-05, events dated 2012 … 2050.
  const stats = {
    documents: 44, events: 300, reports: 420, sources: 1, matching: 280,
    by_type: [{ event: "CONSULT", count: 150 }, { event: "ACCUSE", count: 130 }],
    by_quad: { verbal_cooperation: 150, material_cooperation: 0, verbal_conflict: 130, material_conflict: 0 },
    first: "2012-03-01", last: "2050-01-01", published_first: "2024-11-19", published_last: "2025-05-06",
  };
  const month = (i) => { const d = new Date(Date.UTC(2012, 2 + i, 1)); return d.toISOString().slice(0, 7); };
  const bucket = (period, n) => ({ period, events: n, verbal_cooperation: n, material_cooperation: 0, verbal_conflict: 0, material_conflict: 0,
    goldstein_mean: 1, goldstein_sum: n, undated: 0 });
  const asked = [];
  await page.route("**/api/stats**", (route) => {
    const url = new URL(route.request().url());
    const windowed = url.searchParams.get("since");
    route.fulfill({ json: windowed ? { ...stats, matching: 250, first: "2024-11-02", last: "2025-05-06" } : stats });
  });
  await page.route("**/api/timeline**", (route) => {
    const url = new URL(route.request().url());
    asked.push(url.search);
    const since = url.searchParams.get("since");
    const buckets = since
      ? ["2024-11", "2024-12", "2025-01", "2025-02", "2025-03", "2025-04", "2025-05"].map((p) => bucket(p, 30))
      : Array.from({ length: 455 }, (_, i) => bucket(month(i), i % 7 === 0 ? 3 : 0)); // 2012-03 … 2050-01
    route.fulfill({ json: { interval: "month", buckets } });
  });
  await visit(page, "#/");
  await page.waitForSelector("svg.timeline rect.bar");
  assert.ok(asked.some((q) => q.includes("since=2024-11-01") && q.includes("until=2025-05-31")), asked.join(" "));
  assert.equal(await page.locator("svg.timeline").getAttribute("data-interval"), "month");
  assert.equal(await page.locator("svg.timeline .hit").count(), 7, "seven months of publication");
  assert.match(await page.locator(".window-note").textContent(), /30 events dated outside/);
  assert.match(await page.locator("[data-tile=events] .tile-value").textContent(), /^250$/);
  await shot(page, "dashboard-window");
  // All dates: 455 months are drawn as 39 years, not 455 slivers.
  await page.locator(".window-note a.dates-all").click();
  await page.waitForURL(/dates=all/);
  await page.waitForFunction(() => document.querySelector("main")?.dataset.ready === location.hash);
  await page.waitForSelector("svg.timeline rect.bar");
  assert.equal(await page.locator("svg.timeline").getAttribute("data-interval"), "year");
  const bars = await page.locator("svg.timeline .hit").count();
  assert.ok(bars <= 160 && bars === 39, `${bars} bars`);
  assert.match(await page.locator(".view-dashboard h2", { hasText: "Cooperation and conflict" }).textContent(), /per year/);
  await shot(page, "dashboard-all-dates");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the map draws no country across the date line", async () => {
  const { page, problems } = await openPage();
  for (const view of ["World", "Fit to events"]) {
    await visit(page, "#/map");
    await page.waitForSelector("svg.map .country");
    await page.locator(".map-tools button", { hasText: view }).click();
    // No straight segment of a country outline may cross a large part of the map: that is
    // a ring jumping from +180° to −180° (Russia, Fiji, Antarctica).
    const worst = await page.evaluate(() => {
      const svg = document.querySelector("svg.map");
      const width = Number(svg.getAttribute("width"));
      let max = 0;
      let who = "";
      for (const path of svg.querySelectorAll(".country")) {
        for (const sub of (path.getAttribute("d") || "").split("M").filter(Boolean)) {
          const pts = sub.replace(/Z/g, "").split("L").map((p) => p.split(",").map(Number));
          for (let i = 1; i < pts.length; i++) {
            const dx = Math.abs(pts[i][0] - pts[i - 1][0]);
            if (dx > max) { max = dx; who = path.querySelector("title")?.textContent || path.getAttribute("class"); }
          }
        }
      }
      return { share: max / width, who };
    });
    assert.ok(worst.share < 0.2, `${view}: a segment spans ${(worst.share * 100).toFixed(0)} % of the map (${worst.who})`);
    // The countries are clipped to the globe's outline.
    assert.equal(await page.locator("svg.map g.countries").getAttribute("clip-path"), "url(#map-sphere)");
    await shot(page, view === "World" ? "map-world" : "map-fit");
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test("the documents page marks wire copies and links them to their original", async () => {
  const { page, problems } = await openPage();
  const { documents } = (await api("/api/documents?limit=50")).body;
  const copies = documents.filter((d) => d.duplicate_of);
  assert.ok(copies.length > 0, "the demo stores the .txt articles as copies of their JSONL twins");
  await visit(page, "#/documents");
  assert.equal(await page.locator(".view-documents tbody tr.copy").count(), copies.length);
  assert.equal(await page.locator(".view-documents tbody tr:not(.copy) .copy-tag").count(), 0);
  const link = page.locator(".view-documents tbody tr.copy .copy-link").first();
  assert.equal(await link.textContent(), copies[0].duplicate_of);
  await shot(page, "documents-copies");
  await link.click();
  await page.waitForURL(/#\/documents\?q=/);
  await page.waitForSelector(".view-documents tbody tr");
  assert.ok(await page.locator(".view-documents tbody tr:not(.copy)").count() >= 1, "the original is listed");
  await visit(page, `#/document/${copies[0].id}`);
  await page.waitForSelector(".doc-head .copy-tag");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the network keeps to the heaviest links with names, and its counts add up", async () => {
  const { page, problems } = await openPage();
  // The demo's network: hover a node; its events split into actor and recipient.
  await visit(page, "#/network?min=1");
  await page.waitForSelector("svg.network .node");
  const { nodes } = (await api(`/api/network?status=${DEFAULT_STATUS}&limit=500`)).body;
  const node = page.locator("svg.network .node").first();
  const code = await node.getAttribute("data-code");
  const n = nodes.find((x) => x.code === code);
  await node.hover();
  const tip = await page.locator("#tooltip").textContent();
  const m = tip.match(/(\d+) events?: (\d+) as actor, (\d+) as recipient(?: \((\d+) as both\))?/);
  assert.ok(m, tip);
  // "(N as both)" is there only when some event has the node on both sides.
  const [total, actor, recipient, both] = [m[1], m[2], m[3], m[4] ?? "0"].map(Number);
  assert.equal(total, n.events);
  assert.equal(actor + recipient - both, total, tip);
  if (n.name && n.name !== code) assert.ok((await node.textContent()).includes(n.name.slice(0, 10)), "the node shows its name");
  await shot(page, "network-names");
  // A hairball of 120 actors is cut to the heaviest links, at most 30 actors.
  const many = { nodes: [], edges: [] };
  for (let i = 0; i < 120; i++) many.nodes.push({ code: `C${i}`, name: `Country number ${i}`, events: 1 + (i % 9), as_actor: 1, as_recipient: 1 });
  for (let i = 0; i < 240; i++) {
    const s = i % 120;
    const t = (i * 7 + 3) % 120;
    if (s !== t) many.edges.push({ source: `C${s}`, target: `C${t}`, events: 1 + ((i * 13) % 11), cooperation: 1, conflict: 0, goldstein_mean: 1 });
  }
  await page.route("**/api/network**", (route) => route.fulfill({ json: many }));
  await visit(page, "#/network");
  await page.waitForSelector("svg.network .node");
  const drawn = await page.locator("svg.network .node").count();
  assert.ok(drawn <= 30 && drawn >= 2, `${drawn} nodes`);
  const min = Number(await page.locator("#f-min").inputValue());
  assert.ok(min > 1, `automatic minimum ${min}`);
  await shot(page, "network-many");
  await page.locator("#f-min").fill(String(min + 2));
  await page.locator("#f-min").press("Enter");
  await page.waitForURL(new RegExp(`min=${min + 2}`));
  await page.waitForFunction(() => document.querySelector("main")?.dataset.ready === location.hash);
  assert.ok(await page.locator("svg.network .node, .network-box .state.empty").count() > 0);
  assert.ok(await page.locator("svg.network .node").count() <= drawn);
  await page.unrouteAll();
  assert.deepEqual(problems, []);
  await page.close();
});

test("small things: plurals, ISO date fields, the navigation at 420 px, long paragraphs", async () => {
  const { page, problems } = await openPage();
  // No "1 sources", "1 documents", "18 entity": nouns agree with their numbers.
  const wrong = /(^|[^\d.,])1 (sources|documents|events|reports|mentions|articles|entities|actors|links|triggers|denials)\b|\b([02-9]|\d\d+) (entity|source|trigger|denial|event|report|mention|article)\b(?! (mention|cue|report))/;
  const { documents } = (await api("/api/documents?limit=50")).body;
  for (const hash of ["#/", "#/events", "#/documents", "#/network", `#/document/${documents[0].id}`]) {
    await visit(page, hash);
    const text = await page.locator("main").innerText();
    assert.doesNotMatch(text, wrong, `${hash}: ${text.match(wrong)?.[0]}`);
  }
  // Date fields read and show YYYY-MM-DD, whatever the browser's locale.
  await visit(page, "#/events");
  const since = page.locator("#f-since");
  assert.equal(await since.getAttribute("type"), "text");
  assert.equal(await since.getAttribute("placeholder"), "YYYY-MM-DD");
  await since.fill("01/02/2025");
  await since.press("Enter");
  assert.equal(await since.evaluate((el) => el.validity.valid), false, "a US date is refused");
  assert.doesNotMatch(page.url(), /since=/);
  await since.fill("2025-01-02");
  await since.press("Enter");
  await page.waitForURL(/since=2025-01-02/);
  // The navigation fits a 420 px screen.
  await page.setViewportSize({ width: 420, height: 800 });
  await visit(page, "#/events");
  for (const link of await page.locator(".nav a").all()) {
    const box = await link.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 420, `${await link.textContent()}: ${JSON.stringify(box)}`);
  }
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 420 + 1), "no page-wide horizontal scroll");
  await shot(page, "narrow-420");
  await page.screenshot({ path: join(ARTIFACTS, "narrow-420-top.png") });
  await page.setViewportSize({ width: 1440, height: 960 });
  // A story that arrives as one paragraph is shown in paragraphs; its text is unchanged.
  const sentences = Array.from({ length: 14 }, (_, i) =>
    `Officials in Kenya said on Tuesday that talks with Ethiopia on the border would resume in Nairobi next week, sentence ${i + 1} of the wire story.`);
  const line = JSON.stringify({ id: `one-paragraph-${Date.now()}`, title: "One paragraph", published: "2025-03-04", source: "Wire One", text: sentences.join(" ") });
  const headers = { "content-type": "application/x-ndjson" };
  if (TOKEN) headers.authorization = `Bearer ${TOKEN}`;
  const posted = await api("/api/documents", { method: "POST", headers, body: `${line}\n` });
  assert.equal(posted.status, 200, JSON.stringify(posted.body));
  const id = posted.body.documents[0].id;
  await visit(page, `#/document/${id}`);
  await page.waitForSelector(".doc-text");
  const breaks = await page.locator(".doc-text .para-break").count();
  assert.ok(breaks >= 3, `${breaks} paragraph breaks`);
  assert.equal(await page.locator(".doc-text").textContent(), sentences.join(" "));
  await shot(page, "document-paragraphs");
  assert.deepEqual(problems, []);
  await page.close();
});
