import { KeyObject, verify } from 'node:crypto';
import { SIGNATURE_EXTENSION_ID } from '../stix/enlace-ids.js';
import { canonicalJson } from './canonical.js';
import { decodeBase64url, isPlainObject } from './encoding.js';
import { CryptoError, isCryptoError } from './errors.js';
import { jwsSigningInput, signDetachedJws } from './jws.js';
import { fingerprintOfKey, isFingerprint } from './keys.js';

/*
 * Originator signatures carried inside STIX objects: a detached JWS (RFC 7515 Appendix F) with
 * EdDSA over Ed25519 (RFC 8037). The payload is the RFC 8785 canonical JSON of the object without
 * its own signature entry, so the object can travel as ordinary JSON and still be checked.
 */

/** The property-extension entry an Enlace signature adds under `extensions`. */
export interface SignatureExtension {
  extension_type: 'property-extension';
  /** STIX identity that signed (the originator). */
  signer: string;
  /** Fingerprint of the signing key, as in keys.ts. */
  key_fingerprint: string;
  /** `<b64url(protected header)>..<b64url(signature)>` (payload detached). */
  jws: string;
}

/** Who signs: the identity, its private key and that key's fingerprint. */
export interface ObjectSigner {
  identityId: string;
  privateKey: KeyObject;
  fingerprint: string;
}

/**
 * What a key resolver may answer: the key (it vouches that the key belongs to `signer`), the key
 * with the identity that really owns it (so a mismatch can be told apart), or null if unknown.
 */
export type ResolvedSignerKey = KeyObject | { key: KeyObject; owner: string } | null;
export type ObjectKeyResolver = (fingerprint: string, signer: string) => ResolvedSignerKey;

export type ObjectSignatureFailure =
  'unsigned' | 'malformed-signature' | 'unknown-key' | 'signer-mismatch' | 'bad-signature' | 'unsupported-alg';

export type ObjectVerification =
  /** `payload`: the canonical JSON that was verified, so callers need not compute it again. */
  { ok: true; signer: string; fingerprint: string; payload: string } | { ok: false; code: ObjectSignatureFailure; detail?: string };

const STIX_IDENTITY_ID = /^identity--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const EXTENSION_MEMBERS = new Set(['extension_type', 'signer', 'key_fingerprint', 'jws']);
const HEADER_MEMBERS = new Set(['alg', 'kid']);
const ED25519_SIGNATURE_BYTES = 64;
const MAX_JWS_CHARS = 1024;

// The protected header is the same for every object a key signs; build its text once per key.
const headerByFingerprint = new Map<string, string>();

function protectedHeaderFor(fingerprint: string): string {
  let header = headerByFingerprint.get(fingerprint);
  if (header === undefined) {
    header = Buffer.from(`{"alg":"EdDSA","kid":"${fingerprint}"}`, 'utf8').toString('base64url');
    if (headerByFingerprint.size > 1024) headerByFingerprint.clear();
    headerByFingerprint.set(fingerprint, header);
  }
  return header;
}

/**
 * The object as it was signed: without Enlace's signature entry, and without `extensions` if that
 * entry was its only member. Always a new object; the input is not touched.
 */
export function stripSignature<T extends object>(obj: T): T {
  const record = obj as Record<string, unknown>;
  const copy: Record<string, unknown> = { ...record };
  const extensions = record.extensions;
  if (isPlainObject(extensions) && Object.hasOwn(extensions, SIGNATURE_EXTENSION_ID)) {
    const rest: Record<string, unknown> = { ...extensions };
    delete rest[SIGNATURE_EXTENSION_ID];
    if (Object.keys(rest).length === 0) delete copy.extensions;
    else copy.extensions = rest;
  }
  return copy as T;
}

/**
 * Returns a copy of `obj` carrying the signer's signature (replacing any earlier one).
 * @throws CryptoError signer-invalid | object-not-signable | canonical-*
 */
export function signObject<T extends object>(obj: T, signer: ObjectSigner): T {
  checkSigner(signer);
  if (!isPlainObject(obj)) throw new CryptoError('object-not-signable', { reason: 'not a plain object' });
  const extensions: unknown = (obj as Record<string, unknown>).extensions;
  if (extensions !== undefined && !isPlainObject(extensions)) {
    throw new CryptoError('object-not-signable', { reason: 'extensions is not an object' });
  }
  const unsigned = stripSignature(obj) as Record<string, unknown>;
  const jws = signDetachedJws(protectedHeaderFor(signer.fingerprint), canonicalJson(unsigned), signer.privateKey);
  const entry: SignatureExtension = {
    extension_type: 'property-extension',
    signer: signer.identityId,
    key_fingerprint: signer.fingerprint,
    jws,
  };
  const kept = isPlainObject(unsigned.extensions) ? unsigned.extensions : {};
  return { ...unsigned, extensions: { ...kept, [SIGNATURE_EXTENSION_ID]: entry } } as T;
}

function checkSigner(signer: ObjectSigner): void {
  if (typeof signer.identityId !== 'string' || !STIX_IDENTITY_ID.test(signer.identityId)) {
    throw new CryptoError('signer-invalid', { reason: 'identityId is not a STIX identity id' });
  }
  if (!isFingerprint(signer.fingerprint)) {
    throw new CryptoError('signer-invalid', { reason: 'fingerprint is not 64 lowercase hex digits' });
  }
  const key = signer.privateKey;
  if (!(key instanceof KeyObject) || key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') {
    throw new CryptoError('signer-invalid', { reason: 'privateKey is not an Ed25519 private key' });
  }
  // A wrong kid would make every peer reject the object later, far from the cause.
  if (fingerprintOfKey(key) !== signer.fingerprint) {
    throw new CryptoError('signer-invalid', { reason: 'fingerprint does not belong to privateKey' });
  }
}

/** Everything a signature check needs once the cheap, structural checks have passed. */
interface PreparedCheck {
  signer: string;
  fingerprint: string;
  key: KeyObject;
  data: Buffer;
  signature: Buffer;
  payload: string;
}

type Prepared = { ok: true; check: PreparedCheck } | { ok: false; code: ObjectSignatureFailure; detail?: string };

/**
 * Checks the Enlace signature of an object: well-formed detached EdDSA JWS, kid equal to the
 * fingerprint, a key known for that fingerprint and owned by the claimed signer, and a valid
 * Ed25519 signature over the canonical unsigned object. Never throws on hostile input.
 */
export function verifyObjectSignature(obj: unknown, resolveKey: ObjectKeyResolver): ObjectVerification {
  const prepared = prepare(obj, resolveKey);
  if (!prepared.ok) return prepared;
  const { check } = prepared;
  if (!verify(null, check.data, check.key, check.signature)) {
    return { ok: false, code: 'bad-signature', detail: 'Ed25519 signature does not match the object' };
  }
  return { ok: true, signer: check.signer, fingerprint: check.fingerprint, payload: check.payload };
}

/**
 * Same as verifyObjectSignature, but the Ed25519 check runs on libuv's thread pool, so a batch
 * of objects is verified on several cores while the event loop stays free.
 */
export function verifyObjectSignatureAsync(obj: unknown, resolveKey: ObjectKeyResolver): Promise<ObjectVerification> {
  const prepared = prepare(obj, resolveKey);
  if (!prepared.ok) return Promise.resolve(prepared);
  const { check } = prepared;
  return new Promise((resolve) => {
    verify(null, check.data, check.key, check.signature, (err, valid) => {
      if (err || !valid) {
        resolve({ ok: false, code: 'bad-signature', detail: err ? err.message : 'Ed25519 signature does not match the object' });
      } else {
        resolve({ ok: true, signer: check.signer, fingerprint: check.fingerprint, payload: check.payload });
      }
    });
  });
}

function prepare(obj: unknown, resolveKey: ObjectKeyResolver): Prepared {
  if (!isPlainObject(obj)) return malformed('not a JSON object');
  const extensions = obj.extensions;
  if (!isPlainObject(extensions) || !Object.hasOwn(extensions, SIGNATURE_EXTENSION_ID)) {
    return { ok: false, code: 'unsigned' };
  }
  const entry = extensions[SIGNATURE_EXTENSION_ID];
  if (!isPlainObject(entry)) return malformed('signature extension is not an object');
  for (const name of Object.keys(entry)) {
    // Members beside these would ride along unsigned, since the entry is not part of the payload.
    if (!EXTENSION_MEMBERS.has(name)) return malformed(`unexpected member "${name.slice(0, 40)}" in signature extension`);
  }
  const { extension_type: type, signer, key_fingerprint: fingerprint, jws } = entry;
  if (type !== 'property-extension') return malformed('extension_type must be property-extension');
  if (typeof signer !== 'string' || !STIX_IDENTITY_ID.test(signer)) return malformed('signer is not a STIX identity id');
  if (!isFingerprint(fingerprint)) return malformed('key_fingerprint is not 64 lowercase hex digits');
  if (typeof jws !== 'string' || jws.length > MAX_JWS_CHARS) return malformed('jws is not a string of sensible size');

  const parts = jws.split('.');
  if (parts.length !== 3) return malformed('jws must have three dot-separated parts');
  const [headerB64 = '', payloadB64, signatureB64 = ''] = parts;
  if (payloadB64 !== '') return malformed('jws payload must be detached (empty)');
  if (headerB64 !== protectedHeaderFor(fingerprint)) {
    const headerProblem = checkForeignHeader(headerB64, fingerprint);
    if (headerProblem) return headerProblem;
  }
  const signature = decodeBase64url(signatureB64);
  if (!signature || signature.length !== ED25519_SIGNATURE_BYTES) return malformed('signature is not 64 base64url bytes');

  const resolved = resolveKey(fingerprint, signer);
  if (resolved === null || resolved === undefined) return { ok: false, code: 'unknown-key', detail: fingerprint };
  const key = resolved instanceof KeyObject ? resolved : resolved.key;
  if (!(resolved instanceof KeyObject) && resolved.owner !== signer) {
    return { ok: false, code: 'signer-mismatch', detail: `key ${fingerprint} belongs to ${resolved.owner}, not ${signer}` };
  }
  if (!(key instanceof KeyObject) || key.type !== 'public' || key.asymmetricKeyType !== 'ed25519') {
    return { ok: false, code: 'unknown-key', detail: 'resolver returned something other than an Ed25519 public key' };
  }
  if (fingerprintOfKey(key) !== fingerprint) {
    return { ok: false, code: 'unknown-key', detail: 'resolver returned a key with another fingerprint' };
  }

  let payload: string;
  try {
    payload = canonicalJson(stripSignature(obj));
  } catch (e) {
    if (!isCryptoError(e)) throw e;
    return malformed(`object has no canonical JSON form: ${e.message}`);
  }
  return { ok: true, check: { signer, fingerprint, key, data: jwsSigningInput(headerB64, payload), signature, payload } };
}

/**
 * A header spelled differently from ours (member order, spacing) is still acceptable if it says
 * exactly alg=EdDSA and kid=<fingerprint>; anything more is refused, `crit` above all, since we
 * cannot honour extensions we do not know (RFC 7515 §4.1.11), and `b64` would change the payload.
 */
function checkForeignHeader(headerB64: string, fingerprint: string): Prepared | null {
  const bytes = decodeBase64url(headerB64);
  if (!bytes) return malformed('protected header is not base64url');
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString('utf8'));
  } catch {
    return malformed('protected header is not JSON');
  }
  if (!isPlainObject(header)) return malformed('protected header is not a JSON object');
  if (Object.hasOwn(header, 'crit')) return malformed('critical header parameters ("crit") are not supported');
  if (header.alg !== 'EdDSA') return { ok: false, code: 'unsupported-alg', detail: `alg ${String(header.alg).slice(0, 40)}` };
  if (header.kid !== fingerprint) return malformed('header kid differs from key_fingerprint');
  for (const name of Object.keys(header)) {
    if (!HEADER_MEMBERS.has(name)) return malformed(`unexpected header parameter "${name.slice(0, 40)}"`);
  }
  return null;
}

function malformed(detail: string): Prepared & { ok: false } {
  return { ok: false, code: 'malformed-signature', detail };
}
