import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_FILE, KEY_FILE, writeConfig, type NodeConfigInput } from '../config/index.js';
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
}

export interface InitResult {
  dir: string;
  identityId: string;
  fingerprint: string;
  collectionId: string;
}

/**
 * Creates a node in a data directory: its Ed25519 key, its STIX identity (signed by itself), its
 * config, its store and a first collection. Refuses to overwrite an existing node.
 */
export async function initNode(dirArg: string, o: InitOptions): Promise<InitResult> {
  const dir = resolve(dirArg);
  if (existsSync(join(dir, CONFIG_FILE))) throw new EnlaceError('config.exists', { dir });
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
  const config = writeConfig(dir, input);
  writeFileSync(join(dir, KEY_FILE), keys.privateKeyPem, { mode: 0o600 });

  const ctx = await openNode(dir);
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
