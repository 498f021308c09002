/**
 * The drone map's pure logic, part one: projection, what is in view, hit-testing, labels, styles,
 * and the screen's address and API paths (console/src/lib, loaded by web-map-testing.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { mapLib, type Viewport } from './web-map-testing.js';

const lib = mapLib();
const REGION = { west: -118.5, south: 24.5, east: -96.5, north: 34.5 };
const TIJUANA = { lon: -117.0382, lat: 32.5149 };

const viewport = fc.record({
  lon: fc.double({ min: -118.5, max: -96.5, noNaN: true }),
  lat: fc.double({ min: 24.5, max: 34.5, noNaN: true }),
  zoom: fc.double({ min: 8, max: 250_000, noNaN: true }),
  width: fc.integer({ min: 100, max: 4000 }),
  height: fc.integer({ min: 100, max: 3000 }),
}) as fc.Arbitrary<Viewport>;
const screenPoint = fc.record({ x: fc.double({ min: 0, max: 4000, noNaN: true }), y: fc.double({ min: 0, max: 3000, noNaN: true }) });

describe('drone map projection', () => {
  it('comes back to the same place: unproject(project(p)) = p, for any view', () => {
    const p = lib().projection;
    fc.assert(
      fc.property(
        viewport,
        fc.double({ min: -120, max: -95, noNaN: true }),
        fc.double({ min: 22, max: 36, noNaN: true }),
        (v, lon, lat) => {
          const s = p.project(v, lon, lat);
          const back = p.unproject(v, s.x, s.y);
          assert.ok(Math.abs(back.lon - lon) < 1e-7 && Math.abs(back.lat - lat) < 1e-7, `${lon},${lat} → ${back.lon},${back.lat}`);
        },
      ),
    );
  });

  it('puts the centre of the view in the middle of the surface, north up and east right', () => {
    const p = lib().projection;
    const v = { lon: -110, lat: 31, zoom: 100, width: 800, height: 600 };
    assert.deepEqual(p.project(v, -110, 31), { x: 400, y: 300 });
    assert.ok(p.project(v, -109, 31).x > 400);
    assert.ok(p.project(v, -110, 32).y < 300);
    // A degree of longitude is shorter than one of latitude by the cosine of the latitude.
    const east = p.project(v, -109, 31).x - 400;
    assert.ok(Math.abs(east - 100 * Math.cos((31 * Math.PI) / 180)) < 1e-9);
  });

  it('zooms about the pointer: the ground under it stays under it', () => {
    const p = lib().projection;
    fc.assert(
      fc.property(viewport, screenPoint, fc.double({ min: 0.2, max: 5, noNaN: true }), (v0, s, factor) => {
        const v = { ...v0, zoom: Math.min(10_000, Math.max(20, v0.zoom)) };
        const before = p.unproject(v, s.x, s.y);
        const after = p.zoomAt(v, factor, s.x, s.y);
        const back = p.project(after, before.lon, before.lat);
        assert.ok(Math.abs(back.x - s.x) < 1e-5 && Math.abs(back.y - s.y) < 1e-5, `moved to ${back.x},${back.y}`);
      }),
    );
  });

  it('pans with the pointer and keeps the zoom within its limits', () => {
    const p = lib().projection;
    const v = { lon: -110, lat: 31, zoom: 500, width: 800, height: 600 };
    const ground = p.unproject(v, 100, 100);
    const moved = p.panBy(v, 50, -30, 100, 100);
    const s = p.project(moved, ground.lon, ground.lat);
    assert.ok(Math.abs(s.x - 150) < 1e-6 && Math.abs(s.y - 70) < 1e-6);
    assert.equal(p.zoomAt(v, 1e9, 0, 0).zoom, p.MAX_ZOOM);
    assert.equal(p.zoomAt(v, 1e-9, 0, 0).zoom, p.MIN_ZOOM);
    const far = p.clampViewport({ ...v, lon: 10, lat: -50 }, REGION);
    assert.deepEqual([far.lon, far.lat], [REGION.east, REGION.south]);
  });

  it('fits a box in view, and each preset shows its city', () => {
    const p = lib().projection;
    const box = { west: -117.2, east: -97.1, south: 25.8, north: 32.8 };
    const v = p.fitBounds(box, 1200, 700);
    const seen = p.viewBounds(v);
    assert.ok(seen.west <= box.west && seen.east >= box.east && seen.south <= box.south && seen.north >= box.north);
    const places: Record<string, { lon: number; lat: number }> = {
      tijuana: TIJUANA,
      mexicali: { lon: -115.45, lat: 32.62 },
      nogales: { lon: -110.94, lat: 31.33 },
      juarez: { lon: -106.42, lat: 31.69 },
    };
    for (const [id, place] of Object.entries(places)) {
      const pv = p.presetViewport(id as 'tijuana', [], 1200, 700);
      const b = p.viewBounds(pv);
      assert.ok(place.lon > b.west && place.lon < b.east && place.lat > b.south && place.lat < b.north, `${id} shows its city`);
      assert.ok(b.east - b.west < 1.5, `${id} is a city view, not the whole border`);
    }
    const whole = p.viewBounds(
      p.presetViewport(
        'border',
        [
          [-117.1, 32.5],
          [-97.2, 25.9],
        ],
        1200,
        700,
      ),
    );
    assert.ok(whole.west < -117.1 && whole.east > -97.2);
  });
});

describe('drone map clipping', () => {
  const box = { west: 0, south: 0, east: 10, north: 10 };

  it('clips a segment to the box (Liang–Barsky), or says it misses', () => {
    const g = lib().geometry;
    assert.deepEqual(g.clipSegment(-5, 5, 15, 5, box), [0.25, 0.75]);
    assert.deepEqual(g.clipSegment(1, 1, 2, 2, box), [0, 1]);
    assert.equal(g.clipSegment(-5, -5, -1, 20, box), null);
    assert.equal(g.clipSegment(11, 0, 11, 10, box), null);
    // Passing a corner without entering: the boxes overlap, the clip says no.
    assert.equal(g.clipSegment(-3, 8, 3, 14, box), null);
  });

  it('keeps only the runs of a line that touch the view', () => {
    const g = lib().geometry;
    const xs = [-20, -15, 1, 5, 30, 40, 5, 6];
    const ys = [5, 5, 5, 5, 5, 5, 5, 5];
    assert.deepEqual(g.visibleRuns(xs, ys, box), [
      [1, 4],
      [5, 7],
    ]);
    assert.deepEqual(g.visibleRuns([20, 30, 40], [20, 30, 40], box), []);
  });

  it('never drops a visible segment, for any line', () => {
    const g = lib().geometry;
    // Millionths of a degree: finer than any screen, coarse enough to keep denormal rounding out of the question.
    const coord = fc.double({ min: -30, max: 40, noNaN: true }).map((v) => Math.round(v * 1e6) / 1e6);
    fc.assert(
      fc.property(fc.array(fc.tuple(coord, coord), { minLength: 2, maxLength: 30 }), (pts) => {
        const xs = pts.map((p) => p[0]),
          ys = pts.map((p) => p[1]);
        const runs = g.visibleRuns(xs, ys, box);
        for (let i = 0; i + 1 < pts.length; i++) {
          if (g.clipSegment(xs[i]!, ys[i]!, xs[i + 1]!, ys[i + 1]!, box) === null) continue;
          assert.ok(
            runs.some(([a, b]) => a <= i && b >= i + 1),
            `segment ${i} is visible but not drawn`,
          );
        }
      }),
    );
  });

  it('thins a trail to the pixels that show, always ending at the aircraft', () => {
    const g = lib().geometry;
    const out = new Float32Array(64);
    const xs = [0, 0.2, 0.4, 3, 3.1, 3.2, 3.3];
    const ys = [0, 0, 0, 0, 0, 0, 0];
    const n = g.decimate(xs, ys, xs.length, 1, out);
    assert.deepEqual([...out.slice(0, 2 * n)], [0, 0, 3, 0, 3.299999952316284, 0]);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 2, maxLength: 30 }), (vals) => {
        const k = g.decimate(vals, vals, vals.length, 2, out);
        assert.ok(Math.abs(out[2 * (k - 1)]! - Math.fround(vals[vals.length - 1]!)) < 1e-6);
        for (let i = 1; i < k - 1; i++) assert.ok(Math.hypot(out[2 * i]! - out[2 * i - 2]!, out[2 * i + 1]! - out[2 * i - 1]!) >= 2 - 1e-4);
      }),
    );
  });

  it('names the nearest place', () => {
    const g = lib().geometry;
    const ports = [
      { name: 'San Ysidro', lat: 32.5423, lon: -117.0298 },
      { name: 'Otay Mesa', lat: 32.5497, lon: -116.9383 },
    ];
    assert.equal(g.nearestPlace(ports, 32.53, -117.02)?.place.name, 'San Ysidro');
    assert.equal(g.nearestPlace([], 32.53, -117.02), null);
  });
});

describe('drone map hit-testing', () => {
  it('finds the symbol under the pointer and nothing beside it', () => {
    const { HitGrid } = lib().hit;
    const grid = new HitGrid(32);
    grid.insert('a', 100, 100);
    grid.insert('b', 130, 100);
    grid.insert('c', -5, 40);
    assert.equal(grid.nearest(104, 102, 12), 'a');
    assert.equal(grid.nearest(127, 99, 12), 'b');
    assert.equal(grid.nearest(115, 150, 12), null);
    assert.equal(grid.nearest(-1, 38, 12), 'c');
    assert.deepEqual(grid.within(90, 90, 140, 110), ['a', 'b']);
    grid.clear();
    assert.equal(grid.nearest(100, 100, 12), null);
  });

  it('gives the one drawn on top when two coincide', () => {
    const { HitGrid } = lib().hit;
    const grid = new HitGrid();
    grid.insert('under', 50, 50);
    grid.insert('over', 50, 50);
    assert.equal(grid.nearest(50, 50, 5), 'over');
  });

  it('agrees with looking at every symbol', () => {
    const { HitGrid } = lib().hit;
    const pt = fc.record({ x: fc.double({ min: -50, max: 1500, noNaN: true }), y: fc.double({ min: -50, max: 900, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(pt, { minLength: 1, maxLength: 200 }), pt, fc.double({ min: 1, max: 40, noNaN: true }), (pts, q, r) => {
        const grid = new HitGrid(24);
        pts.forEach((p, i) => grid.insert(String(i), p.x, p.y));
        let best = -1,
          bestD = Infinity;
        pts.forEach((p, i) => {
          const d = (p.x - q.x) ** 2 + (p.y - q.y) ** 2;
          if (d <= r * r && (d < bestD || (d === bestD && i > best))) {
            best = i;
            bestD = d;
          }
        });
        assert.equal(grid.nearest(q.x, q.y, r), best < 0 ? null : String(best));
      }),
    );
  });
});

describe('drone map labels and styles', () => {
  it('places names without overlap, the most important first', () => {
    const { placeLabels } = lib().labels;
    const placed = placeLabels(
      [
        { text: 'Otay Mesa', x: 100, y: 100, width: 60, height: 14, priority: 1 },
        { text: 'Tijuana', x: 105, y: 102, width: 50, height: 14, priority: 2 },
        { text: 'Tecate', x: 106, y: 101, width: 50, height: 14, priority: 0 },
        { text: 'Off screen', x: 5000, y: 10, width: 50, height: 14, priority: 5 },
      ],
      { width: 800, height: 600 },
    );
    assert.deepEqual(
      placed.map((l) => l.text),
      ['Tijuana', 'Otay Mesa'],
    );
    assert.equal(placed[0]?.align, 'left');
    assert.equal(placed[1]?.align, 'right');
  });

  it('tells classifications apart by shape as well as colour', () => {
    const s = lib().style;
    const shapes = new Set(s.CLASSIFICATIONS.map((c) => s.CLASS_STYLES[c]?.shape));
    const colours = new Set(s.CLASSIFICATIONS.map((c) => s.CLASS_STYLES[c]?.colour));
    assert.equal(shapes.size, 4);
    assert.equal(colours.size, 4);
    assert.equal(s.CLASS_STYLES.hostile?.shape, 'diamond');
    assert.equal(s.CLASS_STYLES.friendly?.shape, 'circle');
  });

  it("tells this node's tracks from the partner's", () => {
    const s = lib().style;
    assert.equal(s.provenanceOf({ origin: 'local', originCountry: 'US' }, 'US'), 'own');
    assert.equal(s.provenanceOf({ origin: 'mx', originCountry: 'MX' }, 'US'), 'partner');
    assert.equal(s.provenanceOf({ origin: 'mx', originCountry: 'mx' }, 'MX'), 'own');
  });

  it('draws any number of tracks in at most sixteen styles, hostile on top and stale underneath', () => {
    const s = lib().style;
    const classes = ['hostile', 'suspect', 'unknown', 'friendly', 'from-a-newer-node'];
    const items = Array.from({ length: 2000 }, (_, i) => ({ c: classes[i % 5]!, own: i % 3 === 0, stale: i % 7 === 0 }));
    const groups = s.groupByStyle(items, (x) => ({ classification: x.c, provenance: x.own ? 'own' : 'partner', stale: x.stale }));
    assert.ok(groups.length <= 16);
    assert.equal(
      groups.reduce((n, g) => n + g.items.length, 0),
      2000,
    );
    assert.ok(groups.every((g) => s.CLASSIFICATIONS.includes(g.classification)));
    const live = groups.filter((g) => !g.stale);
    assert.equal(live[live.length - 1]?.classification, 'hostile');
    assert.ok(groups[0]?.stale);
  });

  it('points the heading tick along the course', () => {
    const { headingTick } = lib().style;
    const north = headingTick(0, 5, 4);
    assert.ok(Math.abs(north.x1) < 1e-9 && north.y1 < north.y0 && north.y0 < 0);
    const east = headingTick(90, 5, 4);
    assert.ok(east.x1 > east.x0 && east.x0 > 0 && Math.abs(east.y1) < 1e-9);
  });

  it('drops badges and thins trails when many tracks are in view', () => {
    const s = lib().style;
    assert.equal(s.detailFor(100, 50).trackBadges, true);
    assert.equal(s.detailFor(100, 2000).trackBadges, false);
    assert.equal(s.detailFor(20, 0).cityLabels, false);
    assert.equal(s.detailFor(2000, 0).portLabels, true);
  });

  it('waits longer between reconnections, up to half a minute', () => {
    const { retryDelayMs } = lib().backoff;
    const mid = () => 0.5;
    assert.equal(retryDelayMs(0, mid), 1000);
    assert.equal(retryDelayMs(3, mid), 8000);
    assert.equal(retryDelayMs(20, mid), 30_000);
    assert.ok(retryDelayMs(0, () => 0) < retryDelayMs(0, () => 0.999));
  });
});

describe('the Drones screen address and API', () => {
  it('has its own address, with the incident shown', () => {
    const r = lib().routes;
    assert.deepEqual(r.parseRoute('/console/drones', ''), { name: 'drones', incident: null });
    const id = 'x-enlace-drone-incident--3f1c0a4e-0000-4000-8000-000000000001';
    const route = r.parseRoute('/console/drones', `?incident=${id}`);
    assert.deepEqual(route, { name: 'drones', incident: id });
    assert.equal(r.hrefOf(route), `/console/drones?incident=${id}`);
    assert.equal(r.hrefOf({ name: 'drones', incident: null }), '/console/drones');
    assert.ok(r.SECTIONS.includes('drones'));
    assert.ok(r.canOpen('drones', ['drones:read']));
    assert.ok(!r.canOpen('drones', ['objects:read', 'drones:ingest']));
  });

  it('asks the node at the contract paths, escaping ids', () => {
    const { dronesApi, EVIDENCE_FORMATS } = lib().api;
    assert.equal(dronesApi.ack('x-enlace-drone-incident--1/crossing'), '/api/v1/drones/alerts/x-enlace-drone-incident--1%2Fcrossing/ack');
    assert.equal(dronesApi.incident('a b'), '/api/v1/drones/incidents/a%20b');
    assert.equal(dronesApi.evidence('i-1', 'report', 'es-MX'), '/api/v1/drones/incidents/i-1/evidence?format=report&lang=es');
    assert.equal(dronesApi.evidence('i-1', 'cot', 'en'), '/api/v1/drones/incidents/i-1/evidence?format=cot&lang=en');
    assert.deepEqual([...EVIDENCE_FORMATS], ['geojson', 'cot', 'csv', 'report']);
  });
});
