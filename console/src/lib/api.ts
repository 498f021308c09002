/**
 * The one way the console talks to its node: same-origin fetch with the session cookie, the CSRF
 * token on every change, the reader's language on every request (so that the node's own error
 * texts and verdicts come back in it), and every failure turned into an ApiError that says what
 * the node said. DOM-free, so node:test can drive it with a stub fetch.
 */

export type QueryValue = string | number | boolean | null | undefined | readonly string[];
export type Query = Readonly<Record<string, QueryValue>>;

/** Why a request failed, in the node's words when it gave any (TAXII-style error body). */
export class ApiError extends Error {
  /** HTTP status; 0 when the node could not be reached at all. */
  readonly status: number;
  /** The node's error_code, or `network` / `http` when it gave none. */
  readonly code: string;
  readonly title: string | null;
  readonly description: string | null;

  constructor(status: number, code: string, title: string | null, description: string | null) {
    super(title ?? `${code} ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.title = title;
    this.description = description;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** `?a=1&b=x&b=y` from a query object; empty values are left out rather than sent blank. */
export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value))
      for (const v of value as readonly string[]) {
        if (v !== '') p.append(name, v);
      }
    else p.append(name, String(value));
  }
  const s = p.toString();
  return s === '' ? '' : `?${s}`;
}

export interface ApiOptions {
  /** The active language, sent as Accept-Language. */
  locale: () => string;
  /** Called when the node answers 401 to anything but a sign-in: the session is gone. */
  onUnauthorized: () => void;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** For sign-in and session checks, where a 401 is an answer rather than an expired session. */
  expectUnauthorized?: boolean;
  /** The Accept header, for the few node routes that answer in a media type of their own. */
  accept?: string;
}

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function textField(body: unknown, name: string): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const v = (body as Record<string, unknown>)[name];
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

export class ApiClient {
  private csrfToken: string | null = null;
  private readonly options: ApiOptions;

  constructor(options: ApiOptions) {
    this.options = options;
  }

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  get<T>(path: string, query?: Query, o: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', `${path}${buildQuery(query)}`, undefined, o);
  }

  post<T>(path: string, body?: unknown, o: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, body, o);
  }

  put<T>(path: string, body?: unknown, o: RequestOptions = {}): Promise<T> {
    return this.request<T>('PUT', path, body, o);
  }

  patch<T>(path: string, body?: unknown, o: RequestOptions = {}): Promise<T> {
    return this.request<T>('PATCH', path, body, o);
  }

  delete<T>(path: string, o: RequestOptions = {}): Promise<T> {
    return this.request<T>('DELETE', path, undefined, o);
  }

  async request<T>(method: string, path: string, body: unknown, o: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: o.accept ?? 'application/json', 'Accept-Language': this.options.locale() };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (MUTATIONS.has(method) && this.csrfToken !== null) headers['X-CSRF-Token'] = this.csrfToken;
    const doFetch = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    let res: Response;
    try {
      res = await doFetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
      });
    } catch (e) {
      if (e instanceof Error && e.name === 'AbortError') throw e;
      throw new ApiError(0, 'network', null, null);
    }
    if (res.status === 401 && !o.expectUnauthorized) this.options.onUnauthorized();
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text !== '') {
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        if (res.ok) throw new ApiError(res.status, 'bad-response', null, null);
      }
    }
    if (!res.ok) {
      throw new ApiError(
        res.status,
        textField(parsed, 'error_code') ?? 'http',
        textField(parsed, 'title'),
        textField(parsed, 'description'),
      );
    }
    // The node's own answers: their shapes are the contract's (types.ts).
    return parsed as T;
  }
}

/** The node's drone picture API (issue 5): paths in one place, so the screen and the tests agree. */
export type EvidenceFormat = 'geojson' | 'cot' | 'csv' | 'report';
export const EVIDENCE_FORMATS: readonly EvidenceFormat[] = ['geojson', 'cot', 'csv', 'report'];

export const dronesApi = {
  geography: '/api/v1/drones/geography',
  picture: '/api/v1/drones/picture',
  /** `{ alerts: Alert[] }`; `?state=open` for the navigation's count. */
  alerts: '/api/v1/drones/alerts',
  /** Server-sent events; each message's data is one StreamEvent, its event name the event's type. */
  stream: '/api/v1/drones/stream',
  ack: (alertId: string): string => `/api/v1/drones/alerts/${encodeURIComponent(alertId)}/ack`,
  incident: (id: string): string => `/api/v1/drones/incidents/${encodeURIComponent(id)}`,
  /** A download link: the report's language is the reader's (es for every Spanish locale). */
  evidence: (id: string, format: EvidenceFormat, locale: string): string =>
    `/api/v1/drones/incidents/${encodeURIComponent(id)}/evidence${buildQuery({ format, lang: locale.toLowerCase().startsWith('es') ? 'es' : 'en' })}`,
} as const;
