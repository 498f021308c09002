import type { KeyObject } from 'node:crypto';
import { publicKeyFromRaw } from '../crypto/index.js';
import type { PeerRecord } from '../store/types.js';

interface PinnedKey {
  identityId: string;
  key: KeyObject;
  /** Peer name, or null for this node's own key. */
  peer: string | null;
}

/**
 * The public keys this node trusts: its own and those of the peers its administrators pinned.
 * Signatures are checked only against these; nothing is ever fetched to verify an object.
 */
export class Keyring {
  private readonly byFingerprint = new Map<string, PinnedKey>();

  constructor(
    private readonly own: { identityId: string; publicKey: string; fingerprint: string },
    peers: PeerRecord[],
  ) {
    this.reset(peers);
  }

  /** Replaces the peer keys (after `peer add` / `peer remove`). */
  reset(peers: PeerRecord[]): void {
    this.byFingerprint.clear();
    this.byFingerprint.set(this.own.fingerprint, {
      identityId: this.own.identityId,
      key: publicKeyFromRaw(this.own.publicKey),
      peer: null,
    });
    for (const p of peers) {
      this.byFingerprint.set(p.fingerprint, { identityId: p.identityId, key: publicKeyFromRaw(p.publicKey), peer: p.name });
    }
  }

  /** The key pinned for a fingerprint, only if it belongs to the identity that claims it. */
  resolve(fingerprint: string, signer: string): KeyObject | null {
    const k = this.byFingerprint.get(fingerprint);
    return k && k.identityId === signer ? k.key : null;
  }

  /** The key pinned for a fingerprint, whoever claims it (HTTP signatures name only the key). */
  resolveAny(fingerprint: string): { key: KeyObject; identityId: string; peer: string | null } | null {
    return this.byFingerprint.get(fingerprint) ?? null;
  }

  isOwn(identityId: string): boolean {
    return identityId === this.own.identityId;
  }
}
