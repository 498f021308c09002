import { randomUUID } from 'node:crypto';
import { signRequest } from '../crypto/index.js';
import { EnlaceError } from '../errors/index.js';
import type { NodeContext } from '../node/context.js';
import type { PeerRecord } from '../store/types.js';
import { TAXII_MEDIA_TYPE } from '../taxii/media.js';
import { parseStixTimestamp } from '../stix/index.js';

export interface RemoteCollection {
  id: string;
  alias?: string;
  title: string;
  can_read: boolean;
  can_write: boolean;
}

export interface RemotePage {
  objects: unknown[];
  more: boolean;
  next: string | null;
  lastAddedUs: number | null;
  remaining: number | null;
}

export interface RemoteStatus {
  id: string;
  total_count: number;
  success_count: number;
  failure_count: number;
  failures?: { id: string; version?: string; message?: string }[];
}

/**
 * A TAXII 2.1 client that speaks to one partner node, signing every request with this node's key
 * (RFC 9421), so the partner knows which pinned peer is asking.
 */
export class PeerClient {
  private readonly base: string;

  constructor(
    private readonly ctx: NodeContext,
    readonly peer: PeerRecord,
    private readonly timeoutMs = 30_000,
  ) {
    this.base = `${peer.url.replace(/\/$/, '')}/${peer.apiRoot.replace(/^\/|\/$/g, '')}/`;
  }

  private async request(method: 'GET' | 'POST', path: string, body?: string): Promise<{ status: number; headers: Headers; text: string }> {
    const url = this.base + path;
    const headers: Record<string, string> = { accept: TAXII_MEDIA_TYPE };
    const bytes = body === undefined ? undefined : Buffer.from(body);
    if (bytes) headers['content-type'] = TAXII_MEDIA_TYPE;
    const signed = signRequest({
      method,
      url,
      headers,
      body: bytes,
      keyId: this.ctx.identity.fingerprint,
      privateKey: this.ctx.privateKey,
      nonce: randomUUID(),
    });
    let res: Response;
    try {
      res = await fetch(url, { method, headers: { ...headers, ...signed }, body: bytes, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      throw new EnlaceError('peer.unreachable', { peer: this.peer.name, detail: cause ?? (e as Error).message });
    }
    const text = await res.text();
    if (res.status >= 400) {
      let detail = text.slice(0, 300);
      try {
        const err = JSON.parse(text) as { title?: string; error_code?: string };
        detail = `${err.error_code ?? ''} ${err.title ?? ''}`.trim() || detail;
      } catch {
        // not a TAXII error body: keep the raw text
      }
      throw new EnlaceError('peer.bad-response', { peer: this.peer.name, status: res.status, detail });
    }
    return { status: res.status, headers: res.headers, text };
  }

  private json<T>(text: string): T {
    try {
      return JSON.parse(text) as T;
    } catch (e) {
      throw new EnlaceError('peer.bad-response', { peer: this.peer.name, status: 200, detail: `invalid JSON: ${(e as Error).message}` });
    }
  }

  async collections(): Promise<RemoteCollection[]> {
    const r = await this.request('GET', 'collections/');
    return this.json<{ collections?: RemoteCollection[] }>(r.text).collections ?? [];
  }

  /** One page of every version in a remote collection's feed, from a cursor or a date. */
  async objectsPage(collectionId: string, opts: { next?: string | null; addedAfter?: string | null; limit: number }): Promise<RemotePage> {
    const q = new URLSearchParams({ 'match[version]': 'all', limit: String(opts.limit) });
    if (opts.next) q.set('next', opts.next);
    else if (opts.addedAfter) q.set('added_after', opts.addedAfter);
    const r = await this.request('GET', `collections/${encodeURIComponent(collectionId)}/objects/?${q.toString()}`);
    const env = this.json<{ more?: boolean; next?: string; objects?: unknown[] }>(r.text);
    const last = r.headers.get('x-taxii-date-added-last');
    const remaining = r.headers.get('x-enlace-remaining');
    return {
      objects: Array.isArray(env.objects) ? env.objects : [],
      more: env.more === true,
      next: typeof env.next === 'string' ? env.next : null,
      lastAddedUs: last ? parseStixTimestamp(last) : null,
      remaining: remaining !== null && /^\d+$/.test(remaining) ? Number(remaining) : null,
    };
  }

  async postObjects(collectionId: string, objectBodies: string[]): Promise<RemoteStatus> {
    const r = await this.request('POST', `collections/${encodeURIComponent(collectionId)}/objects/`, `{"objects":[${objectBodies.join(',')}]}`);
    return this.json<RemoteStatus>(r.text);
  }
}
