import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IncidentView } from '../model.js';
import { LIMITS } from './check.js';
import { sampleIncident } from './fixtures.js';
import { EVIDENCE_FORMATS, EvidenceExportError, exportIncident, type EvidenceFormat, type EvidenceLang } from './index.js';

/** Runs every export on a view that must be refused, and returns the one reason they all gave. */
function refusal(view: unknown): EvidenceExportError {
  const errors = EVIDENCE_FORMATS.map((f) => {
    try {
      exportIncident(view as IncidentView, f, 'en');
    } catch (e) {
      assert.ok(e instanceof EvidenceExportError, String(e));
      return e;
    }
    assert.fail(`${f} exported a view it should refuse`);
  });
  const [first] = errors;
  assert.ok(first);
  for (const e of errors) assert.deepEqual([e.reason, e.params], [first.reason, first.params]);
  return first;
}

const edit = (change: (v: Record<string, unknown> & IncidentView) => void): unknown => {
  const view = structuredClone(sampleIncident()) as Record<string, unknown> & IncidentView;
  change(view);
  return view;
};

describe('views refused before anything is exported', () => {
  it('names the malformed field', () => {
    const cases: [unknown, string, Record<string, string | number>][] = [
      [null, 'not-object', { field: '$' }],
      [edit((v) => (v.id = '')), 'not-text', { field: 'id' }],
      [edit((v) => (v.status = 'pending' as 'open')), 'not-one-of', { field: 'status', allowed: 'open, closed' }],
      [
        edit((v) => (v.rules = ['crossing', 'opened'] as IncidentView['rules'])),
        'not-one-of',
        { field: 'rules[1]', allowed: 'crossing, approach, geofence, payload-drop, loitering' },
      ],
      [edit((v) => (v.updatedAt = Number.NaN)), 'not-time', { field: 'updatedAt' }],
      [edit((v) => (v.openedAt = 9e15)), 'not-time', { field: 'openedAt' }],
      [edit((v) => (v.tracks[0]!.trail[3]!.lat = Number.NaN)), 'latitude', { field: 'tracks[0].trail[3].lat' }],
      [edit((v) => (v.tracks[0]!.trail[3]!.lat = 90.5)), 'latitude', { field: 'tracks[0].trail[3].lat' }],
      [edit((v) => (v.tracks[1]!.trail[0]!.lon = -181)), 'longitude', { field: 'tracks[1].trail[0].lon' }],
      [edit((v) => (v.tracks[0]!.trail[0]!.altM = 1e22)), 'altitude', { field: 'tracks[0].trail[0].altM', max: 1_000_000 }],
      [
        edit((v) => (v.tracks[0]!.border.signedDistanceM = Number.POSITIVE_INFINITY)),
        'not-number',
        { field: 'tracks[0].border.signedDistanceM' },
      ],
      [
        edit((v) => (v.tracks[0]!.pilot = { lat: 1, lon: 2, kind: 'guess', t: 0 } as unknown as IncidentView['tracks'][0]['pilot'])),
        'not-one-of',
        { field: 'tracks[0].pilot.kind', allowed: 'takeoff, live, fixed' },
      ],
      [edit((v) => (v.tracks[0]!.uids = 'ANDURIL' as unknown as string[])), 'not-list', { field: 'tracks[0].uids' }],
      [edit((v) => (v.timeline[1]!.lon = null)), 'half-position', { field: 'timeline[1]' }],
      [edit((v) => (v.timeline[1]!.params = { metres: Number.NaN })), 'not-number', { field: 'timeline[1].params.metres' }],
      [
        edit((v) => (v.timeline[1]!.params = { nested: { a: 1 } } as unknown as Record<string, string>)),
        'param',
        { field: 'timeline[1].params.nested', max: LIMITS.text },
      ],
      [
        edit((v) => (v.evidence[0]!.raw.encoding = 'hex' as 'utf8')),
        'not-one-of',
        { field: 'evidence[0].raw.encoding', allowed: 'utf8, base64' },
      ],
    ];
    for (const [view, reason, params] of cases) {
      const e = refusal(view);
      assert.deepEqual([e.reason, e.params], [reason, params]);
    }
  });

  it('refuses oversized lists, texts and payloads', () => {
    const many = <T>(x: T, n: number): T[] => Array.from({ length: n }, () => x);
    const view = sampleIncident();
    const cases: [unknown, Record<string, string | number>][] = [
      [
        edit((v) => (v.tracks = many(view.tracks[0]!, LIMITS.tracks + 1))),
        { field: 'tracks', actual: LIMITS.tracks + 1, max: LIMITS.tracks },
      ],
      [
        edit((v) => (v.tracks[0]!.trail = many(view.tracks[0]!.trail[0]!, LIMITS.trailPoints + 1))),
        { field: 'tracks[0].trail', actual: LIMITS.trailPoints + 1, max: LIMITS.trailPoints },
      ],
      [
        edit((v) => (v.tracks[0]!.callsign = 'x'.repeat(LIMITS.text + 1))),
        { field: 'tracks[0].callsign', actual: LIMITS.text + 1, max: LIMITS.text },
      ],
      [
        edit((v) => (v.evidence[1]!.raw.data = 'A'.repeat(LIMITS.payloadChars + 4))),
        { field: 'evidence[1].raw.data', actual: LIMITS.payloadChars + 4, max: LIMITS.payloadChars },
      ],
      [
        edit(
          (v) =>
            (v.evidence = many({ ...view.evidence[0]!, raw: { ...view.evidence[0]!.raw, data: 'A'.repeat(LIMITS.payloadChars) } }, 17)),
        ),
        { field: 'evidence', actual: 17 * LIMITS.payloadChars, max: 16 * LIMITS.payloadChars },
      ],
    ];
    for (const [v, params] of cases) {
      const e = refusal(v);
      assert.equal(e.reason, 'too-large');
      assert.deepEqual(e.params, params);
    }
  });

  it('refuses an unknown format or language, and gives every reason in English and Spanish', () => {
    const view = sampleIncident();
    assert.throws(
      () => exportIncident(view, 'pdf' as EvidenceFormat, 'en'),
      (e: unknown) => e instanceof EvidenceExportError && e.reason === 'format' && e.params.format === 'pdf',
    );
    assert.throws(
      () => exportIncident(view, 'report', 'fr' as EvidenceLang),
      (e: unknown) => e instanceof EvidenceExportError && e.reason === 'lang',
    );
    assert.throws(
      () => exportIncident(view, 'report', '<script>'.repeat(20) as EvidenceLang),
      (e: unknown) => e instanceof EvidenceExportError && String(e.params.lang).length === 40,
    );
    const e = refusal(edit((v) => (v.tracks[0]!.trail[3]!.lat = 91)));
    assert.equal(e.message, 'The incident cannot be exported: tracks[0].trail[3].lat is not a latitude within ±90°.');
    assert.equal(e.text('es'), 'No se puede exportar el incidente: tracks[0].trail[3].lat no es una latitud dentro de ±90°.');
  });
});
