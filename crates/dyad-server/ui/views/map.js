// Map: event places as circles (area = events, colour = conflict share) over Natural Earth
// 1:110m country outlines in the Natural Earth projection. Wheel to zoom, drag to pan, click
// a place for its events.
import { h, s, clear, errorBox, emptyBox, fmtInt, showTooltip, hideTooltip } from "../dom.js";
import { get } from "../api.js";
import { apiFilters, filterBar, filtersOf, hashFor, pageHeader } from "../components.js";
import { conflictColor } from "./network.js";

let worldPromise = null;
function loadWorld() {
  if (!worldPromise) {
    worldPromise = fetch("/assets/world-110m.json").then((r) => {
      if (!r.ok) throw new Error(`basemap: HTTP ${r.status}`);
      return r.json();
    }).catch((err) => { worldPromise = null; throw err; });
  }
  return worldPromise;
}

/** Natural Earth I projection (Šavrič et al.), unit scale: lon/lat degrees → x, y (y up). */
export function naturalEarth(lon, lat) {
  const lambda = (lon * Math.PI) / 180;
  const phi = (lat * Math.PI) / 180;
  const phi2 = phi * phi;
  const phi4 = phi2 * phi2;
  return [
    lambda * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4))),
    phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4))),
  ];
}

/**
 * The rings to draw for one ring of lon/lat points. A ring that crosses the antimeridian
 * (Russia's Chukotka, Fiji) jumps from +180 to −180 and would be drawn as a band across the
 * whole map: it is unwrapped into continuous longitudes (beyond ±180) and drawn twice, as
 * it is and shifted by 360°, each copy clipped to the sphere. A ring around a pole
 * (Antarctica) crosses once: it is closed along the pole line instead.
 */
export function splitRing(ring) {
  let crossings = 0;
  for (let i = 1; i < ring.length; i++) if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) crossings++;
  if (!crossings) return [ring];
  if (crossings % 2 === 1) {
    const out = [];
    for (let i = 0; i < ring.length; i++) {
      const p = ring[i];
      const prev = ring[i - 1];
      if (prev && Math.abs(p[0] - prev[0]) > 180) {
        const pole = (p[1] + prev[1]) / 2 < 0 ? -90 : 90;
        const from = Math.sign(prev[0]) * 180;
        out.push([from, prev[1]]);
        // Along the pole line in short steps (the projection draws it straight anyway).
        for (let lon = from; Math.abs(lon) <= 180; lon -= Math.sign(from) * 10) out.push([lon, pole]);
        out.push([-from, p[1]]);
      }
      out.push(p);
    }
    return [out];
  }
  const unwrapped = [ring[0].slice()];
  let shift = 0;
  for (let i = 1; i < ring.length; i++) {
    const d = ring[i][0] - ring[i - 1][0];
    if (d > 180) shift -= 360;
    else if (d < -180) shift += 360;
    unwrapped.push([ring[i][0] + shift, ring[i][1]]);
  }
  const lons = unwrapped.map((p) => p[0]);
  const copies = [unwrapped];
  if (Math.max(...lons) > 180) copies.push(unwrapped.map(([x, y]) => [x - 360, y]));
  if (Math.min(...lons) < -180) copies.push(unwrapped.map(([x, y]) => [x + 360, y]));
  return copies;
}

export async function render(root, route) {
  const filters = filtersOf(route.query);
  root.append(
    pageHeader("Map", h("p", { class: "lede" }, "Where events happened, by the place named in the sentence. Circle area = events; colour = share of conflict. Click a place for its events.")),
    filterBar(filters, (next) => { location.hash = hashFor("map", next); }, ["actor", "recipient", "event", "status", "since", "until", "q"]),
  );
  const box = h("div", { class: "map-layout" }, h("p", { class: "state loading" }, "Loading the map…"));
  root.append(box);
  let world;
  let places;
  try {
    [world, { places }] = await Promise.all([loadWorld(), get("places", { ...apiFilters(filters), limit: 500 })]);
  } catch (err) {
    clear(box).append(errorBox(err));
    return null;
  }
  // Events per location country, counting places without coordinates too (e.g. "Yemen").
  const byCountry = new Map();
  for (const p of places || []) {
    if (!p.country) continue;
    const c = byCountry.get(p.country) || { events: 0, conflict: 0, cooperation: 0 };
    c.events += p.events || 0;
    c.conflict += p.conflict || 0;
    c.cooperation += p.cooperation || 0;
    byCountry.set(p.country, c);
  }
  const maxCountry = Math.max(1, ...[...byCountry.values()].map((c) => c.events));
  places = (places || []).filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
  clear(box);

  const mapPanel = h("section", { class: "panel map-panel" });
  const side = h("aside", { class: "panel map-side" });
  box.append(mapPanel, side);
  const width = Math.max(480, mapPanel.clientWidth - 24 || 900);
  const scale = width / (2 * 2.7362); // Natural Earth's x extent is ±2.7362 at unit scale
  const height = Math.round(scale * 2 * 1.4224);
  const project = (lon, lat) => {
    const [x, y] = naturalEarth(lon, lat);
    return [width / 2 + x * scale, height / 2 - y * scale];
  };

  const svg = s("svg", { class: "map", viewBox: `0 0 ${width} ${height}`, width, height, role: "img" });
  svg.setAttribute("aria-label", `Map of ${places.length} event places`);
  // Sphere outline and graticule.
  const outline = [];
  for (let lat = -90; lat <= 90; lat += 2) outline.push(project(180, lat));
  for (let lat = 90; lat >= -90; lat -= 2) outline.push(project(-180, lat));
  const sphere = `M${outline.map((p) => p.map((v) => v.toFixed(1)).join(",")).join("L")}Z`;
  svg.append(s("path", { class: "sphere", d: sphere }));
  // Countries are clipped to the sphere: the copies of a ring that crosses the antimeridian
  // (see splitRing) reach beyond it.
  svg.append(s("defs", null, s("clipPath", { id: "map-sphere" }, s("path", { d: sphere }))));
  const grat = [];
  for (let lon = -150; lon <= 150; lon += 30) {
    const pts = [];
    for (let lat = -85; lat <= 85; lat += 5) pts.push(project(lon, lat));
    grat.push(`M${pts.map((p) => p.map((v) => v.toFixed(1)).join(",")).join("L")}`);
  }
  for (let lat = -60; lat <= 60; lat += 30) {
    const pts = [];
    for (let lon = -180; lon <= 180; lon += 5) pts.push(project(lon, lat));
    grat.push(`M${pts.map((p) => p.map((v) => v.toFixed(1)).join(",")).join("L")}`);
  }
  svg.append(s("path", { class: "graticule", d: grat.join("") }));

  const countries = s("g", { class: "countries", "clip-path": "url(#map-sphere)" });
  for (const f of world.features || []) {
    let d = "";
    for (const polygon of f.geometry?.coordinates || []) {
      for (const ring of polygon) {
        for (const part of splitRing(ring)) {
          d += `M${part.map(([lon, lat]) => project(lon, lat).map((v) => v.toFixed(1)).join(",")).join("L")}Z`;
        }
      }
    }
    const iso3 = f.properties?.iso3;
    const stat = iso3 ? byCountry.get(iso3) : null;
    const path = s("path", { d, class: `country${stat ? " has-events" : ""}` });
    if (stat) {
      // A light sequential tint by events located in the country; click for those events.
      const k = 0.12 + 0.33 * Math.sqrt(stat.events / maxCountry);
      path.style.setProperty("fill", `rgba(120, 104, 72, ${k.toFixed(2)})`);
      const lines = [`${f.properties?.name || iso3} (${iso3})`, `${fmtInt(stat.events)} events located here`, `cooperation ${fmtInt(stat.cooperation)} · conflict ${fmtInt(stat.conflict)}`];
      path.addEventListener("mousemove", (evt) => showTooltip(evt, lines));
      path.addEventListener("mouseleave", hideTooltip);
      path.addEventListener("click", () => { if (!panned) location.hash = hashFor("events", { ...filters, country: iso3 }); });
    } else {
      path.append(s("title", null, f.properties?.name || ""));
    }
    countries.append(path);
  }
  svg.append(countries);

  const maxEvents = Math.max(1, ...places.map((p) => p.events || 0));
  const radius = (p) => 4 + 16 * Math.sqrt((p.events || 0) / maxEvents);
  const dots = s("g", { class: "places" });
  const placeEls = [];
  for (const p of [...places].sort((a, b) => b.events - a.events)) {
    const [x, y] = project(p.lon, p.lat);
    const c = s("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: radius(p), class: "place", fill: conflictColor(p), tabindex: 0 });
    const lines = [`${p.name}${p.country ? `, ${p.country}` : ""}`, `${fmtInt(p.events)} events`, `cooperation ${fmtInt(p.cooperation)} · conflict ${fmtInt(p.conflict)}`];
    c.addEventListener("mousemove", (evt) => showTooltip(evt, lines));
    c.addEventListener("mouseleave", hideTooltip);
    const open = () => { location.hash = hashFor("events", { ...filters, place: p.name }); };
    c.addEventListener("click", (evt) => { if (!panned) open(); evt.stopPropagation(); });
    c.addEventListener("keydown", (evt) => { if (evt.key === "Enter") open(); });
    dots.append(c);
    placeEls.push({ p, c, x, y });
  }
  svg.append(dots);

  // Zoom and pan by changing the viewBox; circles keep their on-screen size.
  let view = { x: 0, y: 0, w: width, h: height };
  const setView = (v) => {
    const w = Math.max(width / 40, Math.min(width, v.w));
    const hh = (w * height) / width;
    view = { x: Math.max(-w * 0.5, Math.min(width - w * 0.5, v.x)), y: Math.max(-hh * 0.5, Math.min(height - hh * 0.5, v.y)), w, h: hh };
    svg.setAttribute("viewBox", `${view.x.toFixed(1)} ${view.y.toFixed(1)} ${view.w.toFixed(1)} ${view.h.toFixed(1)}`);
    const k = view.w / width;
    for (const { p, c } of placeEls) c.setAttribute("r", (radius(p) * k).toFixed(2));
    svg.style.setProperty("--k", String(k));
  };
  const fit = () => {
    if (!placeEls.length) return setView({ x: 0, y: 0, w: width, h: height });
    const xs = placeEls.map((e) => e.x);
    const ys = placeEls.map((e) => e.y);
    const minW = width / 6;
    let w = Math.max(minW, (Math.max(...xs) - Math.min(...xs)) * 1.6, ((Math.max(...ys) - Math.min(...ys)) * 1.6 * width) / height);
    w = Math.min(width, w);
    const hh = (w * height) / width;
    const midX = (Math.max(...xs) + Math.min(...xs)) / 2;
    const midY = (Math.max(...ys) + Math.min(...ys)) / 2;
    setView({ x: midX - w / 2, y: midY - hh / 2, w, h: hh });
  };
  svg.addEventListener("wheel", (evt) => {
    evt.preventDefault();
    const rect = svg.getBoundingClientRect();
    const fx = (evt.clientX - rect.left) / rect.width;
    const fy = (evt.clientY - rect.top) / rect.height;
    const factor = evt.deltaY > 0 ? 1.25 : 0.8;
    const w = view.w * factor;
    const hh = view.h * factor;
    setView({ x: view.x + (view.w - w) * fx, y: view.y + (view.h - hh) * fy, w, h: hh });
  }, { passive: false });
  let drag = null;
  let panned = false;
  svg.addEventListener("pointerdown", (evt) => { drag = { x: evt.clientX, y: evt.clientY, view }; panned = false; });
  svg.addEventListener("pointermove", (evt) => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    const dx = ((evt.clientX - drag.x) * drag.view.w) / rect.width;
    const dy = ((evt.clientY - drag.y) * drag.view.h) / rect.height;
    if (Math.abs(evt.clientX - drag.x) + Math.abs(evt.clientY - drag.y) > 3) {
      panned = true;
      svg.classList.add("panning");
      setView({ ...drag.view, x: drag.view.x - dx, y: drag.view.y - dy });
    }
  });
  const stop = () => { drag = null; svg.classList.remove("panning"); };
  svg.addEventListener("pointerup", stop);
  svg.addEventListener("pointerleave", stop);
  fit();

  mapPanel.append(
    h("div", { class: "panel-head" },
      h("div", { class: "map-tools" },
        h("button", { type: "button", class: "btn", onclick: fit }, "Fit to events"),
        h("button", { type: "button", class: "btn", onclick: () => setView({ x: 0, y: 0, w: width, h: height }) }, "World"),
        h("button", { type: "button", class: "btn", "aria-label": "Zoom in", onclick: () => setView({ x: view.x + view.w * 0.15, y: view.y + view.h * 0.15, w: view.w * 0.7, h: view.h * 0.7 }) }, "+"),
        h("button", { type: "button", class: "btn", "aria-label": "Zoom out", onclick: () => setView({ x: view.x - view.w * 0.2, y: view.y - view.h * 0.2, w: view.w * 1.4, h: view.h * 1.4 }) }, "−")),
      h("div", { class: "legend" },
        h("span", { class: "legend-item" }, h("span", { class: "ramp" }), "place: cooperation … conflict"),
        h("span", { class: "legend-item" }, h("span", { class: "swatch", style: { background: "rgba(120, 104, 72, 0.3)" } }), "country: events located there"))),
    h("div", { class: "map-frame" }, svg),
    h("p", { class: "credit small muted" }, "Basemap: Natural Earth 1:110m country outlines (public domain), via world-atlas. Natural Earth projection."),
  );

  side.append(h("h2", null, `Places (${places.length})`));
  if (!places.length) {
    side.append(emptyBox("No event place matches.", "Places appear when an event's sentence names a place the gazetteer knows."));
  } else {
    side.append(h("table", { class: "places-table" },
      h("thead", null, h("tr", null, h("th", null, "Place"), h("th", { class: "c-num" }, "Events"), h("th", { class: "c-num" }, "Conflict"))),
      h("tbody", null, [...places].sort((a, b) => b.events - a.events).map((p) => h("tr", null,
        h("td", null, h("span", { class: "swatch round", style: { background: conflictColor(p) } }), h("a", { href: hashFor("events", { ...filters, place: p.name }) }, p.name),
          p.country ? h("span", { class: "muted" }, ` ${p.country}`) : null),
        h("td", { class: "c-num" }, fmtInt(p.events)),
        h("td", { class: "c-num" }, p.events ? `${Math.round((100 * (p.conflict || 0)) / p.events)}%` : "—"))))));
  }
  if (byCountry.size) {
    const names = new Map((world.features || []).map((f) => [f.properties?.iso3, f.properties?.name]));
    side.append(h("h2", { class: "side-sub" }, `Countries (${byCountry.size})`),
      h("table", { class: "places-table" },
        h("thead", null, h("tr", null, h("th", null, "Country"), h("th", { class: "c-num" }, "Events"), h("th", { class: "c-num" }, "Conflict"))),
        h("tbody", null, [...byCountry.entries()].sort((a, b) => b[1].events - a[1].events).map(([code, c]) => h("tr", null,
          h("td", null, h("a", { href: hashFor("events", { ...filters, country: code }) }, names.get(code) || code), h("span", { class: "muted" }, ` ${code}`)),
          h("td", { class: "c-num" }, fmtInt(c.events)),
          h("td", { class: "c-num" }, c.events ? `${Math.round((100 * c.conflict) / c.events)}%` : "—"))))));
  }
  return null;
}
