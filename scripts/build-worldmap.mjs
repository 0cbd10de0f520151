// Builds crates/veille-server/src/ui/world.svg, the offline world map of the
// story pages, from Natural Earth's 1:110m countries as packaged by the npm
// package world-atlas (TopoJSON), converted with topojson-client.
//
// Run through scripts/build-worldmap.sh, which installs both pinned packages
// in a temporary folder: `node build-worldmap.mjs NODE_MODULES_DIR > world.svg`.
//
// Projection: equirectangular, x = (lon + 180) * 10, y = (90 - lat) * 10,
// rounded to integers (0.1 degree, finer than the 1:110m data), so the
// page's script places a point with the same two lines. Antarctica is left
// out and the view box spans latitudes 84 N to 58 S.
import { createRequire } from "node:module";
import path from "node:path";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node build-worldmap.mjs NODE_MODULES_DIR");
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(dir), "noop.js"));
const topo = require("world-atlas/countries-110m.json");
const { feature } = require("topojson-client");

const SCALE = 10;
const px = ([lon, lat]) => [Math.round((lon + 180) * SCALE), Math.round((90 - lat) * SCALE)];

// One ring as an SVG subpath with relative moves, repeated points dropped.
// A ring that crosses the antimeridian (Fiji, Chukotka) is cut there into
// pieces closed on their own, instead of a line across the whole map.
function ring(coords) {
  let out = "";
  let prev = null;
  for (const c of coords) {
    const [x, y] = px(c);
    if (prev === null) {
      out += `M${x} ${y}`;
    } else if (Math.abs(x - prev[0]) > 180 * SCALE) {
      out += `zM${x} ${y}`;
    } else {
      const dx = x - prev[0], dy = y - prev[1];
      if (dx === 0 && dy === 0) continue;
      out += `l${dx} ${dy}`;
    }
    prev = [x, y];
  }
  return out + "z";
}

function polygons(geom) {
  if (!geom) return [];
  if (geom.type === "Polygon") return [geom.coordinates];
  if (geom.type === "MultiPolygon") return geom.coordinates;
  return [];
}

const countries = feature(topo, topo.objects.countries).features
  .filter((f) => f.properties.name !== "Antarctica")
  .map((f) => {
    const d = polygons(f.geometry).flatMap((poly) => poly.map(ring)).join("");
    return d ? `<path d="${d}"/>` : "";
  })
  .filter(Boolean);

const [top, bottom] = [(90 - 84) * SCALE, (90 + 58) * SCALE];
process.stdout.write(
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 ${top} ${360 * SCALE} ${bottom - top}" ` +
    `class="worldmap" role="img" aria-label="World map">` +
    `<!-- Natural Earth 1:110m countries (public domain) via world-atlas 2.0.2 (ISC); see NOTICE -->` +
    `<g class="land">${countries.join("")}</g><g class="marks"></g></svg>\n`,
);
