import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ZodError } from 'zod';
import { CONFIG_FILE, KEY_FILE, writeConfig, type NodeConfig, type NodeConfigInput } from '../config/index.js';
import { generateNodeKeyPair } from '../crypto/index.js';
import { EnlaceError } from '../errors/index.js';
import { ingestObjects } from '../intake/service.js';
import { NODE_IDENTITY_EXTENSION_ID, formatTimestampUs } from '../stix/index.js';
import { openNode } from './open.js';

export interface InitOptions {
  name: string;
  organisation: string;
  country: string;
  host?: string;
  port: number;
  publicUrl?: string;
  databaseUrl?: string;
  /** PostgreSQL schema for the node's tables (tests and shared clusters). */
  databaseSchema?: string;
  /** Fixed timestamp for the identity object (demo runs make identical identities). */
  createdUs?: number;
  /** The environment the node is opened with afterwards (DATABASE_URL overrides the store). */
  env?: NodeJS.ProcessEnv;
}

export interface InitResult {
  dir: string;
  identityId: string;
  fingerprint: string;
  collectionId: string;
}

const EXPECTED = {
  name: {
    en: '1 to 32 lower-case letters, digits or hyphens, starting with a letter (e.g. "us")',
    es: 'de 1 a 32 letras minúsculas, dígitos o guiones, empezando con una letra (p. ej. "mx")',
  },
  organisation: { en: 'a name of 1 to 200 characters', es: 'un nombre de 1 a 200 caracteres' },
  country: { en: 'a two-letter ISO 3166-1 code (e.g. US or MX)', es: 'un código ISO 3166-1 de dos letras (p. ej. MX o US)' },
  port: { en: 'a whole number from 0 to 65535', es: 'un número entero de 0 a 65535' },
};

/** The error for an option of `initNode` that a person typed wrong (the CLI checks `port` text with it too). */
export function badInitOption(option: keyof typeof EXPECTED, value: unknown): EnlaceError {
  return new EnlaceError('config.bad-option', { option, value: String(value).slice(0, 80), expected: EXPECTED[option] });
}

/** The options a person types, checked one by one so that the message names the culprit. */
function checkOptions(o: InitOptions): void {
  const bad = (option: keyof typeof EXPECTED, value: unknown): never => {
    throw badInitOption(option, value);
  };
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(o.name)) bad('name', o.name);
  if (o.organisation.trim().length === 0 || o.organisation.length > 200) bad('organisation', o.organisation);
  if (!/^[A-Za-z]{2}$/.test(o.country)) bad('country', o.country);
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) bad('port', o.port);
}

/**
 * Creates a node in a data directory: its Ed25519 key, its STIX identity (signed by itself), its
 * config, its store and a first collection. Refuses to overwrite an existing node.
 */
export async function initNode(dirArg: string, o: InitOptions): Promise<InitResult> {
  const dir = resolve(dirArg);
  if (existsSync(join(dir, CONFIG_FILE))) throw new EnlaceError('config.exists', { dir });
  checkOptions(o);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keys = generateNodeKeyPair();
  const host = o.host ?? '127.0.0.1';
  const input: NodeConfigInput = {
    version: 1,
    node: {
      name: o.name,
      organisation: o.organisation,
      country: o.country.toUpperCase(),
      identityId: `identity--${randomUUID()}`,
      publicKey: keys.publicKey,
    },
    http: { host, port: o.port, publicUrl: o.publicUrl ?? `http://${host}:${o.port}` },
    store: o.databaseUrl ? { kind: 'postgres', url: o.databaseUrl, schema: o.databaseSchema } : { kind: 'sqlite', file: 'enlace.db' },
    cursorSecret: randomBytes(32).toString('base64url'),
  };
  // Validate before anything touches the disk, so that a bad option leaves no half-made node.
  let config: NodeConfig;
  try {
    config = writeConfig(dir, input);
  } catch (e) {
    if (!(e instanceof ZodError)) throw e;
    throw new EnlaceError('config.invalid', { detail: e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  }
  writeFileSync(join(dir, KEY_FILE), keys.privateKeyPem, { mode: 0o600 });

  const ctx = await openNode(dir, { env: o.env });
  try {
    const collection = await ctx.store.createCollection({
      id: randomUUID(),
      alias: 'intel',
      title: `${config.node.organisation} — intelligence`,
      description: 'Intelligence this node holds and shares with its partners under its release policy.',
    });
    const at = formatTimestampUs(o.createdUs ?? Date.now() * 1000, 3);
    const identity = {
      type: 'identity',
      spec_version: '2.1',
      id: config.node.identityId,
      created: at,
      modified: at,
      name: config.node.organisation,
      identity_class: 'organization',
      sectors: ['government'],
      extensions: {
        [NODE_IDENTITY_EXTENSION_ID]: { extension_type: 'property-extension', country: config.node.country, node: true },
      },
    };
    const [r] = await ingestObjects(ctx, collection.id, [identity], { kind: 'account', username: 'enlace-init' });
    if (!r || r.outcome === 'rejected') throw r?.error ?? new Error('identity was not stored');
    return { dir, identityId: config.node.identityId, fingerprint: ctx.identity.fingerprint, collectionId: collection.id };
  } finally {
    await ctx.store.close();
  }
}
