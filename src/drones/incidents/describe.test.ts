import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { offLine } from '../border/test-points.js';
import type { RuleHit, TimelineEntry } from '../model.js';
import { airframeName, classificationName, describeHit, describeTimeline, headingName, sideName } from './describe.js';
import { dronesIncidentsMessages } from './messages.js';
import { RuleEngine } from './rules.js';
import { Flight, SAN_YSIDRO, T0 } from './test-support.js';

const hit = (rule: RuleHit['rule'], params: RuleHit['params']): RuleHit => ({
  rule,
  at: T0,
  trackId: 'trk-1',
  lat: 32.5,
  lon: -117,
  params,
});

describe('the drones-incidents texts', () => {
  it('exist in both languages with the same keys and placeholders', () => {
    const { en, es } = dronesIncidentsMessages;
    assert.deepEqual(Object.keys(es).sort(), Object.keys(en).sort());
    const holes = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
    for (const k of Object.keys(en) as Array<keyof typeof en>) assert.deepEqual(holes(es[k]), holes(en[k]), k);
  });

  it('phrase every hit the rules produce, fully, in English and Spanish', () => {
    const engine = new RuleEngine();
    const f = new Flight();
    const hits: RuleHit[] = [];
    let t = T0;
    for (let d = -4000; d <= 1500; d += 10) hits.push(...engine.evaluate(f.at((t += 1000), offLine(SAN_YSIDRO, d, 300))));
    assert.deepEqual(
      hits.map((h) => h.rule),
      ['approach', 'geofence', 'crossing'],
    );
    for (const h of hits) {
      const en = describeHit(h, 'en');
      const es = describeHit(h, 'es');
      for (const s of [en.title, en.detail, es.title, es.detail]) assert.doesNotMatch(s, /\?|\{\{/, s);
      assert.notEqual(en.detail, es.detail);
    }
    const crossing = hits.find((h) => h.rule === 'crossing')!;
    assert.match(
      describeHit(crossing, 'en').detail,
      /^Crossed from Mexico into United States [0-9.]+ km from the San Ysidro port of entry \(Tijuana\)\.$/,
    );
    assert.match(
      describeHit(crossing, 'es').detail,
      /^Cruzó de México a Estados Unidos a [0-9.]+ km del puerto de entrada San Ysidro \(Tijuana\)\.$/,
    );
  });

  it('say when a crossing is expected, in minutes', () => {
    assert.equal(
      describeHit(hit('approach', { km: 2.9, side: 'MX', predictedInS: 290 }), 'en').detail,
      '2.9 km from the line on the Mexico side, heading towards it; expected to cross in about 5 min.',
    );
    assert.equal(
      describeHit(hit('approach', { km: 2.9, side: 'US' }), 'es').detail,
      'A 2.9 km de la línea del lado de Estados Unidos, en dirección a ella.',
    );
  });

  it('phrase both payload-drop signatures and both kinds of zone', () => {
    assert.match(
      describeHit(hit('payload-drop', { kind: 'climb', metres: 12, seconds: 2, altM: 52 }), 'en').detail,
      /^Climbed 12 m in 2 s/,
    );
    assert.match(
      describeHit(hit('payload-drop', { kind: 'descent', metres: 20, seconds: 3, altM: 40 }), 'es').detail,
      /^Descendió 20 m en 3 s/,
    );
    assert.match(describeHit(hit('geofence', { zone: 'Presa', zoneKind: 'site' }), 'es').detail, /sitio protegido Presa/);
    assert.match(
      describeHit(hit('geofence', { zone: 'Otay Mesa', zoneKind: 'port', city: 'Tijuana', radiusM: 1000 }), 'en').detail,
      /1000 m zone around the Otay Mesa port of entry \(Tijuana\)/,
    );
  });

  it("take only the params they name: a partner's stray or missing params cannot break a text", () => {
    const hostile = hit('loitering', {
      count: 3,
      context: 'male',
      lng: 'fr',
      ns: 'errors',
      returnObjects: 1,
      minutes: 2.5,
    } as RuleHit['params']);
    const text = describeHit(hostile, 'en').detail;
    assert.match(text, /for 2\.5 min/);
    assert.match(text, /within \? m/);
    assert.doesNotMatch(text, /\{\{/);
    assert.equal(describeHit(hit('crossing', { from: 'XX', to: 'MX' }), 'en').detail.includes('from XX into Mexico'), true);
  });

  it('phrase every timeline entry', () => {
    const entry = (kind: TimelineEntry['kind'], params: TimelineEntry['params']): TimelineEntry => ({
      at: T0,
      kind,
      trackId: 'trk-9',
      lat: null,
      lon: null,
      params,
    });
    assert.deepEqual(describeTimeline(entry('opened', { classification: 'hostile', airframe: 'rotary-wing' }), 'es'), {
      title: 'Incidente abierto',
      detail: 'Un dron hostil de ala rotatoria.',
    });
    assert.equal(
      describeTimeline(entry('opened', { classification: 'suspect', airframe: 'fixed-wing', exercise: 1 }), 'en').detail,
      'A suspect fixed-wing drone, in an exercise.',
    );
    assert.match(
      describeTimeline(entry('track-joined', { track: 'HALCON 2', distanceM: 120 }), 'en').detail,
      /^Track HALCON 2 launched 120 m/,
    );
    assert.equal(
      describeTimeline(entry('pilot-located', { kind: 'takeoff' }), 'es').detail,
      'Piloto de la traza trk-9: punto de despegue.',
    );
    assert.equal(describeTimeline(entry('closed', { tracks: 2 }), 'en').title, 'Incident closed');
    assert.equal(describeTimeline(entry('approach', { km: 1, side: 'MX' }), 'en').title, 'Approaching the border');
  });

  it('name sides, headings, classifications and airframes', () => {
    assert.deepEqual(
      [sideName('US', 'en'), sideName('US', 'es'), sideName('MX', 'en'), sideName('MX', 'es')],
      ['United States', 'Estados Unidos', 'Mexico', 'México'],
    );
    assert.deepEqual([headingName('towards', 'es'), headingName('along', 'en')], ['hacia la línea', 'along the line']);
    assert.deepEqual([classificationName('unknown', 'es'), airframeName('fixed-wing', 'es')], ['no identificado', 'de ala fija']);
  });
});
