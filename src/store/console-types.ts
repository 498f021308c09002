/** What the console keeps in and asks of the store (migration 0005); `Store.console` implements it. */
import type { StoredVersionWithBody } from './types.js';

/** A console sign-in. The session id is given to the browser only; the store keeps its hash. */
export interface ConsoleSessionRecord {
  /** SHA-256 (base64url) of the session id the browser holds in its cookie. */
  idHash: string;
  accountId: string;
  /** Sent back by the console in X-CSRF-Token on every change it asks for. */
  csrfToken: string;
  createdUs: number;
  lastSeenUs: number;
  /** The absolute end of the session, whatever its activity. */
  expiresUs: number;
}

/** Where a page of the intelligence list ended: the last row's place in the list's order. */
export interface ConsolePosition {
  dateAddedUs: number;
  collectionId: string;
  seq: number;
}

/**
 * A search over the newest version of each object, across collections, newest first (by
 * date_added). Lists are OR-ed within a filter; filters are AND-ed. Texts are folded already
 * (`foldForSearch`). Lists hold at most 1,000 values, limit is 1..1,000.
 */
export interface ConsoleSearch {
  /** Folded substring of the search text. */
  text?: string;
  ids?: string[];
  types?: string[];
  excludeTypes?: string[];
  /** Identity ids of originators. */
  originators?: string[];
  /** TLP levels; null stands for "no TLP marking". */
  tlp?: (string | null)[];
  /** Gradings such as "A1"; null stands for "ungraded". */
  gradings?: (string | null)[];
  /** Folded labels, each matching a whole label. */
  labels?: string[];
  addedAfterUs?: number;
  revoked: 'include' | 'only' | 'exclude';
  /** Continue after this place (the last row of the previous page). */
  after?: ConsolePosition;
  limit: number;
}

/** A newest version with the search fields the console shows. */
export interface ConsoleRow extends StoredVersionWithBody {
  name: string | null;
  grading: string | null;
}

export interface ConsoleStore {
  createSession(s: ConsoleSessionRecord): Promise<void>;
  getSession(idHash: string): Promise<ConsoleSessionRecord | null>;
  touchSession(idHash: string, lastSeenUs: number): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of an account (disabled, or its roles changed). */
  deleteSessionsOf(accountId: string): Promise<void>;
  /** Forgets sessions past their absolute end or idle since before `idleBeforeUs`; returns how many. */
  deleteExpiredSessions(nowUs: number, idleBeforeUs: number): Promise<number>;

  searchObjects(q: ConsoleSearch): Promise<{ rows: ConsoleRow[]; more: boolean }>;
  /** The newest version of each id (across collections) that is held. */
  newestOf(ids: readonly string[]): Promise<ConsoleRow[]>;
  /** Newest versions of objects about `id` (its relationships, notes, opinions, sightings, translations, proposals), newest first. */
  referrersOf(id: string, types: readonly string[], limit: number): Promise<ConsoleRow[]>;
  /** Exchange entries of the transparency log at or after position `fromSeq`, by direction. */
  countExchangesFrom(fromSeq: number): Promise<{ sent: number; received: number }>;
}
