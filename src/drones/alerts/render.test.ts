import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allCatalogues } from '../../i18n/index.js';
import { alert, T0 } from './fixtures.js';
import { alertsMessages } from './messages.js';
import { RULE_KINDS } from './refusal.js';
import { renderAlert, ruleName } from './render.js';

describe('renderAlert', () => {
  it('says a crossing in English and in Mexican Spanish', () => {
    const a = alert();
    assert.deepEqual(renderAlert(a, 'en'), {
      title: 'Drone crossed into the United States near San Ysidro (Tijuana)',
      detail: "Detected by Mexico's sensors. 0.4 km from the port of entry.",
      status: 'Not yet acknowledged',
    });
    assert.deepEqual(renderAlert(a, 'es'), {
      title: 'Dron cruzó hacia Estados Unidos cerca de San Ysidro (Tijuana)',
      detail: 'Detectado por sensores de México. A 0.4 km del puerto de entrada.',
      status: 'Sin confirmar',
    });
  });

  it('names the partner node and the side for an alert the partner shared', () => {
    const a = alert({
      rule: 'approach',
      origin: 'cbp-san-diego',
      originCountry: 'US',
      params: { km: 1.25, side: 'MX', predictedInS: 150 },
    });
    assert.deepEqual(renderAlert(a, 'en'), {
      title: 'Drone approaching the border',
      detail:
        'Detected by U.S. sensors. Shared by the partner node cbp-san-diego. 1.3 km from the border line. On the Mexican side. Expected to reach the line in about 3 min.',
      status: 'Not yet acknowledged',
    });
    assert.equal(
      renderAlert(a, 'es').detail,
      'Detectado por sensores de Estados Unidos. Compartido por el nodo socio cbp-san-diego. A 1.3 km de la línea fronteriza. Del lado mexicano. Se espera que llegue a la línea en unos 3 min.',
    );
  });

  it('states the facts each rule records, as the rules engine records them', () => {
    const drop = alert({ rule: 'payload-drop', params: { kind: 'descent', metres: 38, seconds: 4.5, altM: 41 } });
    assert.equal(renderAlert(drop, 'en').detail, "Detected by Mexico's sensors. Dropped 38 m in 4.5 s. Now at 41 m.");
    assert.equal(
      renderAlert({ ...drop, params: { kind: 'climb', metres: 30, seconds: 3 } }, 'es').detail,
      'Detectado por sensores de México. Ascendió 30 m en 3 s justo después de mantenerse suspendido.',
    );
    const loiter = alert({ rule: 'loitering', params: { minutes: 6.5, seconds: 390, radiusM: 120, km: 0.8, side: 'US' } });
    assert.equal(renderAlert(loiter, 'es').title, 'Dron merodeando cerca de la frontera');
    assert.equal(
      renderAlert(loiter, 'es').detail,
      'Detectado por sensores de México. Se mantuvo en un radio de 120 m durante 6.5 min. A 0.8 km de la línea fronteriza. Del lado estadounidense.',
    );
    const port = alert({
      rule: 'geofence',
      params: { zone: 'San Ysidro', zoneId: 'san-ysidro', zoneKind: 'port', radiusM: 2000, city: 'Tijuana' },
    });
    assert.deepEqual(
      [renderAlert(port, 'en').title, renderAlert(port, 'en').detail],
      ['Drone entered the protected zone around San Ysidro', "Detected by Mexico's sensors. In Tijuana."],
    );
  });

  it('says how long an escalated alert has waited, and who acknowledged it', () => {
    const level2 = alert({ level: 2 });
    assert.equal(renderAlert(level2, 'en').status, 'Escalated: nobody has acknowledged for 1 min');
    assert.equal(renderAlert(level2, 'es', { now: T0 + 7 * 60_000 }).status, 'Escalada: nadie la ha confirmado en 7 min');
    assert.equal(
      renderAlert(alert({ level: 3 }), 'en', { escalateAfterMs: 300_000 }).status,
      'Escalated to the highest level: nobody has acknowledged for 10 min',
    );
    const acked = alert({
      level: 2,
      state: 'acknowledged',
      acknowledgedAt: T0 + 61_000,
      acknowledgedBy: { account: 'joe.ramos', country: 'US' },
    });
    assert.equal(renderAlert(acked, 'en').status, 'Acknowledged by joe.ramos (the United States)');
    assert.equal(renderAlert(acked, 'es').status, 'Confirmada por joe.ramos (Estados Unidos)');
  });

  it('renders every rule with and without params, leaving no placeholder behind', () => {
    const paramSets: Array<Record<string, string | number>> = [
      {},
      { port: 'Nogales' },
      { portCity: 'Nogales, Son.' },
      { to: 'XX', from: 'MX' },
      { zone: 'Base Aérea 1', km: Number.NaN },
      { port: '', to: 'MX' },
    ];
    for (const rule of RULE_KINDS) {
      for (const params of paramSets) {
        for (const lang of ['en', 'es'] as const) {
          const r = renderAlert(alert({ rule, params, originCountry: 'GT', origin: 'local' }), lang);
          for (const text of [r.title, r.detail, r.status]) {
            assert.ok(text.trim().length > 0, `${rule} ${lang} ${JSON.stringify(params)}`);
            assert.doesNotMatch(text, /{{|}}|undefined|NaN|null/, `${rule} ${lang}: ${text}`);
          }
        }
      }
    }
    assert.equal(renderAlert(alert({ params: {} }), 'en').title, 'Drone crossed the border');
    assert.equal(renderAlert(alert({ params: { to: 'MX' } }), 'es').title, 'Dron cruzó hacia México');
    assert.equal(
      renderAlert(alert({ rule: 'geofence', params: { zone: 'Base Aérea 1' } }), 'es').title,
      'Dron entró en el sitio protegido Base Aérea 1',
    );
    assert.equal(
      renderAlert(alert({ rule: 'loitering', params: { minutes: 12 } }), 'en').detail,
      "Detected by Mexico's sensors. For 12 min.",
    );
    assert.equal(renderAlert(alert({ originCountry: 'GT', params: {} }), 'es').detail, 'Detectado por sensores de GT.');
  });

  it('shows hostile values as plain, short, one-line text', () => {
    const r = renderAlert(
      alert({
        params: { to: 'US', port: `San\u202E Ysidro\n\u0007${'x'.repeat(5_000)}` },
        acknowledgedBy: { account: 'a\u2066b', country: 'US' },
        state: 'acknowledged',
        acknowledgedAt: T0,
      }),
      'en',
    );
    assert.doesNotMatch(r.title, /[\u0000-\u001f\u202e\u2066]/);
    assert.ok(r.title.length < 200, `${r.title.length} chars`);
    assert.match(r.title, /^Drone crossed into the United States near San Ysidro x+…$/);
    assert.equal(r.status, 'Acknowledged by a b (the United States)');
  });

  it('names the rules in both languages', () => {
    assert.equal(ruleName('payload-drop', 'en'), 'Payload drop');
    assert.equal(ruleName('payload-drop', 'es'), 'Lanzamiento de carga');
  });
});

describe('drones-alerts catalogue', () => {
  it('is registered, with the same keys and placeholders in both languages', () => {
    assert.equal(allCatalogues['drones-alerts'], alertsMessages);
    const placeholders = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    const en: Record<string, string> = alertsMessages.en;
    const es: Record<string, string> = alertsMessages.es;
    assert.deepEqual(Object.keys(es).sort(), Object.keys(en).sort());
    for (const key of Object.keys(en)) assert.deepEqual(placeholders(es[key]!), placeholders(en[key]!), key);
    for (const rule of RULE_KINDS) for (const key of [`rule.${rule}`, `title.${rule}`, `title.${rule}.bare`]) assert.ok(key in en, key);
  });
});
