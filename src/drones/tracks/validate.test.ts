import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Detection } from '../model.js';
import { tracksMessages } from './messages.js';
import { detection, T0 } from './fixtures.js';
import { TrackBook } from './tracks.js';
import { MAX_ID_CHARS, TrackBookError } from './validate.js';

/** Asserts the book refuses `input` for `reason` and stores nothing of it. */
function refuses(input: unknown, reason: string): TrackBookError {
  const book = new TrackBook();
  let caught: unknown;
  try {
    book.update(input as Detection);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof TrackBookError, `expected a refusal, got ${String(caught)}`);
  assert.equal(caught.reason, reason);
  assert.equal(book.size, 0);
  assert.deepEqual(book.expire(T0 + 10 ** 9), []);
  // Nothing was indexed: the same uid opens a fresh track.
  assert.equal(book.update(detection({ uid: 'u' })).isNew, true);
  return caught;
}

describe('track book: unsound detections', () => {
  it('refuses positions that are not WGS-84', () => {
    refuses(detection({ lat: Number.NaN }), 'reject.position');
    refuses(detection({ lat: 95 }), 'reject.position');
    refuses(detection({ lon: -181 }), 'reject.position');
    refuses(detection({ lon: Number.POSITIVE_INFINITY }), 'reject.position');
    refuses(detection({ pilot: { lat: 32, lon: 200, kind: 'live', t: T0 } }), 'reject.position');
  });

  it('refuses bad times, speeds and vocabularies, naming the field', () => {
    const cases: Array<[Partial<Record<keyof Detection, unknown>>, string]> = [
      [{ t: Number.NaN }, 't'],
      [{ receivedAt: '2026-11-27' }, 'receivedAt'],
      [{ staleAt: Number.POSITIVE_INFINITY }, 'staleAt'],
      [{ speedMps: -3 }, 'speedMps'],
      [{ altM: Number.NaN }, 'altM'],
      [{ classification: 'ally' }, 'classification'],
      [{ airframe: 'balloon' }, 'airframe'],
      [{ source: 'adsb' }, 'source'],
      [{ exercise: 'yes' }, 'exercise'],
      [{ sensor: '' }, 'sensor'],
      [{ uid: 42 }, 'uid'],
      [{ pilot: 'here' }, 'pilot'],
      [{ pilot: { lat: 32, lon: -117, kind: 'parked', t: T0 } }, 'pilot.kind'],
      [{ raw: null }, 'raw'],
    ];
    for (const [over, field] of cases) {
      const err = refuses({ ...detection(), ...over }, 'reject.invalid-field');
      assert.equal(err.params.field, field);
    }
  });

  it('refuses oversized identities and keeps hostile values short in the text', () => {
    const huge = 'x'.repeat(100_000);
    const err = refuses(detection({ uid: huge }), 'reject.too-long');
    assert.deepEqual(err.params, { field: 'uid', actual: 100_000, max: MAX_ID_CHARS });
    refuses(detection({ remoteId: 'r'.repeat(MAX_ID_CHARS + 1) }), 'reject.too-long');
    const odd = refuses({ ...detection(), classification: huge }, 'reject.invalid-field');
    assert.ok(err.message.length < 200 && String(odd.params.value).length <= 64);
  });

  it('refuses what is not a detection at all', () => {
    for (const input of [null, 'detection', 42, [], undefined]) refuses(input, 'reject.not-object');
    refuses({}, 'reject.invalid-field');
  });

  it('explains refusals in English and Mexican Spanish', () => {
    const err = refuses(detection({ lat: 95 }), 'reject.position');
    assert.equal(err.message, 'Position 95, -117.03 is not a WGS-84 position.');
    assert.match(err.describe('es'), /^La posición 95, -117\.03 no es una posición WGS-84\.$/);
    assert.deepEqual(Object.keys(tracksMessages.en).sort(), Object.keys(tracksMessages.es).sort());
  });

  it('refuses to open a track beyond maxTracks or with an id in use, storing nothing', () => {
    const book = new TrackBook({ maxTracks: 2, newId: () => 'trk-fixed' });
    book.update(detection({ uid: 'a' }));
    assert.throws(
      () => book.update(detection({ uid: 'b' })),
      (e: unknown) => e instanceof TrackBookError && e.reason === 'reject.duplicate-id',
    );
    assert.equal(book.size, 1);
    let n = 0;
    const full = new TrackBook({ maxTracks: 2, newId: () => `trk-${n++}` });
    full.update(detection({ uid: 'a' }));
    full.update(detection({ uid: 'b' }));
    assert.throws(
      () => full.update(detection({ uid: 'c' })),
      (e: unknown) => e instanceof TrackBookError && e.reason === 'reject.full',
    );
    assert.equal(full.size, 2);
    assert.equal(full.update(detection({ uid: 'a', t: T0 + 1_000 })).isNew, false, 'known tracks still update');
  });

  it('refuses nonsensical options', () => {
    assert.throws(() => new TrackBook({ gateM: -1 }), RangeError);
    assert.throws(() => new TrackBook({ historyLimit: 0 }), RangeError);
    assert.throws(() => new TrackBook({ gateSeconds: Number.NaN }), RangeError);
  });
});
