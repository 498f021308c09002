import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { fingerprintOf, rawPublicKey } from './keys.js';

/** A throwaway Ed25519 identity for tests in this folder. */
export interface TestSigner {
  identityId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  fingerprint: string;
}

export function testSigner(identityId = 'identity--3c1d3e2a-1b8f-4f5e-9a4c-6d7e8f901234'): TestSigner {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { identityId, privateKey, publicKey, fingerprint: fingerprintOf(rawPublicKey(publicKey)) };
}
