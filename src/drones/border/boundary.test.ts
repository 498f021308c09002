import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { length, lineString } from '@turf/turf';
import { borderGeometry } from './boundary.js';
import { LineIndex } from './geometry.js';
import { BorderService } from './service.js';

describe('U.S.–Mexico boundary from world-atlas', () => {
  const g = borderGeometry();

  it('is one line of 966 points, 2,644 km, west to east', () => {
    assert.equal(g.line.length, 966);
    const km = length(lineString(g.line), { units: 'kilometers' });
    assert.ok(Math.abs(km - 2644) < 5, `length ${km.toFixed(1)} km`);
    const [west, east] = [g.line[0]!, g.line[g.line.length - 1]!];
    assert.ok(west[0] < -117 && west[1] > 32.4, `west end ${west}`); // Pacific, Tijuana
    assert.ok(east[0] > -97.3 && east[1] < 26.1, `east end ${east}`); // Gulf, Matamoros
  });

  it('is computed once and cached', () => {
    assert.equal(borderGeometry(), g);
  });

  it('indexed nearest-segment search agrees with brute force', () => {
    const border = new BorderService();
    const probes = [
      { lat: 32.53, lon: -117.03 },
      { lat: 31.75, lon: -106.48 },
      { lat: 40, lon: -100 },
      { lat: 20, lon: -99 },
      { lat: 32, lon: -125 },
      { lat: 25, lon: -90 },
      { lat: 29.5, lon: -104.4 },
    ];
    for (const p of probes) {
      const indexed = g.lineIndex.nearest(p).distanceM;
      let brute = Infinity;
      for (let i = 0; i < g.line.length - 1; i++) {
        const one = new LineIndex([g.line[i]!, g.line[i + 1]!]);
        brute = Math.min(brute, one.nearest(p).distanceM);
      }
      assert.ok(Math.abs(indexed - brute) < 1e-6, `${JSON.stringify(p)}: ${indexed} vs ${brute}`);
      assert.ok(Number.isFinite(border.signedDistanceM(p)));
    }
  });
});
