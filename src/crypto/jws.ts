import { sign, type KeyObject } from 'node:crypto';

/*
 * The two JWS operations Enlace needs (RFC 7515 with RFC 8037 EdDSA), kept apart from the STIX
 * specifics so they can be checked against the RFCs' own examples.
 */

/** ASCII(BASE64URL(UTF8(JWS Protected Header)) || '.' || BASE64URL(JWS Payload)), RFC 7515 §5.1. */
export function jwsSigningInput(protectedHeaderB64: string, payload: string | Uint8Array): Buffer {
  const payloadB64 = (typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload)).toString('base64url');
  return Buffer.from(`${protectedHeaderB64}.${payloadB64}`, 'ascii');
}

/**
 * Signs with EdDSA (Ed25519) and returns the compact JWS with the payload detached
 * (RFC 7515 Appendix F): `<protected>..<signature>`.
 */
export function signDetachedJws(protectedHeaderB64: string, payload: string | Uint8Array, privateKey: KeyObject): string {
  const signature = sign(null, jwsSigningInput(protectedHeaderB64, payload), privateKey);
  return `${protectedHeaderB64}..${signature.toString('base64url')}`;
}
