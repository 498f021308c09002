/**
 * The intelligence list's paging cursor: the place of the last row of a page in the list's order
 * (date added, collection, feed position). Opaque to the browser, checked strictly on the way back.
 */
import type { ConsolePosition } from '../store/types.js';
import { badRequest } from './phrase.js';

const MAX_CURSOR = 512;

export function encodeCursor(p: ConsolePosition): string {
  return Buffer.from(JSON.stringify([p.dateAddedUs, p.collectionId, p.seq]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): ConsolePosition {
  if (cursor.length > MAX_CURSOR || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw badRequest('param.cursor');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('param.cursor');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw badRequest('param.cursor');
  const [dateAddedUs, collectionId, seq] = parsed as unknown[];
  if (!Number.isSafeInteger(dateAddedUs) || !Number.isSafeInteger(seq) || typeof collectionId !== 'string' || collectionId.length > 200) {
    throw badRequest('param.cursor');
  }
  return { dateAddedUs: dateAddedUs as number, collectionId, seq: seq as number };
}
