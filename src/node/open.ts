import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { KEY_FILE, loadConfig, sqliteFileOf, type LoadedConfig } from '../config/index.js';
import { fingerprintOf, loadPrivateKey } from '../crypto/index.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { createDefaultRegistry, type ExtensionRegistry, type StixObject } from '../stix/index.js';
import type { NodeContext, NodeEvents } from './context.js';
import { Keyring } from './keyring.js';
import { createNodeAudit } from '../audit/node-audit.js';
import { ReleaseService } from '../release/service.js';

export function storeOf(loaded: LoadedConfig): Promise<Store> {
  const s = loaded.config.store;
  if (s.kind === 'postgres') return openStore({ kind: 'postgres', url: s.url, schema: s.schema });
  return openStore({ kind: 'sqlite', file: sqliteFileOf(loaded) ?? join(loaded.dir, 'enlace.db') });
}

export interface OpenOptions {
  log?: Logger;
  env?: NodeJS.ProcessEnv;
}

/** Opens an initialised node: validated config, store (migrated), key and pinned peer keys. */
export async function openNode(dir: string, opts: OpenOptions = {}): Promise<NodeContext> {
  const loaded = loadConfig(dir, opts.env);
  const { config } = loaded;
  const privateKey = loadPrivateKey(readFileSync(join(loaded.dir, KEY_FILE), 'utf8'));
  const store = await storeOf(loaded);
  const fingerprint = fingerprintOf(config.node.publicKey);
  const identity = {
    id: config.node.identityId,
    name: config.node.name,
    organisation: config.node.organisation,
    country: config.node.country,
    publicKey: config.node.publicKey,
    fingerprint,
  };
  const keyring = new Keyring({ identityId: identity.id, publicKey: identity.publicKey, fingerprint }, await store.listPeers());
  const log = opts.log ?? pino({ level: process.env.ENLACE_LOG_LEVEL ?? 'warn', base: { node: config.node.name } });
  const registry = createDefaultRegistry();
  await learnStoredDefinitions(store, registry);
  const release = await ReleaseService.open({ store, identity, privateKey, registry });
  return {
    dir: loaded.dir,
    config,
    store,
    identity,
    privateKey,
    keyring,
    registry,
    log,
    events: new EventEmitter<NodeEvents>(),
    release,
    exchanges: createNodeAudit({ store, logId: identity.id, privateKey }),
  };
}

/** Re-reads the pinned peers (another process, such as `enlace peer add`, may have changed them). */
export async function reloadPeers(ctx: NodeContext): Promise<void> {
  ctx.keyring.reset(await ctx.store.listPeers());
  ctx.events.emit('peersChanged');
}

/** Extension definitions received earlier (from peers or imports) are known again after a restart. */
async function learnStoredDefinitions(store: Store, registry: ExtensionRegistry): Promise<void> {
  for (const c of await store.listCollections()) {
    let afterSeq = 0;
    for (;;) {
      const page = await store.queryObjects({
        collectionId: c.id,
        types: ['extension-definition'],
        versions: { all: false, first: false, last: true, timestampsUs: [] },
        afterSeq,
        limit: 500,
        withBody: true,
      });
      for (const row of page.rows) registry.register(JSON.parse(row.body) as StixObject);
      const last = page.rows[page.rows.length - 1];
      if (!page.more || !last) break;
      afterSeq = last.seq;
    }
  }
}
