// Charts drawn as SVG: event counts by PLOVER type, and the cooperation-vs-conflict timeline
// (stacked bars above/below a zero line with the Goldstein mean as a line).
import { h, s, fmtInt, fmtNum, fmtSigned, plural, QUADS, EVENT_TYPES, showTooltip, hideTooltip } from "./dom.js";

/** Horizontal bars, one per PLOVER type in codebook order (cooperation → conflict). */
export function typeBars(byType, { onClick } = {}) {
  const counts = new Map((byType || []).map((t) => [t.event, t.count]));
  const max = Math.max(1, ...counts.values());
  const rows = h("div", { class: "typebars", role: "list" });
  let lastQuad = 0;
  for (const [type, quad] of EVENT_TYPES) {
    const n = counts.get(type) || 0;
    if (quad !== lastQuad) {
      rows.append(h("div", { class: `typebars-group q${quad}-text` }, QUADS[quad - 1].label));
      lastQuad = quad;
    }
    const row = h("button", { type: "button", class: `typebar${n ? "" : " zero"}`, role: "listitem", title: `${type}: ${plural(n, "event")}`, onclick: () => onClick?.(type) },
      h("span", { class: "typebar-label" }, type),
      h("span", { class: "typebar-track" }, h("span", { class: `typebar-fill q${quad}`, style: { width: `${(100 * n) / max}%` } })),
      h("span", { class: "typebar-count" }, fmtInt(n)));
    rows.append(row);
  }
  return rows;
}

/** Most bars a timeline draws; longer ranges are drawn in coarser periods. */
export const MAX_BARS = 160;

const COARSER = { day: "week", week: "month", month: "year" };

/** The period of a coarser interval that a bucket's period falls in. */
function coarserPeriod(period, to) {
  if (to === "year") return period.slice(0, 4);
  if (to === "month") return period.slice(0, 7);
  // week: the ISO week's Monday.
  const d = new Date(`${period}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/**
 * Merges buckets into coarser periods (day → week → month → year) until the range they
 * span, once its gaps are filled, needs at most `max` bars: a timeline never spreads over
 * hundreds of thin bars. Returns the buckets and their interval.
 */
export function coarsen(buckets, interval, max = MAX_BARS) {
  let out = buckets;
  let iv = interval;
  while (COARSER[iv] && periodsSpanned(out, iv) > max) {
    const to = COARSER[iv];
    const by = new Map();
    for (const b of out) {
      const p = coarserPeriod(b.period, to);
      const acc = by.get(p) || { period: p, events: 0, verbal_cooperation: 0, material_cooperation: 0, verbal_conflict: 0, material_conflict: 0, goldstein_sum: 0, undated: 0 };
      for (const k of ["events", "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict", "undated"]) acc[k] += b[k] || 0;
      acc.goldstein_sum += b.goldstein_sum ?? (b.goldstein_mean || 0) * (b.events || 0);
      by.set(p, acc);
    }
    out = [...by.values()].sort((a, b) => (a.period < b.period ? -1 : 1))
      .map((b) => ({ ...b, goldstein_mean: b.events ? b.goldstein_sum / b.events : null }));
    iv = to;
  }
  return { buckets: out, interval: iv };
}

/** How many periods lie between the first and the last bucket, both included. */
function periodsSpanned(buckets, interval) {
  if (buckets.length < 2) return buckets.length;
  const first = buckets[0].period;
  const last = buckets[buckets.length - 1].period;
  if (interval === "year") return Number(last) - Number(first) + 1;
  if (interval === "month") {
    const [y1, m1] = first.split("-").map(Number);
    const [y2, m2] = last.split("-").map(Number);
    return (y2 - y1) * 12 + (m2 - m1) + 1;
  }
  const days = (Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86400000;
  return Math.floor(days / (interval === "week" ? 7 : 1)) + 1;
}

/** Completes a bucket list with the empty periods between its first and last bucket. */
export function fillPeriods(buckets, interval) {
  if (!buckets.length) return [];
  const by = new Map(buckets.map((b) => [b.period, b]));
  const first = buckets[0].period;
  const last = buckets[buckets.length - 1].period;
  const out = [];
  const empty = (period) => ({ period, events: 0, verbal_cooperation: 0, material_cooperation: 0, verbal_conflict: 0, material_conflict: 0, goldstein_mean: null });
  const toDate = (p) => new Date(`${interval === "year" ? `${p}-01-01` : interval === "month" ? `${p}-01` : p}T00:00:00Z`);
  const fmt = (d) => (interval === "year" ? d.toISOString().slice(0, 4) : interval === "month" ? d.toISOString().slice(0, 7) : d.toISOString().slice(0, 10));
  const d = toDate(first);
  const end = toDate(last);
  if (Number.isNaN(d.getTime()) || Number.isNaN(end.getTime())) return buckets;
  for (let guard = 0; d <= end && guard < 2000; guard++) {
    const p = fmt(d);
    out.push(by.get(p) || empty(p));
    if (interval === "year") d.setUTCFullYear(d.getUTCFullYear() + 1);
    else if (interval === "month") d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCDate(d.getUTCDate() + (interval === "week" ? 7 : 1));
  }
  return out.length >= buckets.length ? out : buckets;
}

/** The last day of a period ("2024-11" → "2024-11-30"; a week's Sunday; the day itself). */
export function periodRange(period, interval) {
  if (interval === "year") return [`${period}-01-01`, `${period}-12-31`];
  if (interval === "month") {
    const [y, m] = period.split("-").map(Number);
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    return [`${period}-01`, last];
  }
  if (interval === "week") {
    const d = new Date(`${period}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 6);
    return [period, d.toISOString().slice(0, 10)];
  }
  return [period, period];
}

/**
 * The timeline: per period, cooperation stacked above the zero line (material darker,
 * nearest the line) and conflict below; the Goldstein mean on a −10..+10 scale as a line.
 * A range too long for `interval` is drawn in coarser periods ([`coarsen`]); the SVG's
 * `data-interval` says which, and `onClick` gets the bucket and that interval.
 */
export function timeline(buckets, { width = 900, height = 260, interval: asked = "month", onClick } = {}) {
  const { buckets: coarse, interval } = coarsen(buckets, asked);
  const data = fillPeriods(coarse, interval);
  const m = { top: 26, right: 46, bottom: 26, left: 40 };
  const w = Math.max(320, width) - m.left - m.right;
  const hgt = height - m.top - m.bottom;
  const svg = s("svg", { class: "timeline", viewBox: `0 0 ${w + m.left + m.right} ${height}`, width: w + m.left + m.right, height, role: "img" });
  svg.setAttribute("aria-label", `Cooperation and conflict per ${interval}, ${data.length} periods`);
  svg.dataset.interval = interval;
  if (!data.length) return svg;
  const coop = (b) => (b.verbal_cooperation || 0) + (b.material_cooperation || 0);
  const conf = (b) => (b.verbal_conflict || 0) + (b.material_conflict || 0);
  // Each side keeps at least a fifth of the other's height, so that the axis titles and the
  // Goldstein scale stay legible when one side is (nearly) empty.
  const rawUp = Math.max(1, ...data.map(coop));
  const rawDown = Math.max(1, ...data.map(conf));
  const up = Math.max(rawUp, rawDown * 0.25);
  const down = Math.max(rawDown, rawUp * 0.25);
  const y = (v) => m.top + (hgt * (up - v)) / (up + down); // v > 0 above, v < 0 below
  const zero = y(0);
  const step = w / data.length;
  const bw = Math.max(1, Math.min(40, step * 0.72));
  const g = s("g");
  svg.append(g);

  // Grid and axes.
  const ticks = niceTicks(up, down);
  for (const t of ticks) {
    g.append(s("line", { x1: m.left, x2: m.left + w, y1: y(t), y2: y(t), class: t === 0 ? "zero" : "grid" }));
    g.append(s("text", { x: m.left - 6, y: y(t) + 3.5, class: "axis", "text-anchor": "end" }, fmtInt(Math.abs(t))));
  }
  g.append(s("text", { x: m.left + 4, y: m.top - 12, class: "axis-title" }, "▲ cooperation (events)"));
  g.append(s("text", { x: m.left + 4, y: m.top + hgt - 4, class: "axis-title" }, "▼ conflict (events)"));
  // Goldstein axis (right): +10 at the top, 0 on the zero line, −10 at the bottom.
  const gy = (v) => (v >= 0 ? zero - ((zero - m.top) * v) / 10 : zero + ((m.top + hgt - zero) * -v) / 10);
  for (const t of [10, 5, -5, -10]) g.append(s("text", { x: m.left + w + 6, y: gy(t) + 3.5, class: "axis gs-axis" }, fmtSigned(t, 0)));
  g.append(s("text", { x: m.left + w + m.right - 2, y: m.top - 12, class: "axis-title gs-axis", "text-anchor": "end" }, "Goldstein mean ─"));

  const labelEvery = Math.ceil(data.length / Math.max(1, Math.floor(w / 64)));
  data.forEach((b, i) => {
    const cx = m.left + step * i + step / 2;
    const x = cx - bw / 2;
    const col = s("g", { class: "bucket" });
    let top = zero;
    for (const [key, cls] of [["material_cooperation", "q2"], ["verbal_cooperation", "q1"]]) {
      const v = b[key] || 0;
      if (!v) continue;
      const hh = zero - y(v);
      top -= hh;
      col.append(s("rect", { x, y: top, width: bw, height: hh, class: `bar ${cls}` }));
    }
    let bottom = zero;
    for (const [key, cls] of [["material_conflict", "q4"], ["verbal_conflict", "q3"]]) {
      const v = b[key] || 0;
      if (!v) continue;
      const hh = y(-v) - zero;
      col.append(s("rect", { x, y: bottom, width: bw, height: hh, class: `bar ${cls}` }));
      bottom += hh;
    }
    // A full-height transparent hit area makes thin bars easy to hover and click.
    const hit = s("rect", { x: m.left + step * i, y: m.top, width: step, height: hgt, class: "hit" });
    const lines = [b.period, plural(b.events, "event"),
      ...(b.undated ? [`of which ${fmtInt(b.undated)} undated (at their publication date)`] : []),
      ...QUADS.map((q) => `${q.label}: ${fmtInt(b[q.key] || 0)}`),
      `Goldstein mean: ${b.goldstein_mean === null || b.goldstein_mean === undefined ? "—" : fmtSigned(b.goldstein_mean)}`];
    hit.addEventListener("mousemove", (evt) => showTooltip(evt, lines));
    hit.addEventListener("mouseleave", hideTooltip);
    if (onClick && b.events) hit.addEventListener("click", () => onClick(b, interval));
    col.append(hit);
    g.append(col);
    if (i % labelEvery === 0) {
      g.append(s("text", { x: cx, y: m.top + hgt + 16, class: "axis", "text-anchor": "middle" }, shortPeriod(b.period, interval)));
    }
  });

  // Goldstein mean line over the periods that have events.
  const pts = data.map((b, i) => (b.events && b.goldstein_mean !== null && b.goldstein_mean !== undefined ? [m.left + step * i + step / 2, gy(b.goldstein_mean)] : null));
  let d = "";
  let pen = false;
  for (const p of pts) {
    if (!p) { pen = false; continue; }
    d += `${pen ? "L" : "M"}${p[0].toFixed(1)},${p[1].toFixed(1)}`;
    pen = true;
  }
  if (d) g.append(s("path", { d, class: "gs-line" }));
  for (const p of pts) if (p) g.append(s("circle", { cx: p[0], cy: p[1], r: 2.6, class: "gs-dot" }));
  return svg;
}

function shortPeriod(period, interval) {
  if (interval === "year") return period;
  if (interval === "month") {
    const [y, mm] = period.split("-");
    return `${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][Number(mm) - 1]} ${y.slice(2)}`;
  }
  return period.slice(5);
}

function niceTicks(up, down) {
  const span = Math.max(up, down);
  const raw = span / 3;
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  const step = Math.max(1, [1, 2, 5, 10].map((k) => k * mag).find((k) => k >= raw) || mag);
  const out = [0];
  for (let t = step; t <= up; t += step) out.push(t);
  for (let t = step; t <= down; t += step) out.push(-t);
  return out;
}

export function timelineLegend() {
  return h("div", { class: "legend" },
    QUADS.map((q) => h("span", { class: "legend-item" }, h("span", { class: `swatch ${q.cls}` }), q.label)),
    h("span", { class: "legend-item" }, h("span", { class: "swatch line" }), "Goldstein mean"));
}

export { fmtNum };
