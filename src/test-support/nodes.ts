import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe } from 'node:test';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { createAccount } from '../accounts/service.js';
import { initNode } from '../node/init.js';
import type { NodeContext } from '../node/context.js';
import { openNode } from '../node/open.js';
import { addPeer, nodeCard } from '../peers/service.js';
import { buildApp, dronesOf } from '../server/app.js';
import type { DroneService } from '../drones/service.js';
import type { ConsoleOptions } from '../console/index.js';
import { SyncEngine } from '../sync/engine.js';
import { TAXII_MEDIA_TYPE } from '../taxii/media.js';
import { dropSchema, randomSchemaName, removeTempDir, requirePostgres, tempDir, TEST_PG_URL } from './stores.js';

export type Backend = 'sqlite' | 'postgres';

/** The accounts every test node has, one per role, with the password `<username>-password`. */
export const TEST_ACCOUNTS = [
  { username: 'analyst', roles: ['analyst'] },
  { username: 'admin', roles: ['admin'] },
  { username: 'supervisor', roles: ['supervisor'] },
  { username: 'tool', roles: ['connector'] },
  { username: 'sensor', roles: ['sensor'] },
] as const;

/**
 * The policy test nodes start with unless a test gives its own: GREEN and AMBER go to every peer
 * (what the sync tests exchange), AMBER+STRICT and RED do not, nothing is passed to third parties.
 * A fresh real node shares nothing but TLP:CLEAR until its administrators decide (DEFAULT_RELEASE_POLICY).
 */
export const TEST_RELEASE_POLICY = {
  unmarked_as: 'amber',
  default: { allow_green: true, allow_amber: true, ceiling: 'amber', allow_third_party: false },
  peers: {},
} as const;

export interface TestNode {
  name: string;
  dir: string;
  ctx: NodeContext;
  app: FastifyInstance;
  engine: SyncEngine;
  /** The node's drone picture (null when switched off in its config). */
  drones: DroneService | null;
  url: string;
  collectionId: string;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A whole node for a test: created in a temporary directory, served over real HTTP on loopback,
 * on SQLite or on PostgreSQL (own schema). `close()` stops it and removes what it made.
 */
export async function startTestNode(o: {
  name: string;
  country: string;
  backend: Backend;
  startSync?: boolean;
  port?: number;
  dir?: string;
  /** The release policy to save before serving; null keeps the built-in default. */
  releasePolicy?: Record<string, unknown> | null;
  /** The web console's options (its build directory, a clock to expire sessions…). */
  console?: ConsoleOptions;
}): Promise<TestNode> {
  const dir = o.dir ?? join(tempDir(`node-${o.name}`), o.name);
  const port = o.port ?? (await freePort());
  const schema = o.backend === 'postgres' ? randomSchemaName() : undefined;
  const init = await initNode(dir, {
    name: o.name,
    organisation: `Test node ${o.name.toUpperCase()}`,
    country: o.country,
    port,
    databaseUrl: o.backend === 'postgres' ? TEST_PG_URL : undefined,
    databaseSchema: schema,
  });
  const ctx = await openNode(dir, { log: pino({ level: 'silent' }) });
  for (const a of TEST_ACCOUNTS)
    await createAccount(ctx.store, { username: a.username, password: `${a.username}-password`, roles: [...a.roles] });
  const policy = o.releasePolicy === undefined ? TEST_RELEASE_POLICY : o.releasePolicy;
  if (policy !== null) await ctx.release.save(policy, 'admin');
  const engine = new SyncEngine(ctx);
  const app = await buildApp(ctx, { sync: engine, ...(o.console ? { console: o.console } : {}) });
  await app.listen({ host: '127.0.0.1', port });
  if (o.startSync) await engine.start();
  return {
    name: o.name,
    dir,
    ctx,
    app,
    engine,
    drones: dronesOf(app),
    url: `http://127.0.0.1:${port}`,
    collectionId: init.collectionId,
    async close() {
      await engine.stop();
      await app.close();
      await ctx.store.close();
      if (schema) await dropSchema(schema);
      if (!o.dir) removeTempDir(join(dir, '..'));
    },
  };
}

/** Pins two test nodes as each other's peers. */
export async function pinPeers(a: TestNode, b: TestNode): Promise<void> {
  await addPeer(a.ctx, nodeCard(b.ctx), nodeCard(b.ctx).fingerprint);
  await addPeer(b.ctx, nodeCard(a.ctx), nodeCard(a.ctx).fingerprint);
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** Reads a response whole: status, headers, text, and the JSON when the text is JSON. */
export async function readResult(res: Response): Promise<HttpResult> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A plain HTTP client with TAXII defaults, signed in as one of the test accounts. */
export function taxiiClient(node: TestNode, username: string | null = 'analyst') {
  const auth = username ? 'Basic ' + Buffer.from(`${username}:${username}-password`).toString('base64') : undefined;
  const request = async (
    method: string,
    path: string,
    init: { body?: string | Buffer; headers?: Record<string, string> } = {},
  ): Promise<HttpResult> => {
    const headers: Record<string, string> = { accept: TAXII_MEDIA_TYPE };
    if (auth) headers.authorization = auth;
    if (init.body !== undefined) headers['content-type'] = TAXII_MEDIA_TYPE;
    return readResult(await fetch(node.url + path, { method, headers: { ...headers, ...init.headers }, body: init.body }));
  };
  return {
    request,
    get: (path: string, headers?: Record<string, string>) => request('GET', path, { headers }),
    post: (path: string, body: unknown, headers?: Record<string, string>) =>
      request('POST', path, { body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body), headers }),
    delete: (path: string) => request('DELETE', path),
  };
}

/**
 * Registers a describe block per backend for tests that need whole nodes. Without PostgreSQL
 * the PostgreSQL block is skipped with a clear line, or fails under CI=true.
 */
export function forEachNodeBackend(name: string, fn: (backend: Backend) => void): void {
  describe(`${name} [sqlite]`, () => fn('sqlite'));
  describe(`${name} [postgres]`, async () => {
    if (!(await requirePostgres('node'))) return;
    fn('postgres');
  });
}
