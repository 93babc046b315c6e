#!/usr/bin/env node
// Generates crates/dyad-server/ui/world-110m.json: the web UI's offline basemap.
//
// Source: Natural Earth 1:110m Admin 0 countries (public domain, naturalearthdata.com),
// as packaged in the npm package `world-atlas@2.0.2` (ISC, Mike Bostock) as TopoJSON.
// This script decodes the TopoJSON arcs itself, rounds coordinates to 0.01 degree, drops
// repeated points, and writes a compact GeoJSON FeatureCollection whose features carry the
// country name, its ISO 3166-1 numeric id and its alpha-3 code (the code dyad's events use),
// looked up with the npm package `i18n-iso-countries@7.14.0` (MIT).
//
// Usage:
//   npm install --prefix /tmp/basemap world-atlas@2.0.2 i18n-iso-countries@7.14.0
//   node scripts/gen_basemap.mjs /tmp/basemap/node_modules > crates/dyad-server/ui/world-110m.json
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const modules = process.argv[2];
if (!modules) {
  console.error("usage: gen_basemap.mjs path/to/node_modules (holding world-atlas and i18n-iso-countries) > out.json");
  process.exit(2);
}
const topology = JSON.parse(readFileSync(join(modules, "world-atlas", "countries-110m.json"), "utf8"));
const countries = createRequire(join(modules, "noop.js"))("i18n-iso-countries");
const { scale, translate } = topology.transform;

// Delta-decode and de-quantize every arc once.
const arcs = topology.arcs.map((arc) => {
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * scale[0] + translate[0], y * scale[1] + translate[1]];
  });
});

const round = (v) => Math.round(v * 100) / 100;

function ring(indices) {
  const points = [];
  for (const index of indices) {
    const arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
    arc.forEach((p, i) => {
      if (i === 0 && points.length) return; // shared endpoint
      points.push(p);
    });
  }
  const out = [];
  for (const [lon, lat] of points) {
    const q = [round(lon), round(lat)];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out;
}

const features = topology.objects.countries.geometries
  .filter((g) => g.type === "Polygon" || g.type === "MultiPolygon")
  .map((g) => {
    const polygons = g.type === "Polygon" ? [g.arcs] : g.arcs;
    return {
      type: "Feature",
      id: g.id ?? null,
      properties: { name: g.properties?.name ?? "", iso3: (g.id && countries.numericToAlpha3(g.id)) || null },
      geometry: {
        type: "MultiPolygon",
        coordinates: polygons.map((rings) => rings.map(ring).filter((r) => r.length >= 4)),
      },
    };
  });

const collection = {
  type: "FeatureCollection",
  source: "Natural Earth 1:110m Admin 0 countries (public domain), via npm world-atlas@2.0.2 (ISC); alpha-3 codes via i18n-iso-countries@7.14.0 (MIT)",
  features,
};
process.stdout.write(JSON.stringify(collection) + "\n");
