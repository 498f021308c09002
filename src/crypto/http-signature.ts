import { createHash, KeyObject, randomBytes, sign, timingSafeEqual, verify } from 'node:crypto';
import { CryptoError } from './errors.js';
import { buildSignatureBase, prepareMessage, SignatureBaseError, type HttpMessage, type PreparedMessage } from './http-message.js';
import {
  parseDictionary,
  serializeInnerList,
  serializeMember,
  StructuredFieldError,
  type BareItem,
  type InnerList,
  type Parameters,
} from './structured-fields.js';

/*
 * Node-to-node request authentication: HTTP Message Signatures (RFC 9421) with the node's Ed25519
 * key, and Content-Digest (RFC 9530) binding the body. Written here rather than taken from npm:
 * no maintained package did RFC 9421 with Ed25519, Content-Digest, nonce replay checks and
 * hostile-input limits the way node-to-node sync needs.
 */

/** The Signature-Input / Signature label Enlace signs and looks for. */
export const SIGNATURE_LABEL = 'enlace';
/** RFC 9421 §3.3.6 algorithm name. */
export const HTTP_SIGNATURE_ALG = 'ed25519';
export const DEFAULT_MAX_SKEW_SECONDS = 300;
const MAX_PARAM_TEXT = 256;
const PRINTABLE = /^[\x20-\x7e]+$/;

/** A request as signed or verified; `body` is the exact bytes sent (strings are UTF-8). */
export interface SignableRequest extends HttpMessage {
  body?: string | Uint8Array;
}

export interface SignRequestOptions extends SignableRequest {
  /** Fingerprint of the signing node's key. */
  keyId: string;
  privateKey: KeyObject;
  /** Unix seconds; defaults to now. */
  created?: number;
  /** Defaults to 16 random bytes, base64url. */
  nonce?: string;
}

/** Headers to add to the request. */
export interface SignatureHeaders {
  'Signature-Input': string;
  Signature: string;
  'Content-Digest'?: string;
}

export interface VerifyRequestOptions {
  resolveKey: (keyId: string) => KeyObject | null;
  /** Unix seconds (not milliseconds); defaults to now. */
  now?: number;
  maxSkewSeconds?: number;
  /** Returns true if the nonce was seen before (a replay); see NonceCache. */
  seenNonce?: (nonce: string) => boolean;
}

export type RequestSignatureFailure =
  | 'missing-signature'
  | 'malformed-signature'
  | 'unknown-key'
  | 'expired'
  | 'replayed'
  | 'digest-mismatch'
  | 'missing-component'
  | 'bad-signature';

export type RequestVerification =
  { ok: true; keyId: string; created: number; nonce: string } | { ok: false; code: RequestSignatureFailure; detail: string };

type Failure = Extract<RequestVerification, { ok: false }>;

/** `sha-256=:<base64>:` of the body bytes (RFC 9530 §2). */
export function contentDigest(body: string | Uint8Array): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
}

/**
 * Signs a request. Covers @method, @target-uri, content-digest (when there is a body) and
 * content-type (when present), with created, keyid, alg and nonce parameters.
 * @throws CryptoError request-invalid | signer-invalid
 */
export function signRequest(options: SignRequestOptions): SignatureHeaders {
  const { privateKey, keyId } = options;
  if (!(privateKey instanceof KeyObject) || privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new CryptoError('signer-invalid', { reason: 'privateKey is not an Ed25519 private key' });
  }
  const created = options.created ?? Math.floor(Date.now() / 1000);
  const nonce = options.nonce ?? randomBytes(16).toString('base64url');
  if (!Number.isSafeInteger(created) || created < 0) throw new CryptoError('request-invalid', { reason: 'created' });
  for (const [name, text] of [
    ['keyId', keyId],
    ['nonce', nonce],
  ] as const) {
    if (typeof text !== 'string' || text.length > MAX_PARAM_TEXT || !PRINTABLE.test(text)) {
      throw new CryptoError('request-invalid', { reason: `${name} must be 1-${MAX_PARAM_TEXT} printable ASCII characters` });
    }
  }
  try {
    const msg = prepareMessage(options);
    const digest = options.body === undefined ? undefined : contentDigest(options.body);
    const covered = ['@method', '@target-uri'];
    if (digest !== undefined) {
      msg.headers.set('content-digest', digest);
      covered.push('content-digest');
    }
    if (msg.headers.has('content-type')) covered.push('content-type');
    const input: InnerList = {
      kind: 'inner-list',
      items: covered.map((c) => ({ kind: 'item', value: { type: 'string', value: c }, params: [] })),
      params: [
        ['created', { type: 'integer', value: created }],
        ['keyid', { type: 'string', value: keyId }],
        ['alg', { type: 'string', value: HTTP_SIGNATURE_ALG }],
        ['nonce', { type: 'string', value: nonce }],
      ],
    };
    const paramsText = serializeInnerList(input);
    const base = buildSignatureBase(msg, covered, paramsText);
    const signature = sign(null, Buffer.from(base, 'ascii'), privateKey);
    const headers: SignatureHeaders = {
      'Signature-Input': `${SIGNATURE_LABEL}=${paramsText}`,
      Signature: serializeMember(SIGNATURE_LABEL, { kind: 'item', value: { type: 'bytes', value: signature }, params: [] }),
    };
    if (digest !== undefined) headers['Content-Digest'] = digest;
    return headers;
  } catch (e) {
    if (e instanceof SignatureBaseError || e instanceof StructuredFieldError) {
      throw new CryptoError('request-invalid', { reason: e.message });
    }
    throw e;
  }
}

/** The Enlace signature of a request, parsed and checked for shape and coverage. */
interface ParsedSignature {
  keyId: string;
  created: number;
  expires: number | undefined;
  nonce: string;
  digestCovered: boolean;
  base: Buffer;
  signature: Buffer;
  msg: PreparedMessage;
}

/**
 * Verifies the `enlace` signature of an incoming request. Requires @method, @target-uri,
 * content-digest (for a non-empty body) and content-type (when the request has one) to be covered;
 * checks the digest, the created time within the skew window, and replays. Never throws on
 * hostile headers; only errors raised by `resolveKey` or `seenNonce` propagate.
 */
export function verifyRequest(request: SignableRequest, options: VerifyRequestOptions): RequestVerification {
  const parsed = parseSignature(request);
  if ('code' in parsed) return parsed;
  const now = options.now ?? Date.now() / 1000;
  const skew = options.maxSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS;
  // A NaN clock or window would make every comparison below false, i.e. accept any time.
  if (!Number.isFinite(now) || !Number.isFinite(skew) || skew < 0) return fail('expired', 'verifier clock or skew window is not a number');
  if (parsed.created - now > skew) return fail('expired', `created is ${Math.round(parsed.created - now)} s in the future`);
  if (now - parsed.created > skew) return fail('expired', `created is ${Math.round(now - parsed.created)} s old (limit ${skew} s)`);
  if (parsed.expires !== undefined && now > parsed.expires) return fail('expired', 'past its expires parameter');

  const key = options.resolveKey(parsed.keyId);
  if (key === null || key === undefined) return fail('unknown-key', `no pinned key ${parsed.keyId}`);
  if (!(key instanceof KeyObject) || key.type !== 'public' || key.asymmetricKeyType !== 'ed25519') {
    return fail('unknown-key', 'resolver returned something other than an Ed25519 public key');
  }
  if (parsed.digestCovered) {
    const problem = checkContentDigest(parsed.msg.headers.get('content-digest'), request.body);
    if (problem) return fail('digest-mismatch', problem);
  }
  if (!verify(null, parsed.base, key, parsed.signature)) return fail('bad-signature', 'Ed25519 signature does not match the request');
  if (options.seenNonce?.(parsed.nonce)) return fail('replayed', 'nonce already used');
  return { ok: true, keyId: parsed.keyId, created: parsed.created, nonce: parsed.nonce };
}

function parseSignature(request: SignableRequest): ParsedSignature | Failure {
  let msg: PreparedMessage;
  try {
    msg = prepareMessage(request);
  } catch (e) {
    return fail('malformed-signature', e instanceof Error ? e.message : 'unreadable request');
  }
  const inputText = msg.headers.get('signature-input');
  const signatureText = msg.headers.get('signature');
  if (inputText === undefined || signatureText === undefined) return fail('missing-signature', 'no Signature-Input or Signature header');
  let input: InnerList;
  let signature: Buffer;
  try {
    const inputMember = parseDictionary(inputText).get(SIGNATURE_LABEL);
    const signatureMember = parseDictionary(signatureText).get(SIGNATURE_LABEL);
    if (!inputMember || !signatureMember) return fail('missing-signature', `no "${SIGNATURE_LABEL}" signature`);
    if (inputMember.kind !== 'inner-list') return fail('malformed-signature', 'Signature-Input member is not an inner list');
    if (signatureMember.kind !== 'item' || signatureMember.value.type !== 'bytes') {
      return fail('malformed-signature', 'Signature member is not a byte sequence');
    }
    input = inputMember;
    signature = signatureMember.value.value;
  } catch (e) {
    if (e instanceof StructuredFieldError) return fail('malformed-signature', e.message);
    throw e;
  }
  if (signature.length !== 64) return fail('malformed-signature', 'an Ed25519 signature is 64 bytes');

  const covered: string[] = [];
  for (const item of input.items) {
    if (item.value.type !== 'string' || item.params.length > 0) {
      return fail('malformed-signature', 'covered components must be plain strings without parameters');
    }
    if (covered.includes(item.value.value)) return fail('malformed-signature', `${item.value.value} covered twice`);
    covered.push(item.value.value);
  }
  const body = request.body;
  const hasBody = body !== undefined && body.length > 0;
  const required = ['@method', '@target-uri'];
  if (hasBody) required.push('content-digest');
  if (msg.headers.has('content-type')) required.push('content-type');
  const uncovered = required.filter((c) => !covered.includes(c));
  if (uncovered.length > 0) return fail('missing-component', `not covered: ${uncovered.join(', ')}`);
  const params = readParams(input.params);
  if ('code' in params) return params;

  try {
    const base = buildSignatureBase(msg, covered, serializeInnerList(input));
    return { ...params, digestCovered: covered.includes('content-digest'), base: Buffer.from(base, 'ascii'), signature, msg };
  } catch (e) {
    if (e instanceof SignatureBaseError)
      return fail(e.kind === 'missing-component' ? 'missing-component' : 'malformed-signature', e.message);
    if (e instanceof StructuredFieldError) return fail('malformed-signature', e.message);
    throw e;
  }
}

type SignatureParams = Pick<ParsedSignature, 'keyId' | 'created' | 'expires' | 'nonce'>;

function readParams(params: Parameters): SignatureParams | Failure {
  const byName = new Map<string, BareItem>(params);
  const created = byName.get('created');
  const keyId = byName.get('keyid');
  const nonce = byName.get('nonce');
  const alg = byName.get('alg');
  const expires = byName.get('expires');
  if (created?.type !== 'integer' || created.value < 0) return fail('malformed-signature', 'created must be a non-negative integer');
  if (keyId?.type !== 'string' || keyId.value.length === 0 || keyId.value.length > MAX_PARAM_TEXT) {
    return fail('malformed-signature', 'keyid must be a string');
  }
  if (nonce?.type !== 'string' || nonce.value.length === 0 || nonce.value.length > MAX_PARAM_TEXT) {
    return fail('malformed-signature', 'nonce must be a string');
  }
  if (alg !== undefined && (alg.type !== 'string' || alg.value !== HTTP_SIGNATURE_ALG)) {
    return fail('malformed-signature', `alg must be "${HTTP_SIGNATURE_ALG}"`);
  }
  if (expires !== undefined && expires.type !== 'integer') return fail('malformed-signature', 'expires must be an integer');
  return { keyId: keyId.value, created: created.value, expires: expires?.value, nonce: nonce.value };
}

/**
 * Checks a Content-Digest field value (RFC 9530) against the body: null when every sha-256 /
 * sha-512 member matches (at least one is required), otherwise what is wrong.
 */
export function checkContentDigest(header: string | undefined, body: string | Uint8Array | undefined): string | null {
  if (header === undefined) return 'no Content-Digest header';
  let members;
  try {
    members = parseDictionary(header);
  } catch (e) {
    return `Content-Digest is not a structured field: ${e instanceof Error ? e.message : '?'}`;
  }
  const bytes = body ?? new Uint8Array(0);
  let checked = 0;
  for (const [alg, hashName] of [
    ['sha-256', 'sha256'],
    ['sha-512', 'sha512'],
  ] as const) {
    const member = members.get(alg);
    if (member === undefined) continue;
    if (member.kind !== 'item' || member.value.type !== 'bytes') return `${alg} is not a byte sequence`;
    const actual = createHash(hashName).update(bytes).digest();
    const claimed = member.value.value;
    if (claimed.length !== actual.length || !timingSafeEqual(claimed, actual)) return `${alg} does not match the body`;
    checked++;
  }
  return checked > 0 ? null : 'no sha-256 or sha-512 digest';
}

function fail(code: RequestSignatureFailure, detail: string): Failure {
  return { ok: false, code, detail };
}
