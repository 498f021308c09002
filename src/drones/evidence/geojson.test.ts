import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { hostileIncident, sampleIncident } from './fixtures.js';
import { exportGeoJson, GEOJSON_CONTENT_TYPE } from './geojson.js';

interface Feature {
  type: string;
  id: string;
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}
interface Collection {
  type: string;
  properties: Record<string, unknown>;
  features: Feature[];
}

const parse = (body: Buffer) => JSON.parse(body.toString('utf8')) as Collection;

describe('GeoJSON export', () => {
  it('is an RFC 7946 FeatureCollection carrying the incident in its properties', () => {
    const view = sampleIncident();
    const file = exportGeoJson(view);
    assert.equal(file.contentType, GEOJSON_CONTENT_TYPE);
    assert.match(file.filename, /^x-enlace-drone-incident--[0-9a-f-]{36}_2026-10-01T14-06-13\.250Z\.geojson$/);
    assert.equal(file.sha256, createHash('sha256').update(file.body).digest('hex'));
    const fc = parse(file.body);
    assert.equal(fc.type, 'FeatureCollection');
    assert.deepEqual(
      { ...fc.properties, evidence: undefined },
      {
        incident_id: view.id,
        version: view.version,
        origin: 'mx',
        origin_country: 'MX',
        status: 'open',
        opened_at: '2026-10-01T14:05:23.250Z',
        updated_at: '2026-10-01T14:06:13.250Z',
        closed_at: null,
        rules: ['approach', 'crossing'],
        evidence: undefined,
      },
    );
    assert.deepEqual(
      (fc.properties.evidence as { sha256: string }[]).map((e) => e.sha256),
      view.evidence.map((e) => e.raw.sha256),
    );
  });

  it('draws each trail as a LineString in [lon, lat, alt] order with its identities and times', () => {
    const view = sampleIncident();
    const [a] = view.tracks;
    assert.ok(a);
    const fc = parse(exportGeoJson(view).body);
    const trail = fc.features.find((f) => f.id === `${a.trackId}/trail`);
    assert.ok(trail);
    assert.equal(trail.geometry.type, 'LineString');
    assert.deepEqual(
      trail.geometry.coordinates,
      a.trail.map((p) => [p.lon, p.lat, p.altM]),
    );
    assert.deepEqual(trail.properties, {
      feature: 'trail',
      track_id: a.trackId,
      uids: a.uids,
      remote_ids: a.remoteIds,
      callsign: 'HALCON 7',
      classification: 'hostile',
      airframe: 'rotary-wing',
      sensors: a.sensors,
      first_time: '2026-10-01T14:05:03.250Z',
      last_time: '2026-10-01T14:06:13.250Z',
      times: a.trail.map((p) => new Date(p.t).toISOString()),
      altitudes_m: a.trail.map((p) => p.altM),
    });
  });

  it('gives the latest position, pilot and take-off as Points, and only timeline entries that have a position', () => {
    const view = sampleIncident();
    const [a, b] = view.tracks;
    assert.ok(a && b && a.pilot && a.takeoff);
    const fc = parse(exportGeoJson(view).body);
    const byId = new Map(fc.features.map((f) => [f.id, f]));
    const last = a.trail[a.trail.length - 1];
    assert.ok(last);
    assert.deepEqual(byId.get(`${a.trackId}/latest`)?.geometry, { type: 'Point', coordinates: [last.lon, last.lat, last.altM] });
    assert.equal((byId.get(`${a.trackId}/latest`)?.properties.border as { side: string }).side, 'US');
    assert.deepEqual(byId.get(`${a.trackId}/pilot`)?.geometry, { type: 'Point', coordinates: [a.pilot.lon, a.pilot.lat] });
    assert.equal(byId.get(`${a.trackId}/pilot`)?.properties.kind, 'live');
    assert.deepEqual(byId.get(`${a.trackId}/takeoff`)?.geometry, { type: 'Point', coordinates: [a.takeoff.lon, a.takeoff.lat] });
    assert.equal(byId.has(`${b.trackId}/pilot`), false);
    const timeline = fc.features.filter((f) => f.properties.feature === 'timeline');
    assert.deepEqual(
      timeline.map((f) => f.properties.kind),
      ['approach', 'crossing', 'pilot-located'],
    );
    assert.deepEqual(timeline[1]?.properties.params, { from: 'MX', to: 'US', port: 'San Ysidro' });
    assert.equal(timeline[1]?.properties.time, '2026-10-01T14:05:43.250Z');
  });

  it('leaves altitude out of a line whose points do not all have one, and draws no line for a single point', () => {
    const view = sampleIncident();
    const [a, b] = view.tracks;
    assert.ok(a && b);
    const mixed = { ...a, trail: a.trail.map((p, i) => (i === 2 ? { ...p, altM: null } : p)) };
    const single = { ...b, trail: b.trail.slice(0, 1) };
    const fc = parse(exportGeoJson({ ...view, tracks: [mixed, single] }).body);
    const line = fc.features.find((f) => f.id === `${a.trackId}/trail`);
    assert.deepEqual(
      line?.geometry.coordinates,
      mixed.trail.map((p) => [p.lon, p.lat]),
    );
    assert.equal((line?.properties.altitudes_m as unknown[])[2], null);
    assert.equal(
      fc.features.some((f) => f.id === `${b.trackId}/trail`),
      false,
    );
    assert.equal(fc.features.filter((f) => f.id === `${b.trackId}/latest`).length, 1);
  });

  it('keeps hostile partner text as data, byte for byte', () => {
    const view = hostileIncident();
    const fc = parse(exportGeoJson(view).body);
    const trail = fc.features.find((f) => f.properties.feature === 'trail');
    assert.equal(trail?.properties.callsign, view.tracks[0]?.callsign);
    assert.equal(fc.properties.origin, view.origin);
    const geofence = fc.features.find((f) => f.properties.kind === 'geofence');
    assert.deepEqual(geofence?.properties.params, { zone: '<script>alert("x")</script>', '<k>': '=1+1', nul: 'a\u0000b' });
  });

  it('gives the same bytes for the same version', () => {
    assert.deepEqual(exportGeoJson(sampleIncident()).body, exportGeoJson(sampleIncident()).body);
  });
});
