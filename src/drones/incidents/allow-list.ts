/**
 * Drones that must never open an incident nor raise an alert: the agencies' own, listed by Remote
 * ID or by CoT uid, and any track its source classifies as friendly outside an exercise. A
 * friendly track is one of ours by definition; in an exercise, friend and foe are roles being
 * played, so exercise tracks go through the rules like any other.
 */
import { EnlaceError } from '../../errors/index.js';
import type { Track } from '../model.js';
import { bilingual } from './describe.js';

export interface AllowListEntry {
  remoteId?: string;
  uid?: string;
  /** Whose drone it is and why it is allowed, for the people reading the list. */
  note: string;
}

export type Exemption = { kind: 'allow-list'; entry: AllowListEntry } | { kind: 'friendly' };

export const ALLOW_LIST_LIMITS = { identity: 200, note: 2_000, entries: 10_000 } as const;

function entryError(index: number, field: string): EnlaceError {
  return new EnlaceError('config.invalid', { detail: bilingual('config.allow-list-field', { index, field }) });
}

function optionalText(v: unknown, max: number): v is string | undefined {
  return v === undefined || (typeof v === 'string' && v.trim().length > 0 && v.length <= max);
}

export class AllowList {
  private readonly byRemoteId = new Map<string, AllowListEntry>();
  private readonly byUid = new Map<string, AllowListEntry>();

  /** Throws (config.invalid) naming the entry and field when an entry identifies nothing or is malformed. */
  constructor(entries: ReadonlyArray<AllowListEntry>) {
    if (!Array.isArray(entries) || entries.length > ALLOW_LIST_LIMITS.entries) throw entryError(-1, 'entries');
    entries.forEach((raw, index) => {
      if (typeof raw !== 'object' || raw === null) throw entryError(index, 'entry');
      if (!optionalText(raw.remoteId, ALLOW_LIST_LIMITS.identity)) throw entryError(index, 'remoteId');
      if (!optionalText(raw.uid, ALLOW_LIST_LIMITS.identity)) throw entryError(index, 'uid');
      if (raw.remoteId === undefined && raw.uid === undefined) {
        throw new EnlaceError('config.invalid', { detail: bilingual('config.allow-list-empty', { index }) });
      }
      if (typeof raw.note !== 'string' || raw.note.length > ALLOW_LIST_LIMITS.note) throw entryError(index, 'note');
      const entry: AllowListEntry = Object.freeze({ ...raw });
      if (raw.remoteId !== undefined) this.byRemoteId.set(raw.remoteId, entry);
      if (raw.uid !== undefined) this.byUid.set(raw.uid, entry);
    });
  }

  /** The entry that authorises this track (by any of its Remote IDs, then any of its uids), or null. */
  covers(track: Pick<Track, 'remoteIds' | 'uids'>): AllowListEntry | null {
    for (const id of track.remoteIds) {
      const e = this.byRemoteId.get(id);
      if (e) return e;
    }
    for (const uid of track.uids) {
      const e = this.byUid.get(uid);
      if (e) return e;
    }
    return null;
  }

  get size(): number {
    return new Set([...this.byRemoteId.values(), ...this.byUid.values()]).size;
  }
}

/** Why a track opens no incident and raises no alert, or null when it may. */
export function exemption(
  track: Pick<Track, 'remoteIds' | 'uids' | 'classification' | 'exercise'>,
  allowList?: AllowList,
): Exemption | null {
  const entry = allowList?.covers(track) ?? null;
  if (entry) return { kind: 'allow-list', entry };
  if (track.classification === 'friendly' && !track.exercise) return { kind: 'friendly' };
  return null;
}
