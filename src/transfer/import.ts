import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { EnlaceError } from '../errors/index.js';
import { ingestObjects, type IntakeResult } from '../intake/service.js';
import type { NodeContext } from '../node/context.js';
import type { Collection } from '../store/types.js';

export interface ImportSummary {
  total: number;
  added: number;
  duplicates: number;
  rejected: number;
  /** The first rejections, each with the error itself so that it can be shown in either language. */
  rejections: { id: string | null; reason: string; error?: EnlaceError }[];
}

export interface ImportProgress {
  /** Called with objects processed so far and, when known, the total. */
  onProgress?: (done: number, total: number | null) => void;
  batchSize?: number;
  /** Who runs the import (becomes the submitter of unsigned objects). */
  username: string;
}

/** Bundles bigger than this are refused rather than parsed whole; JSON lines stream at any size. */
const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;

function tally(summary: ImportSummary, results: IntakeResult[]): void {
  for (const r of results) {
    summary.total++;
    if (r.outcome === 'added') summary.added++;
    else if (r.outcome === 'duplicate') summary.duplicates++;
    else {
      summary.rejected++;
      if (summary.rejections.length < 1000) summary.rejections.push({ id: r.id, reason: r.error?.message ?? 'rejected', error: r.error });
    }
  }
}

/**
 * Imports a STIX bundle (a JSON object with `objects`) or JSON lines (one object per line) into a
 * collection, through the same intake as TAXII and sync: each object is validated, verified or
 * signed, and stored on its own merits.
 */
export async function importFile(ctx: NodeContext, file: string, collection: Collection, p: ImportProgress): Promise<ImportSummary> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    throw new EnlaceError('import.unreadable', { file, detail: (e as Error).message });
  }
  const summary: ImportSummary = { total: 0, added: 0, duplicates: 0, rejected: 0, rejections: [] };
  const batchSize = p.batchSize ?? 500;
  const source = { kind: 'import' as const, username: p.username };
  const firstChar = await firstNonSpace(file);

  if (firstChar === '{' && !(await looksLikeJsonLines(file))) {
    if (size > MAX_BUNDLE_BYTES)
      throw new EnlaceError('import.bad-bundle', { file, detail: `larger than ${MAX_BUNDLE_BYTES} bytes; use JSON lines` });
    let bundle: unknown;
    try {
      bundle = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new EnlaceError('import.bad-bundle', { file, detail: (e as Error).message });
    }
    const objects = (bundle as { objects?: unknown }).objects;
    if (typeof bundle !== 'object' || bundle === null || (bundle as { type?: unknown }).type !== 'bundle' || !Array.isArray(objects)) {
      throw new EnlaceError('import.bad-bundle', { file, detail: 'expected {"type": "bundle", "objects": [...]}' });
    }
    for (let i = 0; i < objects.length; i += batchSize) {
      tally(summary, await ingestObjects(ctx, collection.id, objects.slice(i, i + batchSize), source));
      p.onProgress?.(Math.min(i + batchSize, objects.length), objects.length);
    }
    return summary;
  }

  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let batch: unknown[] = [];
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    try {
      batch.push(JSON.parse(line));
    } catch (e) {
      throw new EnlaceError('import.bad-line', { file, line: lineNo, detail: (e as Error).message });
    }
    if (batch.length >= batchSize) {
      tally(summary, await ingestObjects(ctx, collection.id, batch, source));
      batch = [];
      p.onProgress?.(summary.total, null);
    }
  }
  if (batch.length > 0) tally(summary, await ingestObjects(ctx, collection.id, batch, source));
  p.onProgress?.(summary.total, summary.total);
  return summary;
}

async function firstNonSpace(file: string): Promise<string> {
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 4096 })) {
    const m = /\S/.exec(chunk as string);
    if (m) return m[0];
  }
  return '';
}

/** JSON lines start with a complete object on the first line; a bundle's first line is rarely one. */
async function looksLikeJsonLines(file: string): Promise<boolean> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8', end: 1024 * 1024 }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    lines.close();
    try {
      const first = JSON.parse(line) as { type?: unknown };
      return typeof first === 'object' && first !== null && first.type !== 'bundle';
    } catch {
      return false;
    }
  }
  return false;
}
