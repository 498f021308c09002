/**
 * Name-based identifiers (UUIDv5, RFC 4122 §4.3) and the deterministic SCO ids of STIX 2.1
 * §2.9: the same observable gets the same id on every node, so both sides deduplicate alike.
 */
import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

const canonicalize = canonicalizeModule as unknown as (value: unknown) => string | undefined;

/** The namespace STIX 2.1 fixes for SCO identifiers. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A UUIDv5 of `name` (UTF-8) in `namespace` (a lower-case UUID). */
export function uuidV5(namespace: string, name: string): string {
  if (!UUID.test(namespace)) throw new TypeError(`not a UUID: ${namespace}`);
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The STIX id of an SCO from its ID contributing properties (those present): UUIDv5 in the
 * STIX namespace over their RFC 8785 canonical JSON.
 *
 * @example scoId('ipv4-addr', { value: '198.51.100.3' })
 */
export function scoId(type: string, contributing: Record<string, unknown>): string {
  const present = Object.fromEntries(Object.entries(contributing).filter(([, v]) => v !== undefined));
  const text = canonicalize(present);
  if (text === undefined) throw new TypeError('contributing properties are not JSON');
  return `${type}--${uuidV5(STIX_SCO_NAMESPACE, text)}`;
}
