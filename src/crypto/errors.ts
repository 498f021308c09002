/** Why a crypto operation refused its input; the lead renders these with `messages.ts`. */
export type CryptoErrorCode =
  | 'private-key-malformed'
  | 'private-key-not-ed25519'
  | 'public-key-encoding'
  | 'public-key-length'
  | 'public-key-not-ed25519'
  | 'fingerprint-malformed'
  | 'canonical-unsupported-value'
  | 'canonical-too-deep'
  | 'canonical-cycle'
  | 'signer-invalid'
  | 'object-not-signable'
  | 'request-invalid'
  | 'password-too-long'
  | 'password-hash-malformed';

export type CryptoErrorParams = Record<string, string | number>;

/**
 * Thrown when a caller hands the crypto module something it cannot work with (a bad key, a value
 * that has no canonical JSON form). Verification failures are never thrown: they are returned.
 */
export class CryptoError extends Error {
  readonly code: CryptoErrorCode;
  readonly params: CryptoErrorParams;

  constructor(code: CryptoErrorCode, params: CryptoErrorParams = {}) {
    const detail = Object.entries(params)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ');
    super(detail ? `${code} (${detail})` : code);
    this.name = 'CryptoError';
    this.code = code;
    this.params = params;
  }
}

/** Narrows an unknown thrown value to a CryptoError. */
export function isCryptoError(e: unknown): e is CryptoError {
  return e instanceof CryptoError;
}
