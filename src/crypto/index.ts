/** Public API of Enlace's crypto module: keys, canonical JSON, object and request signatures, passwords. */
export { CryptoError, isCryptoError, type CryptoErrorCode, type CryptoErrorParams } from './errors.js';
export {
  generateNodeKeyPair,
  loadPrivateKey,
  publicKeyFromRaw,
  rawPublicKey,
  fingerprintOf,
  fingerprintOfKey,
  formatFingerprint,
  isFingerprint,
  type NodeKeyPair,
} from './keys.js';
export { canonicalJson, sha256Hex, MAX_CANONICAL_DEPTH } from './canonical.js';
export { jwsSigningInput, signDetachedJws } from './jws.js';
export {
  signObject,
  verifyObjectSignature,
  verifyObjectSignatureAsync,
  stripSignature,
  type ObjectSigner,
  type ObjectKeyResolver,
  type ResolvedSignerKey,
  type ObjectVerification,
  type ObjectSignatureFailure,
  type SignatureExtension,
} from './object-signature.js';
export {
  signRequest,
  verifyRequest,
  contentDigest,
  checkContentDigest,
  SIGNATURE_LABEL,
  HTTP_SIGNATURE_ALG,
  DEFAULT_MAX_SKEW_SECONDS,
  type SignableRequest,
  type SignRequestOptions,
  type SignatureHeaders,
  type VerifyRequestOptions,
  type RequestVerification,
  type RequestSignatureFailure,
} from './http-signature.js';
export type { HeaderMap, HeaderValue, HttpMessage } from './http-message.js';
export { NonceCache, type NonceCacheOptions } from './nonce-cache.js';
export { hashPassword, verifyPassword, needsRehash, newApiToken, hashApiToken, API_TOKEN_PREFIX } from './passwords.js';
export { cryptoMessages, type CryptoMessageKey } from './messages.js';
