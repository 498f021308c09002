/**
 * `node dist/bench/drones-map.js`: how long the console's drone map takes to draw a frame in
 * Chromium with 2,000 live tracks of 60-point trails, each moving every frame (a stream batch
 * applied, then the frame drawn). The map's own modules (console/src/lib/map) are transpiled and
 * served to a blank page, which draws on an OffscreenCanvas the size of a laptop screen; reading
 * one pixel back after each frame makes Chromium rasterise it, so the time is the whole frame's.
 * Needs `npm run build:server` (for the geography) and Debian's Chromium. Reports, asserts nothing.
 * BENCH_TRACKS, BENCH_FRAMES and BENCH_DPR change the load.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { CHROMIUM, launchChromium } from '../console/browser/chromium.js';
import { borderGeography } from '../drones/map/geography.js';

const TRACKS = Number(process.env.BENCH_TRACKS ?? 2000);
const FRAMES = Number(process.env.BENCH_FRAMES ?? 120);
const DPR = Number(process.env.BENCH_DPR ?? 1);
const ORIGIN = 'http://bench.enlace.invalid';
const LIB = fileURLToPath(new URL('../../console/src/lib/', import.meta.url));

/** console/src/lib as browser modules, by path under /lib/. */
function transpiledLib(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts')) {
        const rel = relative(LIB, p).replace(/\\/g, '/');
        const js = ts.transpileModule(readFileSync(p, 'utf8'), {
          fileName: rel,
          compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
        }).outputText;
        out.set(`/lib/${rel.replace(/\.ts$/, '.js')}`, js);
      }
    }
  };
  walk(LIB);
  return out;
}

/*
 * Runs in the page: synthetic tracks along the line, then frames. Plain JavaScript, since it is
 * sent as text; it imports the same modules the console ships.
 */
const PAGE_SCRIPT = `
import { renderMap, Scratch } from './lib/map/render.js';
import { HitGrid } from './lib/map/hit.js';
import { DroneState } from './lib/map/state.js';
import { presetViewport } from './lib/map/projection.js';

function random(seed) {
  return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
const CLASSES = ['hostile', 'suspect', 'unknown', 'friendly'];

function makeTracks(geo, n, now, rnd) {
  const tracks = [];
  // Clustered where the traffic is: a third at Tijuana, the rest along the line.
  for (let k = 0; k < n; k++) {
    const anchor = k % 3 === 0 ? [-117.03 + (rnd() - 0.5) * 0.3, 32.53 + (rnd() - 0.5) * 0.15] : geo.border[Math.floor(rnd() * geo.border.length)];
    let lon = anchor[0] + (rnd() - 0.5) * 0.3, lat = anchor[1] + (rnd() - 0.5) * 0.3;
    const heading = rnd() * Math.PI * 2;
    const trail = [];
    for (let i = 0; i < 60; i++) {
      lon += Math.sin(heading) * 0.0004 + (rnd() - 0.5) * 0.0002;
      lat += Math.cos(heading) * 0.0004 + (rnd() - 0.5) * 0.0002;
      trail.push({ t: now - (59 - i) * 1000, lat, lon, altM: 100, sensor: 's', source: 'geojson' });
    }
    const own = k % 2 === 0;
    tracks.push({
      id: 'trk-' + k, uids: ['u' + k], remoteIds: [], sensors: ['s'], sources: ['geojson'], classification: CLASSES[k % 4], exercise: false,
      airframe: 'rotary-wing', callsign: null, firstSeen: now - 60000, lastSeen: now, staleAt: now + 3600000, latest: trail[59],
      pilot: k % 10 === 0 ? { lat: trail[0].lat - 0.01, lon: trail[0].lon, kind: 'live', t: now } : null,
      takeoff: k % 10 === 0 ? { lat: trail[0].lat, lon: trail[0].lon - 0.01, t: now - 60000 } : null,
      border: { side: 'MX', signedDistanceM: -1000, heading: 'towards', groundSpeedMps: 10, courseDeg: (heading * 180 / Math.PI + 360) % 360, predictedCrossingAt: null, nearestPort: { id: 'p', name: 'P', cityMx: 'C', distanceM: 1 } },
      confirmedSide: 'MX', trail, origin: own ? 'local' : 'mx', originCountry: own ? 'US' : 'MX',
    });
  }
  return tracks;
}

/** Every track one step further: a new copy with its trail shifted, as the stream sends it. */
function step(tracks, now) {
  return tracks.map((t) => {
    const last = t.trail[59];
    const next = { ...last, t: now, lon: last.lon + (last.lon - t.trail[58].lon), lat: last.lat + (last.lat - t.trail[58].lat) };
    const trail = t.trail.slice(1); trail.push(next);
    return { ...t, trail, latest: next, lastSeen: now };
  });
}

function pct(values, p) { const s = [...values].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))]; }

window.__bench = async ({ tracks: n, frames, dpr, width, height }) => {
  const geo = await (await fetch('./geography.json')).json();
  const rnd = random(42);
  let now = Date.UTC(2026, 10, 27, 18);
  let tracks = makeTracks(geo, n, now, rnd);
  const state = new DroneState();
  state.reset({ now, country: 'US', tracks, incidents: [], alerts: [] }, now);
  const canvas = new OffscreenCanvas(Math.round(width * dpr), Math.round(height * dpr));
  const ctx = canvas.getContext('2d');
  const hit = new HitGrid();
  const scratch = new Scratch();
  const results = [];
  for (const view of ['border', 'tijuana', 'juarez']) {
    const v = presetViewport(view, geo.border, width, height);
    const apply = [], draw = [], frame = [];
    let visible = 0, points = 0;
    for (let f = 0; f < frames + 10; f++) {
      now += 1000;
      tracks = step(tracks, now);
      const t0 = performance.now();
      state.apply([{ type: 'tracks', updated: tracks, removed: [] }]);
      const t1 = performance.now();
      const stats = renderMap(ctx, v, dpr, {
        geography: geo, tracks: state.tracks.values(), ownCountry: 'US', nodeNow: now, incidentTracks: new Set(['trk-0', 'trk-3']),
        selected: 'trk-0', hovered: null, replay: null, lang: 'en',
      }, hit, scratch);
      const t2 = performance.now();
      ctx.getImageData(0, 0, 1, 1);
      const t3 = performance.now();
      if (f < 10) continue; // warm-up: JIT and font caches
      apply.push(t1 - t0); draw.push(t3 - t1); frame.push(t3 - t0);
      visible = stats.visibleTracks; points = stats.drawnPoints;
    }
    results.push({ view, visible, points, apply: [pct(apply, 50), pct(apply, 95)], draw: [pct(draw, 50), pct(draw, 95)], frame: [pct(frame, 50), pct(frame, 95)] });
  }
  return results;
};
`;

const INDEX = '<!doctype html><meta charset="utf-8"><title>drone map bench</title><script type="module" src="./bench.js"></script>';

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set ENLACE_CHROMIUM)`);
    process.exit(1);
  }
  const files = transpiledLib();
  files.set('/bench.js', PAGE_SCRIPT);
  files.set('/geography.json', JSON.stringify(borderGeography()));
  files.set('/index.html', INDEX);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Served from memory under a name that cannot resolve: nothing of the page reaches a network.
    await page.route(`${ORIGIN}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      const body = files.get(path);
      if (body === undefined) return route.fulfill({ status: 404, body: 'not found' });
      const type = path.endsWith('.js') ? 'text/javascript' : path.endsWith('.json') ? 'application/json' : 'text/html';
      return route.fulfill({ status: 200, contentType: type, body });
    });
    await page.goto(`${ORIGIN}/index.html`);
    await page.waitForFunction('typeof window.__bench === "function"');
    const opts = { tracks: TRACKS, frames: FRAMES, dpr: DPR, width: 1366, height: 700 };
    const results = (await page.evaluate(`window.__bench(${JSON.stringify(opts)})`)) as Array<{
      view: string;
      visible: number;
      points: number;
      apply: [number, number];
      draw: [number, number];
      frame: [number, number];
    }>;
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    const ms = (n: number) => `${n.toFixed(2)} ms`;
    console.log(
      `Drone map, Chromium (${CHROMIUM}), ${TRACKS} tracks × 60-point trails, all moving every frame, 1366×700 CSS px at DPR ${DPR}, ${FRAMES} frames per view`,
    );
    console.log('view        in view  trail pts  apply p50/p95          draw p50/p95           frame p50/p95');
    for (const r of results) {
      console.log(
        `${r.view.padEnd(11)} ${String(r.visible).padStart(7)}  ${String(r.points).padStart(9)}  ${ms(r.apply[0]).padStart(9)} / ${ms(r.apply[1]).padEnd(10)}  ${ms(r.draw[0]).padStart(9)} / ${ms(r.draw[1]).padEnd(10)}  ${ms(r.frame[0]).padStart(9)} / ${ms(r.frame[1])}`,
      );
    }
    const worst = Math.max(...results.map((r) => r.frame[1]));
    console.log(`budget: 16 ms per frame; worst p95 ${ms(worst)} ${worst < 16 ? '(within budget)' : '(OVER budget)'}`);
  } finally {
    await browser.close();
  }
}

await main();
