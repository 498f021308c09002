import { z } from 'zod';
import { fingerprintOf, formatFingerprint, publicKeyFromRaw } from '../crypto/index.js';
import { EnlaceError } from '../errors/index.js';
import type { NodeContext } from '../node/context.js';
import { reloadPeers } from '../node/open.js';
import type { PeerRecord } from '../store/types.js';

/**
 * What two nodes exchange to become peers: public facts only. It is not trusted until a person
 * compares the fingerprint with the partner's over another channel (phone, meeting).
 */
export const nodeCardSchema = z.object({
  type: z.literal('enlace-node-card'),
  name: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
  identity_id: z.string().regex(/^identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
  organisation: z.string().min(1).max(200),
  country: z.string().regex(/^[A-Z]{2}$/),
  public_key: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  url: z.string().url().max(500),
  api_root: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
});
export type NodeCard = z.infer<typeof nodeCardSchema>;

export function nodeCard(ctx: NodeContext): NodeCard {
  return {
    type: 'enlace-node-card',
    name: ctx.identity.name,
    identity_id: ctx.identity.id,
    organisation: ctx.identity.organisation,
    country: ctx.identity.country,
    public_key: ctx.identity.publicKey,
    fingerprint: ctx.identity.fingerprint,
    url: ctx.config.http.publicUrl,
    api_root: ctx.config.taxii.apiRoot,
  };
}

/** Checks a card's shape and that its fingerprint really is its key's. */
export function parseNodeCard(raw: unknown): NodeCard {
  const parsed = nodeCardSchema.safeParse(raw);
  if (!parsed.success) {
    throw new EnlaceError('peer.bad-card', {
      detail: parsed.error.issues.map((i) => `${i.path.join('.') || '(card)'}: ${i.message}`).join('; '),
    });
  }
  const card = parsed.data;
  try {
    publicKeyFromRaw(card.public_key);
  } catch {
    throw new EnlaceError('peer.bad-card', { detail: 'public_key' });
  }
  if (fingerprintOf(card.public_key) !== card.fingerprint) {
    throw new EnlaceError('peer.bad-card', { detail: 'fingerprint ≠ SHA-256(public_key)' });
  }
  return card;
}

/** Fetches a partner's card from its node (trust on first use: the fingerprint still needs confirming). */
export async function fetchNodeCard(url: string): Promise<NodeCard> {
  const target = `${url.replace(/\/$/, '')}/enlace/node-card`;
  let res: Response;
  try {
    res = await fetch(target, { signal: AbortSignal.timeout(10_000) });
  } catch (e) {
    throw new EnlaceError('peer.unreachable', { peer: url, detail: (e as Error).message });
  }
  if (!res.ok) throw new EnlaceError('peer.bad-response', { peer: url, status: res.status, detail: 'node card' });
  return parseNodeCard(await res.json());
}

/**
 * Pins a partner: its identity and key become trusted for signatures and requests.
 * `confirmedFingerprint` must equal the card's: the person confirmed it out of band.
 */
export async function addPeer(ctx: NodeContext, card: NodeCard, confirmedFingerprint: string, localName?: string): Promise<PeerRecord> {
  const normalised = confirmedFingerprint.replace(/[\s:]/g, '').toLowerCase();
  if (normalised !== card.fingerprint) {
    throw new EnlaceError('peer.fingerprint-mismatch', { fingerprint: formatFingerprint(card.fingerprint) });
  }
  if (card.identity_id === ctx.identity.id || card.fingerprint === ctx.identity.fingerprint) throw new EnlaceError('peer.self');
  const name = localName ?? card.name;
  if (await ctx.store.getPeer(name)) throw new EnlaceError('peer.exists', { peer: name });
  const peer: PeerRecord = {
    name,
    identityId: card.identity_id,
    organisation: card.organisation,
    country: card.country,
    publicKey: card.public_key,
    fingerprint: card.fingerprint,
    url: card.url,
    apiRoot: card.api_root,
    addedUs: Date.now() * 1000,
  };
  await ctx.store.upsertPeer(peer);
  await reloadPeers(ctx);
  return peer;
}

export async function removePeer(ctx: NodeContext, name: string): Promise<void> {
  if (!(await ctx.store.removePeer(name))) throw new EnlaceError('peer.unknown', { peer: name });
  await reloadPeers(ctx);
}
