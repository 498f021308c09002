import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translate } from '../../i18n/index.js';
import { cotEvent, NOW_US } from './fixtures.js';
import { describeType, type CotDetection, type CotRejectionReason } from './model.js';
import { isoToUs, parseCot } from './parse.js';

function accepted(xml: string): CotDetection {
  const result = parseCot(xml, { nowUs: NOW_US });
  if (!result.ok) assert.fail(`refused: ${result.rejection.reason} ${JSON.stringify(result.rejection.params)}`);
  return result.detection;
}

function refused(xml: string | Uint8Array, reason: CotRejectionReason, nowUs = NOW_US): Record<string, string | number> {
  const result = parseCot(xml, { nowUs });
  assert.equal(result.ok, false, `expected ${reason}, got a detection`);
  if (result.ok) throw new Error('unreachable');
  assert.equal(result.rejection.reason, reason, JSON.stringify(result.rejection.params));
  return result.rejection.params;
}

test('a hostile rotary-wing drone near Tijuana, with track, callsign and remarks', () => {
  const xml = cotEvent({
    detail:
      '<track course="352.5" speed="14.2"/><contact callsign="DRON-TJ-7"/>' +
      '<remarks source="SEDENA">Carga suspendida &amp; luces apagadas &lt;noche&gt;</remarks>',
  });
  const d = accepted(xml);
  assert.equal(d.uid, 'MX-SEDENA-RF-0042');
  assert.deepEqual(d.type, {
    type: 'a-h-A-M-H-Q',
    affiliation: 'hostile',
    dimension: 'air',
    operator: 'military',
    airframe: 'rotary-wing',
    unmanned: true,
  });
  assert.equal(d.how, 'm-g');
  assert.equal(d.timeUs, Date.UTC(2026, 10, 27, 17, 59, 58, 250) * 1000);
  assert.equal(d.startUs, d.timeUs);
  assert.equal(d.staleUs, d.timeUs + 120_000_000);
  assert.deepEqual(d.point, { lat: 32.5419, lon: -116.9702, hae: 180.5, ce: 25, le: 15 });
  assert.deepEqual(d.detail, {
    track: { course: 352.5, speed: 14.2 },
    callsign: 'DRON-TJ-7',
    remarks: 'Carga suspendida & luces apagadas <noche>',
  });
  assert.equal(d.raw, xml, 'the raw document is kept byte for byte as evidence');
});

test('a friendly ground unit with unknown altitude and errors', () => {
  const d = accepted(
    cotEvent({
      uid: 'US-CBP-SDC-UNIT-12',
      type: 'a-f-G-U-C',
      how: 'h-e',
      hae: '9999999',
      ce: '9999999',
      le: '9999999',
      detail: '<contact callsign="BORDER 12"/>',
    }),
  );
  assert.equal(d.type.affiliation, 'friendly');
  assert.equal(d.type.dimension, 'ground');
  assert.equal(d.type.airframe, null);
  assert.deepEqual(d.point, { lat: 32.5419, lon: -116.9702, hae: null, ce: null, le: null });
  assert.deepEqual(d.detail, { callsign: 'BORDER 12' });
});

test('type atoms: every affiliation letter, fixed-wing drones, non-atom types', () => {
  const expected = {
    h: 'hostile',
    s: 'suspect',
    u: 'unknown',
    f: 'friendly',
    n: 'neutral',
    p: 'pending',
    a: 'assumed-friend',
    j: 'joker',
    k: 'faker',
    o: 'none',
  };
  for (const [letter, affiliation] of Object.entries(expected)) assert.equal(describeType(`a-${letter}-A`).affiliation, affiliation);
  assert.deepEqual(describeType('a-u-A-C-F-Q'), {
    type: 'a-u-A-C-F-Q',
    affiliation: 'unknown',
    dimension: 'air',
    operator: 'civil',
    airframe: 'fixed-wing',
    unmanned: true,
  });
  assert.equal(describeType('a-f-A-M-F').unmanned, false);
  assert.equal(describeType('a-x-A').affiliation, null);
  assert.deepEqual(describeType('b-m-p-s-p-i'), {
    type: 'b-m-p-s-p-i',
    affiliation: null,
    dimension: null,
    operator: null,
    airframe: null,
    unmanned: false,
  });
  assert.equal(describeType('a-constructor-A').affiliation, null, 'prototype names are not affiliations');
});

test('timestamps keep microseconds, honour offsets and refuse impossible dates', () => {
  assert.equal(isoToUs('2026-11-27T18:00:00.123456789Z'), Date.UTC(2026, 10, 27, 18) * 1000 + 123456);
  assert.equal(isoToUs('2026-11-27T12:00:00-06:00'), Date.UTC(2026, 10, 27, 18) * 1000);
  assert.equal(isoToUs('2026-02-30T00:00:00Z'), null);
  assert.equal(isoToUs('2026-11-27 18:00:00Z'), null);
  assert.equal(isoToUs('1764266400'), null);
});

test('structural refusals', () => {
  refused('{"uid":"x"}', 'not-xml');
  refused('', 'not-xml');
  refused(new Uint8Array([0x3c, 0xff, 0xfe]), 'not-xml');
  refused('<event uid="x"><point></event>', 'malformed');
  refused('<event uid="x"/><event uid="y"/>', 'malformed');
  assert.equal(refused('<message uid="x"/>', 'root').root, 'message');
});

test('missing and bad fields name the field', () => {
  for (const field of ['uid', 'type', 'how', 'time', 'start', 'stale'] as const) {
    assert.equal(refused(cotEvent({}, [field]), 'missing-field').field, field);
  }
  assert.equal(refused(cotEvent({}, ['lat', 'lon', 'hae']), 'missing-field').field, 'point');
  assert.equal(refused(cotEvent({ type: 'a h A' }), 'invalid-field').field, 'type');
  assert.equal(refused(cotEvent({ uid: 'x'.repeat(300) }), 'invalid-field').field, 'uid');
  assert.equal(refused(cotEvent({ time: 'yesterday' }), 'invalid-field').field, 'time');
  assert.equal(refused(cotEvent({ start: '2026-13-01T00:00:00Z' }), 'invalid-field').field, 'start');
  assert.equal(refused(cotEvent({ stale: '2026-11-27T18:01:58' }), 'invalid-field').field, 'stale');
  assert.equal(refused(cotEvent({ lat: '0x20' }), 'invalid-field').field, 'point.lat');
  assert.equal(refused(cotEvent({ lon: 'Infinity' }), 'invalid-field').field, 'point.lon');
  assert.equal(refused(cotEvent({ hae: '' }), 'missing-field').field, 'point.hae');
  assert.equal(refused(cotEvent({ ce: '-1' }), 'invalid-field').field, 'point.ce');
  assert.equal(refused(cotEvent({ detail: '<track course="400" speed="3"/>' }), 'invalid-field').field, 'detail.track.course');
  assert.equal(refused(cotEvent({ detail: '<track course="10" speed="-3"/>' }), 'invalid-field').field, 'detail.track.speed');
  const twoPoints = cotEvent().replace('<detail>', '<point lat="1" lon="1" hae="0" ce="1" le="1"/><detail>');
  assert.equal(refused(twoPoints, 'invalid-field').field, 'point');
});

test('coordinates outside the globe', () => {
  assert.equal(refused(cotEvent({ lat: '90.0001' }), 'latitude-range').value, 90.0001);
  refused(cotEvent({ lat: '-91' }), 'latitude-range');
  assert.equal(refused(cotEvent({ lon: '-180.5' }), 'longitude-range').value, -180.5);
  refused(cotEvent({ lon: '9999999' }), 'longitude-range');
  accepted(cotEvent({ lat: '-90', lon: '180' }));
});

test('times: future beyond 60 s skew, already stale, stale before start', () => {
  accepted(cotEvent({ time: '2026-11-27T18:01:00Z' }));
  assert.equal(refused(cotEvent({ time: '2026-11-27T18:01:00.000001Z' }), 'time-future').seconds, 60);
  assert.equal(refused(cotEvent({ stale: '2026-11-27T18:00:00Z' }), 'stale').stale, '2026-11-27T18:00:00.000000Z');
  refused(cotEvent({ start: '2026-11-27T18:05:00Z' }), 'stale-before-start');
});

test('every refusal renders in English and Spanish', () => {
  const params = refused(cotEvent({ lat: '95' }), 'latitude-range');
  assert.equal(translate('en', 'cot', 'reject.latitude-range', params), 'Latitude 95 lies outside ±90°.');
  assert.equal(translate('es', 'cot', 'reject.latitude-range', params), 'La latitud 95 está fuera de ±90°.');
});
