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

test("dashboard shows totals, types, timeline, dyads and latest events", async () => {
  const { page, problems } = await openPage();
  await visit(page, "#/");
  const stats = (await api("/api/stats")).body;
  assert.ok(stats.events > 0, "the demo store has events");
  const tile = await page.locator(".tile-value").first().textContent();
  assert.equal(tile.replace(/,/g, ""), String(stats.events));
  assert.ok(await page.locator(".typebar:not(.zero)").count() >= 3, "type bars with counts");
  assert.ok(await page.locator("svg.timeline rect.bar").count() > 0, "timeline bars");
  assert.ok(await page.locator("table.dyads tbody tr").count() > 0, "dyad rows");
  assert.ok(await page.locator(".events-table tbody tr").count() > 0, "latest events");
  assert.match(await page.locator("#health").textContent(), /events/);
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
  const places = (await api("/api/places")).body.places.filter((p) => p.lat !== null && p.lon !== null);
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
  await shot(page, "events");
  // Pick a status that some but not all events have.
  const { events } = (await api("/api/events?limit=500")).body;
  const counts = {};
  for (const e of events) counts[e.status] = (counts[e.status] || 0) + 1;
  const [status, n] = Object.entries(counts).sort((x, y) => x[1] - y[1])[0];
  await page.locator("#f-status").selectOption(status);
  await page.waitForURL(new RegExp(`status=${status}`));
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
  assert.equal(await again.locator("#f-status").inputValue(), status);
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
  await page.route("**/api/stats", (route) => route.fulfill({ json: empty }));
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
