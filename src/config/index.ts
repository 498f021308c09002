import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { EnlaceError } from '../errors/index.js';

export const CONFIG_FILE = 'enlace.json';
export const KEY_FILE = 'node-key.pem';

const nodeSection = z.object({
  /** Short name of this node, e.g. "us". */
  name: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
  organisation: z.string().min(1).max(200),
  /** ISO 3166-1 alpha-2, upper case. */
  country: z.string().regex(/^[A-Z]{2}$/),
  identityId: z.string().regex(/^identity--[0-9a-f-]{36}$/),
  /** Ed25519 public key, raw, base64url. */
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

const configSchema = z.object({
  version: z.literal(1),
  node: nodeSection,
  http: z.object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535),
    /** The URL peers and clients use to reach this node (no trailing slash). */
    publicUrl: z.string().url().regex(/[^/]$/),
  }),
  store: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('sqlite'), file: z.string().min(1) }),
      z.object({
        kind: z.literal('postgres'),
        url: z.string().min(1),
        schema: z
          .string()
          .regex(/^[a-z_][a-z0-9_]*$/)
          .optional(),
      }),
    ])
    .default({ kind: 'sqlite', file: 'enlace.db' }),
  taxii: z
    .object({
      apiRoot: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
        .default('enlace'),
      maxContentLength: z
        .number()
        .int()
        .min(1024)
        .max(1024 * 1024 * 1024)
        .default(10 * 1024 * 1024),
      /** Largest page a client may ask for with `limit`. */
      maxPageSize: z.number().int().min(1).max(10_000).default(1000),
      /** How long a `next` cursor stays valid, seconds. */
      cursorTtlSeconds: z
        .number()
        .int()
        .min(60)
        .default(7 * 24 * 3600),
    })
    .prefault({}),
  sync: z
    .object({
      /** Seconds between pulls from each peer when nothing is pushed. */
      pullIntervalSeconds: z.number().min(0.1).max(86_400).default(5),
      /** Page size asked of peers. */
      pageSize: z.number().int().min(1).max(10_000).default(1000),
      /** Longest wait between retries to a failing peer, seconds. */
      maxBackoffSeconds: z.number().min(1).max(86_400).default(300),
      /** Pushes are batched for at most this long after a commit, milliseconds. */
      pushDelayMs: z.number().int().min(0).max(60_000).default(200),
      enabled: z.boolean().default(true),
    })
    .prefault({}),
  /** The border drone picture (issue 5): rules, alerts, sharing and the TAK listener. */
  drones: z
    .object({
      enabled: z.boolean().default(true),
      /** The TLP 2.0 marking incidents and acknowledgements carry; the release policy decides what the partner gets. */
      marking: z.enum(['clear', 'green', 'amber', 'amber+strict', 'red']).default('amber'),
      /** Where incidents are stored and shared from; the node's first collection when absent. */
      collectionId: z
        .string()
        .regex(/^[0-9a-f-]{36}$/)
        .optional(),
      /** An unacknowledged alert escalates one level each period, up to level 3. */
      escalateAfterSeconds: z.number().min(1).max(86_400).default(60),
      /** A track heading for the line opens an incident within this distance of it. */
      approachKm: z.number().min(0.1).max(100).default(3),
      /** Trail-only changes of an open incident are shared at most this often (rule hits go at once). */
      publishIntervalMs: z.number().int().min(100).max(600_000).default(2000),
      /**
       * Newest points of each track an incident version carries. Every version is signed, validated
       * and sent whole, so this bounds the work per version; the node keeps the full history itself.
       */
      incidentTrailPoints: z.number().int().min(2).max(600).default(120),
      /** Authorised drones (the agencies' own): they raise no incident and no alert. */
      allowList: z
        .array(
          z.object({
            remoteId: z.string().min(1).max(100).optional(),
            uid: z.string().min(1).max(200).optional(),
            note: z.string().min(1).max(500),
          }),
        )
        .max(10_000)
        .default([]),
      /** Protected sites besides the ports of entry: a circle around a point. */
      protectedSites: z
        .array(
          z.object({
            id: z.string().regex(/^[a-z0-9-]{1,64}$/),
            name: z.string().min(1).max(200),
            lat: z.number().min(-90).max(90),
            lon: z.number().min(-180).max(180),
            radiusM: z.number().min(10).max(50_000),
          }),
        )
        .max(1000)
        .default([]),
      /** Plain TCP listener for TAK clients and servers streaming CoT (XML or TAK protobuf); off when absent. */
      tcp: z
        .object({
          host: z.string().min(1).default('127.0.0.1'),
          port: z.number().int().min(0).max(65535),
          sensor: z
            .string()
            .regex(/^[A-Za-z0-9._:-]{1,64}$/)
            .default('tak-tcp'),
        })
        .optional(),
    })
    .prefault({}),
  /** Secret for the HMAC that makes `next` cursors unforgeable; base64url, 32 bytes. */
  cursorSecret: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

export type NodeConfig = z.infer<typeof configSchema>;
export type NodeConfigInput = z.input<typeof configSchema>;

/** A loaded node: its validated config and where it lives. */
export interface LoadedConfig {
  dir: string;
  config: NodeConfig;
}

/**
 * Reads and validates a node's configuration once, at start-up; `DATABASE_URL` overrides the store
 * so that several processes of one node can share a PostgreSQL database.
 */
export function loadConfig(dir: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const abs = resolve(dir);
  const file = join(abs, CONFIG_FILE);
  if (!existsSync(file)) throw new EnlaceError('config.missing', { dir: abs });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new EnlaceError('config.invalid', { detail: `${file}: ${(e as Error).message}` });
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new EnlaceError('config.invalid', { detail });
  }
  const config = parsed.data;
  if (env.DATABASE_URL) config.store = { kind: 'postgres', url: env.DATABASE_URL, schema: env.ENLACE_DB_SCHEMA };
  return { dir: abs, config };
}

/** Validates and writes a configuration; returns it as it will be read back. */
export function writeConfig(dir: string, input: NodeConfigInput): NodeConfig {
  const config = configSchema.parse(input);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, CONFIG_FILE), JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
  return config;
}

/** Absolute path of the SQLite file of a node, relative paths being relative to the data dir. */
export function sqliteFileOf(loaded: LoadedConfig): string | null {
  const s = loaded.config.store;
  return s.kind === 'sqlite' ? resolve(loaded.dir, s.file) : null;
}
