import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeStats } from './describe.js';
import type { DriverStats } from './driver.js';
import { simulatorMessages } from './messages.js';

const stats: DriverStats = {
  sent: 12,
  accepted: 9,
  rejected: 2,
  failed: 1,
  byNode: { us: { sent: 5, accepted: 4, rejected: 1, failed: 0 }, mx: { sent: 7, accepted: 5, rejected: 1, failed: 1 } },
  skipped: 3,
  reasons: { stale: 1, 'drones.rejected': 1 },
  maxLagMs: 4.6,
  lastError: 'mx: HTTP 503',
  done: true,
};

describe('describeStats', () => {
  it('has every text in English and Spanish', () => {
    assert.deepEqual(Object.keys(simulatorMessages.es).sort(), Object.keys(simulatorMessages.en).sort());
  });

  it('tells a run in English', () => {
    const lines = describeStats('en', stats);
    assert.equal(lines[0], 'Sent 12 reports: 9 detections accepted, 2 refused, 1 requests failed.');
    assert.ok(lines.includes('Node mx: 7 sent, 5 accepted, 1 refused, 1 failed.'));
    assert.ok(lines.includes('Refused as stale: 1.'));
    assert.ok(lines.includes('3 reports were for a node with no target and were not sent.'));
    assert.ok(lines.includes('Worst delay behind schedule: 5 ms.'));
    assert.equal(lines.at(-1), 'Last error: mx: HTTP 503');
  });

  it('tells a run in Spanish, with no key left untranslated', () => {
    const lines = describeStats('es', stats);
    assert.equal(lines[0], 'Se enviaron 12 reportes: 9 detecciones aceptadas, 2 rechazadas, 1 solicitudes fallidas.');
    assert.ok(lines.includes('Nodo us: 5 enviados, 4 aceptadas, 1 rechazadas, 0 fallidas.'));
    assert.ok(lines.every((l) => !l.includes('summary.')));
  });
});
