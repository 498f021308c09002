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
    /** Largest answer accepted; a page of 1000 objects of a few KB is a few MB. */
    private readonly maxResponseBytes = 256 * 1024 * 1024,
  ) {
    this.base = `${peer.url.replace(/\/$/, '')}/${peer.apiRoot.replace(/^\/|\/$/g, '')}/`;
  }

  private async request(method: 'GET' | 'POST', path: string, body?: string): Promise<{ status: number; headers: Headers; text: string }> {
    // Paths under the API root are relative; Enlace's own API (/api/v1/…) is absolute on the node.
    const url = path.startsWith('/') ? this.peer.url.replace(/\/$/, '') + path : this.base + path;
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
    let text: string;
    try {
      res = await fetch(url, { method, headers: { ...headers, ...signed }, body: bytes, signal: AbortSignal.timeout(this.timeoutMs) });
      // Inside the try: a partner that dies mid-answer fails here, not at the request.
      text = await this.readBounded(res);
    } catch (e) {
      if (e instanceof EnlaceError) throw e;
      // fetch says only "fetch failed"; the cause says why (ECONNREFUSED, a timeout, a bad port).
      const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause;
      const why = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : (e as Error).message;
      throw new EnlaceError('peer.unreachable', { peer: this.peer.name, detail: why });
    }
    if (res.status >= 400) {
      let detail = text.slice(0, 300);
      let particulars: Record<string, unknown> | undefined;
      try {
        const err = JSON.parse(text) as { title?: string; error_code?: string; details?: unknown };
        detail = `${err.error_code ?? ''} ${err.title ?? ''}`.trim() || detail;
        // Kept so that a caller can act on the peer's own error (the audit's head exchange does).
        if (typeof err.error_code === 'string') particulars = { error_code: err.error_code.slice(0, 100), details: err.details };
      } catch {
        // not a TAXII error body: keep the raw text
      }
      throw new EnlaceError('peer.bad-response', { peer: this.peer.name, status: res.status, detail }, particulars);
    }
    return { status: res.status, headers: res.headers, text };
  }

  /** The body as text, refused past `maxResponseBytes`: a faulty or hostile partner cannot exhaust memory. */
  private async readBounded(res: Response): Promise<string> {
    const declared = Number(res.headers.get('content-length') ?? 0);
    const tooBig = () =>
      new EnlaceError('peer.bad-response', {
        peer: this.peer.name,
        status: res.status,
        detail: `answer larger than ${this.maxResponseBytes} bytes`,
      });
    if (declared > this.maxResponseBytes) {
      await res.body?.cancel();
      throw tooBig();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body ?? []) {
      size += chunk.byteLength;
      // Leaving the loop cancels the stream.
      if (size > this.maxResponseBytes) throw tooBig();
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks).toString('utf8');
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

  /**
   * One page of every version in a remote collection's feed. A `next` token continues the walk
   * begun by an earlier request, whose `addedAfter` must be repeated with it (TAXII binds the
   * token to the request's filters).
   */
  async objectsPage(collectionId: string, opts: { next?: string | null; addedAfter?: string | null; limit: number }): Promise<RemotePage> {
    const q = new URLSearchParams({ 'match[version]': 'all', limit: String(opts.limit) });
    if (opts.addedAfter) q.set('added_after', opts.addedAfter);
    if (opts.next) q.set('next', opts.next);
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

  /** GET on the peer's audit API (`/api/v1/audit/…`); the answer's JSON, unchecked. */
  async auditGet(path: string, query: Record<string, string | number> = {}): Promise<unknown> {
    const q = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
    const r = await this.request('GET', `/api/v1/audit/${path}${q.size > 0 ? `?${q.toString()}` : ''}`);
    return this.json<unknown>(r.text);
  }

  /** POST of a JSON body on the peer's audit API; the answer's JSON, unchecked. */
  async auditPost(path: string, body: unknown): Promise<unknown> {
    const r = await this.request('POST', `/api/v1/audit/${path}`, JSON.stringify(body));
    return this.json<unknown>(r.text);
  }

  async postObjects(collectionId: string, objectBodies: string[]): Promise<RemoteStatus> {
    const r = await this.request(
      'POST',
      `collections/${encodeURIComponent(collectionId)}/objects/`,
      `{"objects":[${objectBodies.join(',')}]}`,
    );
    return this.json<RemoteStatus>(r.text);
  }
}
