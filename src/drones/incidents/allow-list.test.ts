import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EnlaceError } from '../../errors/index.js';
import { AllowList, exemption, type AllowListEntry } from './allow-list.js';

const track = (
  o: { remoteIds?: string[]; uids?: string[]; classification?: 'hostile' | 'friendly' | 'unknown'; exercise?: boolean } = {},
) => ({
  remoteIds: o.remoteIds ?? [],
  uids: o.uids ?? [],
  classification: o.classification ?? 'unknown',
  exercise: o.exercise ?? false,
});

describe('the allow-list', () => {
  const list = new AllowList([
    { remoteId: '1581F5FJD229400000A1', note: 'SSP Baja California, DJI Matrice' },
    { uid: 'CBP-UAS-7', note: 'CBP San Diego sector' },
  ]);

  it('covers a track by any of its Remote IDs or uids, and nothing else', () => {
    assert.equal(list.covers(track({ remoteIds: ['X', '1581F5FJD229400000A1'] }))?.note, 'SSP Baja California, DJI Matrice');
    assert.equal(list.covers(track({ uids: ['other', 'CBP-UAS-7'] }))?.note, 'CBP San Diego sector');
    assert.equal(list.covers(track({ remoteIds: ['1581F5FJD229400000A2'], uids: ['cbp-uas-7'] })), null, 'exact match only');
    assert.equal(list.covers(track({ uids: ['1581F5FJD229400000A1'] })), null, 'a Remote ID is not a uid');
    assert.equal(list.size, 2);
  });

  it('exempts allow-listed drones and friendly tracks outside an exercise', () => {
    assert.deepEqual(exemption(track({ uids: ['CBP-UAS-7'], classification: 'hostile' }), list), {
      kind: 'allow-list',
      entry: { uid: 'CBP-UAS-7', note: 'CBP San Diego sector' },
    });
    assert.deepEqual(exemption(track({ classification: 'friendly' })), { kind: 'friendly' });
    assert.equal(exemption(track({ classification: 'friendly', exercise: true })), null);
    assert.equal(exemption(track({ classification: 'hostile' }), list), null);
  });

  it('refuses entries that identify nothing or are malformed, naming the entry', () => {
    const bad: Array<[unknown[], RegExp]> = [
      [[{ note: 'nothing' }], /entry 0 names neither/],
      [
        [
          { remoteId: 'A', note: 'ok' },
          { remoteId: '', note: 'empty' },
        ],
        /entry 1: remoteId/,
      ],
      [[{ uid: ' ', note: 'blank' }], /entry 0: uid/],
      [[{ uid: 'u'.repeat(201), note: 'long' }], /entry 0: uid/],
      [[{ uid: 'u' }], /entry 0: note/],
      [[null], /entry 0: entry/],
    ];
    for (const [entries, message] of bad) {
      assert.throws(
        () => new AllowList(entries as AllowListEntry[]),
        (e: unknown) => e instanceof EnlaceError && e.code === 'config.invalid' && message.test(e.message),
      );
    }
  });

  it('cannot be changed through an entry it handed out', () => {
    const entry = list.covers(track({ uids: ['CBP-UAS-7'] }))!;
    assert.throws(() => {
      (entry as { note: string }).note = 'hacked';
    });
  });
});
