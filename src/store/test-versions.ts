/** Builders of plausible versions for the store's tests and benchmark (not used by the node). */
import { createHash, randomUUID } from 'node:crypto';
import type { NewVersion } from './types.js';

export const US_NODE = 'identity--0e0f8a3c-9d52-4b7e-9f41-3f0c5d8b2a11';
export const MX_NODE = 'identity--6c1b7d2e-4a3f-4e58-8d1c-2b9e7a4f0c22';

/** A fresh STIX id of the given type. */
export const stixId = (type = 'indicator'): string => `${type}--${randomUUID()}`;

/** Microseconds of an ISO timestamp (millisecond precision is enough for tests). */
export const isoToUs = (iso: string): number => Date.parse(iso) * 1000;

/**
 * One version of an object. The body is real JSON text; `padTo` pads it to about that many
 * characters, as the benchmark's ~1.5 KB objects.
 */
export function makeVersion(over: Partial<NewVersion> & { padTo?: number } = {}): NewVersion {
  const { padTo, ...fields } = over;
  const id = fields.id ?? stixId(fields.type ?? 'indicator');
  const type = fields.type ?? id.slice(0, id.indexOf('--'));
  const versionUs = fields.versionUs ?? isoToUs('2025-01-01T00:00:00.000Z');
  const version = fields.version ?? new Date(Math.floor(versionUs / 1000)).toISOString();
  const object: Record<string, unknown> = { type, spec_version: '2.1', id, created: version, modified: version };
  if (padTo !== undefined) object.description = 'x'.repeat(Math.max(0, padTo - JSON.stringify(object).length - 20));
  const body = fields.body ?? JSON.stringify(object);
  return {
    id,
    type,
    specVersion: fields.specVersion ?? '2.1',
    version,
    versionUs,
    originator: fields.originator ?? US_NODE,
    revoked: fields.revoked ?? false,
    tlp: fields.tlp === undefined ? 'green' : fields.tlp,
    contentHash: fields.contentHash ?? createHash('sha256').update(body).digest('hex'),
    body,
  };
}

/** Successive versions of one object, `stepUs` apart. */
export function versionsOf(id: string, count: number, startUs = isoToUs('2025-01-01T00:00:00Z'), stepUs = 1_000_000): NewVersion[] {
  return Array.from({ length: count }, (_, i) => makeVersion({ id, versionUs: startUs + i * stepUs }));
}
