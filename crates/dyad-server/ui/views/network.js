// Network: who acts on whom for the current filters. A small force-directed layout (charge
// between all nodes, springs along edges, a pull to the centre); node area = events, edge
// width = events, edge colour = conflict share (blue cooperation … red conflict). Nodes are
// labelled with their code and name. Links lighter than the minimum weight (`min`, events
// per link; by default the least that keeps at most MAX_NODES actors) are left out, so a
// large store draws a readable network rather than a hairball. Drag nodes; hover for
// counts; click a node or an edge for its events.
import { h, s, clear, errorBox, emptyBox, fmtInt, fmtSigned, plural, showTooltip, hideTooltip } from "../dom.js";
import { get } from "../api.js";
import { apiFilters, filterBar, filtersOf, hashFor, pageHeader } from "../components.js";

/** Most actors the automatic minimum weight lets through. */
export const MAX_NODES = 30;

/** The least link weight (events) at which the links' actors number at most `max`. */
export function autoMinWeight(edges, max = MAX_NODES) {
  const weights = [...new Set(edges.map((e) => e.events || 0))].sort((x, y) => x - y);
  for (const w of weights) {
    const codes = new Set();
    for (const e of edges) if ((e.events || 0) >= w) { codes.add(e.source); codes.add(e.target); }
    if (codes.size <= max) return w;
  }
  return weights.length ? weights[weights.length - 1] : 1;
}

export async function render(root, route) {
  const filters = filtersOf(route.query);
  const limit = Math.min(2000, Math.max(10, Number(route.query.get("limit")) || 500));
  const minParam = route.query.get("min");
  const goMin = (value) => { location.hash = hashFor("network", { ...filters, min: value }); };
  root.append(
    pageHeader("Network", h("p", { class: "lede" }, "Actors as nodes (area = events), directed edges from actor to recipient (width = events, colour = share of conflict). Click a node for its events.")),
    filterBar(filters, (next) => { location.hash = hashFor("network", { ...next, min: minParam || "" }); }, ["actor", "event", "status", "since", "until", "q"]),
  );
  const box = h("div", { class: "panel network-box" }, h("p", { class: "state loading" }, "Loading the network…"));
  root.append(box);
  let data;
  try {
    data = await get("network", { ...apiFilters(filters), limit });
  } catch (err) {
    clear(box).append(errorBox(err, () => { location.hash = location.hash; }));
    return null;
  }
  const allEdges = (data.edges || []).filter((e) => e.source !== e.target);
  const auto = autoMinWeight(allEdges);
  const minWeight = minParam && Number(minParam) >= 1 ? Math.floor(Number(minParam)) : auto;
  let kept = allEdges.filter((e) => (e.events || 0) >= minWeight);
  // When even the heaviest links join more than MAX_NODES actors (and no minimum was asked
  // for), the heaviest links are taken one by one while they keep within MAX_NODES actors.
  let capped = false;
  if (!minParam && new Set(kept.flatMap((e) => [e.source, e.target])).size > MAX_NODES) {
    const codes = new Set();
    const heaviest = [...kept].sort((x, y) => y.events - x.events || (x.source + x.target < y.source + y.target ? -1 : 1));
    kept = heaviest.filter((e) => {
      const added = [e.source, e.target].filter((c) => !codes.has(c)).length;
      if (codes.size + added > MAX_NODES) return false;
      codes.add(e.source);
      codes.add(e.target);
      return true;
    });
    capped = true;
  }
  const used = new Set(kept.flatMap((e) => [e.source, e.target]));
  const nodes = (data.nodes || []).filter((n) => used.has(n.code)).map((n) => ({ ...n }));
  const index = new Map(nodes.map((n, i) => [n.code, i]));
  const edges = kept.filter((e) => index.has(e.source) && index.has(e.target));
  clear(box);
  const maxWeight = Math.max(1, ...allEdges.map((e) => e.events || 0));
  const weightInput = h("input", { type: "number", min: 1, max: maxWeight, step: 1, value: String(minWeight), id: "f-min", class: "min-weight", "aria-label": "Minimum events per link" });
  const applyWeight = () => { const v = Math.max(1, Math.floor(Number(weightInput.value) || 1)); goMin(String(v)); };
  weightInput.addEventListener("change", applyWeight);
  weightInput.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); applyWeight(); } });
  const weightBox = h("div", { class: "weight-control" },
    h("label", { for: "f-min" }, "Links with at least "), weightInput, h("span", null, ` ${minWeight === 1 ? "event" : "events"}`),
    minParam ? h("button", { type: "button", class: "link-btn", onclick: () => goMin("") }, `auto (${auto})`)
      : h("span", { class: "small muted" }, capped ? ` (automatic; the heaviest links only, at most ${MAX_NODES} actors)` : ` (automatic: at most ${MAX_NODES} actors)`));
  if (!nodes.length) {
    box.append(weightBox, emptyBox(allEdges.length ? "No link is as heavy as that." : "No actor pair matches these filters.",
      allEdges.length ? "Lower the minimum number of events per link." : "The network needs events with both an actor and a recipient."));
    return null;
  }
  const width = Math.max(480, box.clientWidth - 24 || 900);
  const height = Math.max(420, Math.min(720, Math.round(width * 0.58)));
  const maxEvents = Math.max(1, ...nodes.map((n) => n.events || 0));
  const maxEdge = Math.max(1, ...edges.map((e) => e.events || 0));
  const radius = (n) => 5 + 22 * Math.sqrt((n.events || 0) / maxEvents);
  const edgeWidth = (e) => 1 + 7 * Math.sqrt((e.events || 0) / maxEdge);
  layout(nodes, edges.map((e) => [index.get(e.source), index.get(e.target), e.events || 1]), width, height, radius);

  const svg = s("svg", { class: "network", viewBox: `0 0 ${width} ${height}`, width, height, role: "img" });
  svg.setAttribute("aria-label", `Actor network: ${nodes.length} actors, ${edges.length} directed links`);
  const edgeLayer = s("g", { class: "edges" });
  const nodeLayer = s("g", { class: "nodes" });
  svg.append(edgeLayer, nodeLayer);
  const reciprocal = new Set(edges.map((e) => `${e.source}>${e.target}`));

  const edgeEls = edges.map((e) => {
    const color = conflictColor(e);
    const path = s("path", { class: "edge", stroke: color, "stroke-width": edgeWidth(e).toFixed(2), fill: "none" });
    const head = s("path", { class: "edge-head", fill: color });
    const g = s("g", { class: "edge-g", tabindex: 0 }, path, head);
    const lines = [`${label(e.source)} → ${label(e.target)}`,
      `${plural(e.events, "event")}: ${fmtInt(e.cooperation)} cooperation, ${fmtInt(e.conflict)} conflict`,
      `Goldstein mean ${fmtSigned(e.goldstein_mean)}`];
    g.addEventListener("mousemove", (evt) => showTooltip(evt, lines));
    g.addEventListener("mouseleave", hideTooltip);
    g.addEventListener("click", () => { location.hash = hashFor("events", { ...filters, actor: e.source, recipient: e.target }); });
    edgeLayer.append(g);
    return { e, path, head, g, bend: reciprocal.has(`${e.target}>${e.source}`) ? 0.18 : 0.06 };
  });

  const nodeEls = nodes.map((n) => {
    const r = radius(n);
    const circle = s("circle", { r: r.toFixed(1), class: "node-dot", fill: nodeColor(n, edges) });
    const name = n.name && n.name !== n.code ? shortName(n.name) : "";
    const text = s("text", { class: "node-label", "text-anchor": "middle", y: (r + 11).toFixed(1) },
      s("tspan", { class: "node-code" }, n.code),
      name ? s("tspan", { class: "node-name", x: 0, dy: "1.15em" }, name) : null);
    const g = s("g", { class: "node", tabindex: 0, dataset: { code: n.code } }, circle, text);
    // The events the node takes part in split into acting and receiving (an event in which
    // it does both, "the two nations met", counts once in the total).
    const both = Math.max(0, (n.as_actor ?? 0) + (n.as_recipient ?? 0) - n.events);
    const out = edges.filter((e) => e.source === n.code).length;
    const inn = edges.filter((e) => e.target === n.code).length;
    const lines = [`${n.code}${n.name && n.name !== n.code ? ` — ${n.name}` : ""}`,
      `${plural(n.events, "event")}: ${fmtInt(n.as_actor ?? 0)} as actor, ${fmtInt(n.as_recipient ?? 0)} as recipient${both ? ` (${fmtInt(both)} as both)` : ""}`,
      `links drawn: ${fmtInt(out)} out, ${fmtInt(inn)} in`];
    g.addEventListener("mousemove", (evt) => { if (!dragging) showTooltip(evt, lines); });
    g.addEventListener("mouseenter", () => focus(n.code));
    g.addEventListener("mouseleave", () => { hideTooltip(); focus(null); });
    g.addEventListener("keydown", (evt) => { if (evt.key === "Enter") open(n); });
    nodeLayer.append(g);
    return { n, g, r };
  });

  function label(code) {
    const n = nodes[index.get(code)];
    return n?.name && n.name !== code ? `${code} (${n.name})` : code;
  }
  function open(n) {
    location.hash = hashFor("events", { ...filters, actor: n.code });
  }
  function focus(code) {
    svg.classList.toggle("focused", !!code);
    for (const { e, g } of edgeEls) g.classList.toggle("on", e.source === code || e.target === code);
    const near = new Set([code]);
    for (const { e } of edgeEls) if (e.source === code || e.target === code) { near.add(e.source); near.add(e.target); }
    for (const { n, g } of nodeEls) g.classList.toggle("on", near.has(n.code));
  }
  function draw() {
    for (const { n, g } of nodeEls) g.setAttribute("transform", `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`);
    for (const item of edgeEls) {
      const a = nodes[index.get(item.e.source)];
      const b = nodes[index.get(item.e.target)];
      const ra = radius(a);
      const rb = radius(b);
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const dist = Math.hypot(dx, dy) || 1;
      const cx = (a.x + b.x) / 2 - (dy * item.bend);
      const cy = (a.y + b.y) / 2 + (dx * item.bend);
      // Start and end on the circles' rims, pointing toward the control point.
      const rim = (p, r, qx, qy) => { const l = Math.hypot(qx - p.x, qy - p.y) || 1; return [p.x + ((qx - p.x) * r) / l, p.y + ((qy - p.y) * r) / l]; };
      const [sx, sy] = rim(a, ra, cx, cy);
      const [ex, ey] = rim(b, rb + 2, cx, cy);
      const tx = ex - cx;
      const ty = ey - cy;
      const tl = Math.hypot(tx, ty) || 1;
      const size = 5 + edgeWidth(item.e);
      const ux = tx / tl;
      const uy = ty / tl;
      const bx = ex - ux * size;
      const by = ey - uy * size;
      item.path.setAttribute("d", `M${sx.toFixed(1)},${sy.toFixed(1)}Q${cx.toFixed(1)},${cy.toFixed(1)} ${bx.toFixed(1)},${by.toFixed(1)}`);
      item.head.setAttribute("d", `M${ex.toFixed(1)},${ey.toFixed(1)}L${(bx - uy * size * 0.5).toFixed(1)},${(by + ux * size * 0.5).toFixed(1)}L${(bx + uy * size * 0.5).toFixed(1)},${(by - ux * size * 0.5).toFixed(1)}Z`);
      void dist;
    }
  }
  draw();

  // Dragging a node moves it; a click without movement opens its events.
  let dragging = null;
  const toSvg = (evt) => {
    const rect = svg.getBoundingClientRect();
    return [((evt.clientX - rect.left) * width) / rect.width, ((evt.clientY - rect.top) * height) / rect.height];
  };
  for (const item of nodeEls) {
    item.g.addEventListener("pointerdown", (evt) => {
      dragging = { item, moved: false, start: [evt.clientX, evt.clientY] };
      item.g.setPointerCapture(evt.pointerId);
      hideTooltip();
    });
    item.g.addEventListener("pointermove", (evt) => {
      if (!dragging || dragging.item !== item) return;
      if (Math.hypot(evt.clientX - dragging.start[0], evt.clientY - dragging.start[1]) > 3) dragging.moved = true;
      if (!dragging.moved) return;
      const [x, y] = toSvg(evt);
      item.n.x = Math.max(item.r, Math.min(width - item.r, x));
      item.n.y = Math.max(item.r, Math.min(height - item.r, y));
      draw();
    });
    item.g.addEventListener("pointerup", () => {
      const wasClick = dragging && !dragging.moved;
      dragging = null;
      if (wasClick) open(item.n);
    });
  }

  box.append(
    weightBox,
    h("div", { class: "panel-head" },
      h("span", { class: "small muted network-count" }, `${plural(nodes.length, "actor")} · ${plural(edges.length, "directed link")}`,
        edges.length < allEdges.length ? ` of ${fmtInt(allEdges.length)}${allEdges.length >= limit ? ` (the ${limit} heaviest)` : ""}` : ""),
      h("div", { class: "legend" },
        h("span", { class: "legend-item" }, h("span", { class: "ramp" }), "cooperation … conflict"),
        h("span", { class: "legend-item small muted" }, "drag to rearrange"))),
    svg,
  );
  return null;
}

/** A name short enough to sit under a node. */
function shortName(name) {
  return name.length > 18 ? `${name.slice(0, 17)}…` : name;
}

/** Blue (all cooperation) through grey to red (all conflict). */
export function conflictColor(x) {
  const total = (x.cooperation || 0) + (x.conflict || 0);
  const t = total ? x.conflict / total : 0.5;
  const blue = [33, 102, 172];
  const grey = [150, 150, 150];
  const red = [178, 24, 43];
  const mix = (p, q, k) => p.map((v, i) => Math.round(v + (q[i] - v) * k));
  const c = t < 0.5 ? mix(blue, grey, t * 2) : mix(grey, red, (t - 0.5) * 2);
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function nodeColor(n, edges) {
  let coop = 0;
  let conf = 0;
  for (const e of edges) if (e.source === n.code || e.target === n.code) { coop += e.cooperation || 0; conf += e.conflict || 0; }
  return conflictColor({ cooperation: coop, conflict: conf });
}

/** Positions nodes (sets x, y): a deterministic force simulation run to rest. */
export function layout(nodes, links, width, height, radius) {
  const n = nodes.length;
  const cx = width / 2;
  const cy = height / 2;
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / n;
    const ring = Math.min(width, height) * 0.35;
    node.x = cx + ring * Math.cos(angle);
    node.y = cy + ring * Math.sin(angle);
    node.vx = 0;
    node.vy = 0;
  });
  const ideal = Math.max(60, Math.min(180, Math.sqrt((width * height) / Math.max(1, n)) * 0.8));
  const steps = 320;
  for (let step = 0; step < steps; step++) {
    const alpha = 1 - step / steps;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const a = nodes[i];
        const b = nodes[j];
        let dx = b.x - a.x;
        let dy = b.y - a.y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 1) { dx = (i - j) * 0.5 || 0.5; dy = 0.5; d2 = dx * dx + dy * dy; }
        const minGap = radius(a) + radius(b) + 14;
        const force = ((ideal * ideal) / d2) * 0.9 * alpha + (d2 < minGap * minGap ? 0.5 : 0);
        const d = Math.sqrt(d2);
        a.vx -= (dx / d) * force;
        a.vy -= (dy / d) * force;
        b.vx += (dx / d) * force;
        b.vy += (dy / d) * force;
      }
    }
    for (const [i, j, weight] of links) {
      const a = nodes[i];
      const b = nodes[j];
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      const k = ((d - ideal) / d) * 0.05 * alpha * Math.min(3, 1 + Math.log(weight));
      a.vx += dx * k;
      a.vy += dy * k;
      b.vx -= dx * k;
      b.vy -= dy * k;
    }
    for (const node of nodes) {
      node.vx += (cx - node.x) * 0.012 * alpha;
      node.vy += (cy - node.y) * 0.02 * alpha;
      node.vx *= 0.6;
      node.vy *= 0.6;
      node.x += Math.max(-30, Math.min(30, node.vx));
      node.y += Math.max(-30, Math.min(30, node.vy));
      const r = radius(node) + 4;
      node.x = Math.max(r, Math.min(width - r, node.x));
      node.y = Math.max(r, Math.min(height - r - 12, node.y));
    }
  }
}
