import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cotEvent } from '../cot/fixtures.js';
import { parseCot } from '../cot/parse.js';
import { detectionFromCot } from './cot-adapter.js';
import { DroneIngest } from './ingest.js';
import { NOW, accepted, bytesOf, refused } from './fixtures.js';

const ingest = () => new DroneIngest({ now: () => NOW });
const cot = (xml: string | Uint8Array) => ingest().ingest('cot', typeof xml === 'string' ? bytesOf(xml) : xml, { sensor: 'sedena-rf-1' });

test('a hostile rotary-wing drone becomes a full detection', () => {
  const xml = cotEvent({ detail: '<track course="352.5" speed="14.2"/><contact callsign="DRON-TJ-7"/>' });
  const [d] = accepted(cot(xml));
  assert.deepEqual(
    { ...d, raw: undefined },
    {
      source: 'cot',
      sensor: 'sedena-rf-1',
      uid: 'MX-SEDENA-RF-0042',
      remoteId: null,
      t: Date.UTC(2026, 10, 27, 17, 59, 58, 250),
      receivedAt: NOW,
      staleAt: Date.UTC(2026, 10, 27, 18, 1, 58, 250),
      lat: 32.5419,
      lon: -116.9702,
      altM: 180.5,
      speedMps: 14.2,
      courseDeg: 352.5,
      verticalSpeedMps: null,
      classification: 'hostile',
      exercise: false,
      airframe: 'rotary-wing',
      callsign: 'DRON-TJ-7',
      pilot: null,
      raw: undefined,
    },
  );
  assert.equal(d!.raw.format, 'cot-xml');
  assert.equal(d!.raw.encoding, 'utf8');
  assert.equal(d!.raw.data, xml);
  assert.equal(d!.raw.sha256, createHash('sha256').update(xml).digest('hex'));
});

test('affiliations map to classification, exercises stay exercises', () => {
  const cases: Array<[string, string, boolean]> = [
    ['a-h-A-M-H-Q', 'hostile', false],
    ['a-s-A-C-F-Q', 'suspect', false],
    ['a-f-A-M-H', 'friendly', false],
    ['a-a-A-M-F-Q', 'friendly', false],
    ['a-j-A-M-H-Q', 'hostile', true],
    ['a-k-A-C-H-Q', 'suspect', true],
    ['a-u-A-C-H-Q', 'unknown', false],
    ['a-n-A-C-F', 'unknown', false],
    ['a-p-A', 'unknown', false],
    ['a-o-A', 'unknown', false],
    ['b-m-p-s-p-loc', 'unknown', false],
  ];
  for (const [type, classification, exercise] of cases) {
    const [d] = accepted(cot(cotEvent({ type })));
    assert.equal(d!.classification, classification, type);
    assert.equal(d!.exercise, exercise, type);
  }
});

test('airframe comes from the type: rotary, fixed, otherwise unknown', () => {
  assert.equal(accepted(cot(cotEvent({ type: 'a-u-A-C-F-Q' })))[0]!.airframe, 'fixed-wing');
  assert.equal(accepted(cot(cotEvent({ type: 'a-u-A-C-H' })))[0]!.airframe, 'rotary-wing');
  assert.equal(accepted(cot(cotEvent({ type: 'a-u-A-C-L' })))[0]!.airframe, 'unknown');
  assert.equal(accepted(cot(cotEvent({ type: 'a-u-G' })))[0]!.airframe, 'unknown');
});

test('the CoT "unknown" altitude becomes null', () => {
  assert.equal(accepted(cot(cotEvent({ hae: '9999999' })))[0]!.altM, null);
});

test('the Enlace pilot element gives the pilot location at the event time', () => {
  const [d] = accepted(cot(cotEvent({ detail: '<__enlace_pilot lat="32.5402" lon="-116.9811" kind="takeoff"/>' })));
  assert.deepEqual(d!.pilot, { lat: 32.5402, lon: -116.9811, kind: 'takeoff', t: d!.t });
});

test('an invalid pilot element refuses the event with the field named', () => {
  assert.equal(
    refused(cot(cotEvent({ detail: '<__enlace_pilot lat="32.5" lon="-116.9" kind="car"/>' })), 'invalid-field').params.field,
    'detail.__enlace_pilot.kind',
  );
  refused(cot(cotEvent({ detail: '<__enlace_pilot lat="95" lon="-116.9" kind="live"/>' })), 'latitude-range');
  refused(cot(cotEvent({ detail: '<__enlace_pilot lat="32" lon="-190" kind="live"/>' })), 'longitude-range');
  assert.equal(
    refused(cot(cotEvent({ detail: '<__enlace_pilot lon="-116.9" kind="live"/>' })), 'missing-field').params.field,
    'detail.__enlace_pilot.lat',
  );
});

test('the digest is of the bytes received, byte order mark included', () => {
  const body = new Uint8Array([0xef, 0xbb, 0xbf, ...bytesOf(cotEvent())]);
  const [d] = accepted(cot(body));
  assert.equal(d!.raw.sha256, createHash('sha256').update(body).digest('hex'));
});

test('detectionFromCot alone digests the text when no bytes are given', () => {
  const xml = cotEvent();
  const parsed = parseCot(xml, { nowUs: NOW * 1000 });
  assert.ok(parsed.ok);
  const d = detectionFromCot(parsed.detection, { sensor: 's', receivedAt: NOW });
  assert.equal(d.raw.sha256, createHash('sha256').update(xml).digest('hex'));
  assert.equal(d.sensor, 's');
});

test('every CoT refusal is forwarded with its reason and params', () => {
  refused(cot('hello'), 'not-xml');
  refused(cot('<event'), 'malformed');
  refused(cot(`<!DOCTYPE x [<!ENTITY a "b">]>${cotEvent().replace(/^<\?xml[^>]*\?>\n/, '')}`), 'doctype');
  refused(cot(`<a>${'<b>'.repeat(40)}${'</b>'.repeat(40)}</a>`), 'too-deep');
  refused(cot('<message/>'), 'root');
  refused(cot(cotEvent({}, ['uid'])), 'missing-field');
  refused(cot(cotEvent({ lat: '0x10' })), 'invalid-field');
  refused(cot(cotEvent({ lat: '91' })), 'latitude-range');
  refused(cot(cotEvent({ lon: '181' })), 'longitude-range');
  assert.equal(refused(cot(cotEvent({ time: '2026-11-27T18:05:00Z' })), 'time-future').params.seconds, 60);
  refused(cot(cotEvent({ stale: '2026-11-27T17:59:59Z' })), 'stale');
  refused(cot(cotEvent({ start: '2026-11-27T18:03:00Z', stale: '2026-11-27T18:02:00Z' })), 'stale-before-start');
  const big = cot(cotEvent({ detail: `<remarks>${'x'.repeat(70_000)}</remarks>` }));
  assert.deepEqual(refused(big, 'too-large').params.max, 65536);
});
