import { EventEmitter } from 'node:events';
import type { KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import type { NodeConfig } from '../config/index.js';
import type { Store } from '../store/types.js';
import type { ExtensionRegistry } from '../stix/index.js';
import type { Keyring } from './keyring.js';

/** Who this node is, as peers and objects see it. */
export interface NodeIdentity {
  id: string;
  name: string;
  organisation: string;
  country: string;
  publicKey: string;
  fingerprint: string;
}

/** Events a node raises inside its process; the push scheduler listens to `committed`. */
export interface NodeEvents {
  committed: [collectionId: string, lastSeq: number];
  peersChanged: [];
}

/**
 * Everything a service needs, handed down explicitly (no globals), so that the CLI, the HTTP
 * layer and tests assemble the same node.
 */
export interface NodeContext {
  dir: string;
  config: NodeConfig;
  store: Store;
  identity: NodeIdentity;
  privateKey: KeyObject;
  keyring: Keyring;
  registry: ExtensionRegistry;
  log: Logger;
  events: EventEmitter<NodeEvents>;
}
