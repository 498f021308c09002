import { verify, type KeyObject } from 'node:crypto';
import { canonicalJson, fingerprintOfKey, jwsSigningInput, publicKeyFromRaw, signDetachedJws } from '../crypto/index.js';
import { AuditError } from './errors.js';
import { HASH_BYTES } from './merkle.js';

/** What a node commits to about its log at one moment. */
export interface TreeHead {
  tree_size: number;
  /** MTH of the first tree_size entries, standard base64. */
  root_hash: string;
  /** When the head was made, microseconds since the Unix epoch. */
  timestamp: number;
  /** Identity of the node whose log this is. */
  log_id: string;
}

/** A tree head with the node's Ed25519 signature as a detached JWS over its canonical JSON. */
export interface SignedTreeHead extends TreeHead {
  signature: string;
}

export type TreeHeadFailure = 'malformed' | 'wrong-log' | 'bad-signature';

export type TreeHeadVerification =
  { ok: true; head: SignedTreeHead; rootHash: Buffer } | { ok: false; code: TreeHeadFailure; detail: string };

const MAX_LOG_ID = 256;
const MAX_SIGNATURE = 512;
const MEMBERS = new Set(['tree_size', 'root_hash', 'timestamp', 'log_id', 'signature']);

/**
 * Builds a tree head from its parts.
 * @throws AuditError tree-head-invalid
 */
export function makeTreeHead(treeSize: number, rootHash: Uint8Array, timestampUs: number, logId: string): TreeHead {
  const head = { tree_size: treeSize, root_hash: Buffer.from(rootHash).toString('base64'), timestamp: timestampUs, log_id: logId };
  const problem = shapeProblem(head);
  if (problem) throw new AuditError('tree-head-invalid', { reason: problem });
  return head;
}

/** Signs a tree head with the node's Ed25519 private key. */
export function signTreeHead(head: TreeHead, privateKey: KeyObject): SignedTreeHead {
  const problem = shapeProblem(head);
  if (problem) throw new AuditError('tree-head-invalid', { reason: problem });
  const bare = bareHead(head);
  const signature = signDetachedJws(protectedHeader(fingerprintOfKey(privateKey)), canonicalJson(bare), privateKey);
  return { ...bare, signature };
}

/**
 * Checks a signed tree head received from anywhere: its shape, that it names the expected log
 * (when given), and its signature by `publicKey` (a KeyObject or raw base64url Ed25519 key).
 * Never throws on hostile input.
 */
export function verifyTreeHead(value: unknown, publicKey: KeyObject | string, expectedLogId?: string): TreeHeadVerification {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('malformed', 'not an object');
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) if (!MEMBERS.has(key)) return fail('malformed', `unknown member ${key.slice(0, 40)}`);
  const problem = shapeProblem(v);
  if (problem) return fail('malformed', problem);
  const head = v as unknown as SignedTreeHead;
  if (typeof head.signature !== 'string' || head.signature.length > MAX_SIGNATURE) return fail('malformed', 'no signature');
  if (expectedLogId !== undefined && head.log_id !== expectedLogId) {
    return fail('wrong-log', `head names log ${head.log_id.slice(0, 80)}, expected ${expectedLogId.slice(0, 80)}`);
  }
  let key: KeyObject;
  try {
    key = typeof publicKey === 'string' ? publicKeyFromRaw(publicKey) : publicKey;
  } catch (e) {
    return fail('malformed', `unusable public key: ${e instanceof Error ? e.message : 'unknown'}`);
  }
  const parts = head.signature.split('.');
  if (parts.length !== 3 || parts[1] !== '') return fail('malformed', 'signature is not a detached compact JWS');
  const [headerB64 = '', , signatureB64 = ''] = parts;
  let expectedHeader: string;
  try {
    expectedHeader = protectedHeader(fingerprintOfKey(key));
  } catch (e) {
    return fail('malformed', `unusable public key: ${e instanceof Error ? e.message : 'unknown'}`);
  }
  // Only our own header spelling is accepted: tree heads are made by Enlace nodes alone.
  if (headerB64 !== expectedHeader) return fail('bad-signature', 'protected header is not {alg: EdDSA, kid: <key fingerprint>}');
  const signature = Buffer.from(signatureB64, 'base64url');
  if (signature.length !== 64 || signature.toString('base64url') !== signatureB64)
    return fail('malformed', 'signature is not 64 bytes of base64url');
  const data = jwsSigningInput(headerB64, canonicalJson(bareHead(head)));
  let good: boolean;
  try {
    good = verify(null, data, key, signature);
  } catch {
    good = false;
  }
  if (!good) return fail('bad-signature', 'signature does not verify over the head');
  return { ok: true, head: { ...bareHead(head), signature: head.signature }, rootHash: Buffer.from(head.root_hash, 'base64') };
}

function protectedHeader(fingerprint: string): string {
  return Buffer.from(canonicalJson({ alg: 'EdDSA', kid: fingerprint }), 'utf8').toString('base64url');
}

function bareHead(head: TreeHead): TreeHead {
  return { tree_size: head.tree_size, root_hash: head.root_hash, timestamp: head.timestamp, log_id: head.log_id };
}

function shapeProblem(v: Record<string, unknown> | TreeHead): string | null {
  const { tree_size: size, root_hash: root, timestamp, log_id: logId } = v as Record<string, unknown>;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return 'tree_size is not a non-negative whole number';
  if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp) || timestamp < 0) return 'timestamp is not microseconds';
  if (typeof logId !== 'string' || logId.length === 0 || logId.length > MAX_LOG_ID) return 'log_id is not a node identity';
  if (typeof root !== 'string' || root.length > 64) return 'root_hash is not base64';
  const bytes = Buffer.from(root, 'base64');
  if (bytes.length !== HASH_BYTES || bytes.toString('base64') !== root) return 'root_hash is not 32 bytes in canonical base64';
  return null;
}

function fail(code: TreeHeadFailure, detail: string): TreeHeadVerification {
  return { ok: false, code, detail };
}
