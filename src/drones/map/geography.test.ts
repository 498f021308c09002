import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { borderService } from '../border/service.js';
import { BORDER_REGION, borderGeography } from './geography.js';

describe('the drone map geography', () => {
  const g = borderGeography();
  const inRegion = (lon: number, lat: number) =>
    lon >= BORDER_REGION.west && lon <= BORDER_REGION.east && lat >= BORDER_REGION.south && lat <= BORDER_REGION.north;

  it('carries the boundary line the border service measures against, west to east', () => {
    const line = borderService().line;
    assert.equal(g.border.length, line.length);
    assert.ok(g.border.length > 500);
    for (let i = 0; i < line.length; i += 37) {
      assert.ok(Math.abs(g.border[i]![0] - line[i]![0]) < 1e-4 && Math.abs(g.border[i]![1] - line[i]![1]) < 1e-4, `point ${i}`);
    }
    assert.ok(g.border[0]![0] < g.border[g.border.length - 1]![0]);
  });

  it('has both countries, cut to the border region', () => {
    for (const rings of [g.countries.us, g.countries.mx]) {
      assert.ok(rings.length > 0);
      for (const ring of rings) {
        assert.ok(ring.length >= 3);
        for (const [lon, lat] of ring) assert.ok(inRegion(lon, lat), `${lon}, ${lat} outside the region`);
      }
    }
    // The largest U.S. ring reaches the Pacific coast at San Diego and the line at the Rio Grande.
    const biggest = [...g.countries.us].sort((a, b) => b.length - a.length)[0]!;
    assert.ok(
      biggest.some(([lon]) => lon < -117),
      'the U.S. fill reaches the Pacific',
    );
  });

  it('outlines the four U.S. border states and names all ten', () => {
    assert.deepEqual(
      g.states.map((s) => s.code),
      ['US-CA', 'US-AZ', 'US-NM', 'US-TX', 'MX-BCN', 'MX-SON', 'MX-CHH', 'MX-COA', 'MX-NLE', 'MX-TAM'],
    );
    for (const s of g.states) {
      assert.ok(inRegion(s.label[0], s.label[1]), `${s.code} label outside the region`);
      if (s.country === 'US') assert.ok(s.rings.length > 0 && s.rings.every((r) => r.length >= 3), `${s.code} has an outline`);
      else assert.deepEqual(s.rings, [], `${s.code}: no shipped outline`);
      const side = borderService().sideOf({ lon: s.label[0], lat: s.label[1] }).side;
      assert.equal(side, s.country, `${s.code} label on the ${side} side`);
    }
    assert.equal(g.states.find((s) => s.code === 'US-NM')?.name.es, 'Nuevo México');
  });

  it('puts every port of entry inside the region, close to the line', () => {
    assert.equal(g.ports.length, 36);
    for (const p of g.ports) {
      assert.ok(inRegion(p.lon, p.lat), p.id);
      assert.ok(Math.abs(borderService().signedDistanceM(p)) < 5_000, `${p.id} is far from the line`);
    }
  });

  it('puts every city on its own side of the line', () => {
    assert.ok(g.cities.length >= 20);
    for (const c of g.cities) {
      const { side } = borderService().sideOf(c);
      assert.equal(side, c.country, `${c.name} (${c.country}) lies on the ${side} side`);
    }
    assert.deepEqual(
      g.cities
        .filter((c) => c.name === 'Nogales')
        .map((c) => c.country)
        .sort(),
      ['MX', 'US'],
    );
  });

  it('stays small enough for the console to load at once', () => {
    const bytes = Buffer.byteLength(JSON.stringify(g));
    assert.ok(bytes < 300_000, `${bytes} bytes`);
    assert.ok(bytes > 20_000, `${bytes} bytes: the outlines are missing`);
  });

  it('is computed once', () => {
    assert.equal(borderGeography(), g);
  });
});
