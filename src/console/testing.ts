/** Test support for the console's server side: a browser-like client that signs in and keeps its cookie. */
import assert from 'node:assert/strict';
import { brotliCompressSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readResult, type HttpResult, type TestNode } from '../test-support/nodes.js';
import { tempDir } from '../test-support/stores.js';

export type Json = Record<string, unknown>;

export interface ConsoleClient {
  /** The session cookie (name=value), or null before sign-in. */
  cookie: string | null;
  csrf: string | null;
  signIn(username: string, password?: string): Promise<HttpResult>;
  request(
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string>; csrf?: boolean; raw?: string | Buffer },
  ): Promise<HttpResult>;
  get(path: string, headers?: Record<string, string>): Promise<HttpResult>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult>;
}

/** A client of one node's console, as a browser would be: cookie, CSRF header on changes, JSON bodies. */
export function consoleClient(node: TestNode, o: { lang?: string } = {}): ConsoleClient {
  const client: ConsoleClient = {
    cookie: null,
    csrf: null,
    async request(method, path, init = {}) {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (o.lang) headers['accept-language'] = o.lang;
      if (client.cookie) headers.cookie = client.cookie;
      if (client.csrf && init.csrf !== false && method !== 'GET') headers['x-csrf-token'] = client.csrf;
      let body: string | Buffer | undefined;
      if (init.raw !== undefined) body = init.raw;
      else if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers['content-type'] = 'application/json';
      }
      const res = await fetch(node.url + path, { method, headers: { ...headers, ...init.headers }, body, redirect: 'manual' });
      return readResult(res);
    },
    async signIn(username, password = `${username}-password`) {
      const r = await client.request('POST', '/console/api/session', { body: { username, password } });
      if (r.status === 200) {
        const setCookie = r.headers.get('set-cookie') ?? '';
        client.cookie = setCookie.split(';')[0] ?? null;
        client.csrf = String((r.json as Json).csrfToken);
      }
      return r;
    },
    get: (path, headers) => client.request('GET', path, { headers }),
    post: (path, body, headers) => client.request('POST', path, { body, headers }),
  };
  return client;
}

/** Signs in and fails the test unless it worked. */
export async function signedIn(node: TestNode, username: string, o: { lang?: string } = {}): Promise<ConsoleClient> {
  const c = consoleClient(node, o);
  const r = await c.signIn(username);
  assert.equal(r.status, 200, r.text);
  return c;
}

export function ok(r: HttpResult, status = 200): Json {
  assert.equal(r.status, status, `expected ${status}, got ${r.status}: ${r.text.slice(0, 500)}`);
  return (r.json ?? {}) as Json;
}

/** A stand-in for Vite's build: index.html, one hashed asset, an icon, and a compiled server file that must never be served. */
export function fakeConsoleBuild(): string {
  const dir = join(tempDir('console-build'), 'console');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/console/assets/app-1a2b.js"></script></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log("enlace")');
  writeFileSync(join(dir, 'assets', 'app-1a2b.js.br'), brotliCompressSync('console.log("enlace")'));
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'sessions.js'), 'export const secret = 1;');
  return dir;
}
