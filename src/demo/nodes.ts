import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createAccount } from '../accounts/service.js';
import { CONFIG_FILE } from '../config/index.js';
import { initNode } from '../node/init.js';
import { openNode } from '../node/open.js';
import { addPeer, nodeCard } from '../peers/service.js';
import { TAXII_MEDIA_TYPE } from '../taxii/media.js';
import type { DemoReleasePolicy } from './scenario-policy.js';

export const CLI_ENTRY = fileURLToPath(new URL('../cli/main.js', import.meta.url));

export interface DemoNodeSpec {
  name: string;
  organisation: string;
  country: string;
  port: number;
  accounts: { username: string; password: string; roles: string[]; locale: string }[];
}

/** Creates a node once; a second run finds it and keeps it (its data, keys and accounts). */
export async function ensureNode(dir: string, spec: DemoNodeSpec): Promise<void> {
  if (existsSync(join(dir, CONFIG_FILE))) return;
  await initNode(dir, {
    name: spec.name,
    organisation: spec.organisation,
    country: spec.country,
    port: spec.port,
    createdUs: Date.UTC(2026, 10, 1) * 1000,
  });
  const ctx = await openNode(dir);
  try {
    for (const a of spec.accounts) await createAccount(ctx.store, { ...a, displayName: a.username });
  } finally {
    await ctx.store.close();
  }
}

/** Pins each node as the other's peer, unless already done. */
export async function pinEachOther(dirA: string, dirB: string): Promise<{ a: string; b: string }> {
  const a = await openNode(dirA);
  const b = await openNode(dirB);
  try {
    const cardA = nodeCard(a);
    const cardB = nodeCard(b);
    // In the demo both nodes run on one machine, so the "out of band" confirmation is this comparison.
    if (!(await a.store.getPeer(cardB.name))) await addPeer(a, cardB, cardB.fingerprint);
    if (!(await b.store.getPeer(cardA.name))) await addPeer(b, cardA, cardA.fingerprint);
    return { a: cardA.fingerprint, b: cardB.fingerprint };
  } finally {
    await a.store.close();
    await b.store.close();
  }
}

/**
 * Saves the node's release policy, unless the policy in force already says the same (a second
 * demo run adds no policy version). Returns the version in force.
 */
export async function ensureReleasePolicy(dir: string, policy: DemoReleasePolicy, author: string): Promise<number> {
  const ctx = await openNode(dir);
  try {
    const inForce = ctx.release.current();
    const { version, updated_at: _updatedAt, ...rules } = inForce.policy;
    if (inForce.saved && isDeepStrictEqual(rules, policy)) return version;
    return (await ctx.release.save(policy, author)).policy.version;
  } finally {
    await ctx.store.close();
  }
}

/**
 * Whether nothing listens on a loopback port. The demo checks before it starts its nodes: otherwise
 * it would find another process's node answering there (an earlier demo still running) and seed it.
 */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** Starts `enlace serve` for a node in its own process and waits until it answers. */
export async function startNode(dir: string, port: number, logLevel = 'warn'): Promise<ChildProcess> {
  // ENLACE_NODE_FLAGS passes flags to the node processes, e.g. "--cpu-prof" to profile a benchmark.
  const flags = (process.env.ENLACE_NODE_FLAGS ?? '').split(/\s+/).filter((f) => f !== '');
  const child = spawn(process.execPath, [...flags, CLI_ENTRY, '--dir', dir, 'serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ENLACE_LOG_LEVEL: logLevel },
  });
  child.stdout?.resume();
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`node in ${dir} exited with code ${child.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`node in ${dir} did not start on port ${port}`);
}

/** A signed-in HTTP client for one node, as a TAXII client or the console would use it. */
export class NodeClient {
  constructor(
    readonly baseUrl: string,
    private readonly username: string,
    private readonly password: string,
  ) {}

  private get auth(): string {
    return 'Basic ' + Buffer.from(`${this.username}:${this.password}`).toString('base64');
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      authorization: this.auth,
      accept: path.startsWith('/api/') ? 'application/json' : TAXII_MEDIA_TYPE,
    };
    if (body !== undefined) headers['content-type'] = TAXII_MEDIA_TYPE;
    const r = await fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }
}
