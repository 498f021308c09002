import { type EventEmitter } from 'node:events';
import type { KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import type { NodeConfig } from '../config/index.js';
import type { Store } from '../store/types.js';
import type { ExtensionRegistry } from '../stix/index.js';
import type { Keyring } from './keyring.js';
import type { ReleaseService } from '../release/service.js';

/** One object version as it crossed the node's border: what both sides' logs must agree on. */
export interface ExchangedVersion {
  objectId: string;
  /** The STIX version timestamp as sent (`modified`, else `created`; date_added text for SCOs). */
  version: string;
  /** SHA-256 hex of the canonical JSON of the copy that crossed, without its signature. */
  contentHash: string;
}

/** How both sides name a version in their logs: SCOs have no version timestamp, their content names them. */
export function exchangedVersion(objectId: string, version: string, contentHash: string): ExchangedVersion {
  return { objectId, version: version || 'unversioned', contentHash };
}

/**
 * Where a node notes what crossed its border and who looked at what; the transparency log
 * (src/audit) implements it. Callers await it before answering, so nothing leaves unrecorded.
 */
export interface ExchangeRecorder {
  /** Versions handed to a peer, served on its request or pushed. */
  sent(peer: string, versions: readonly ExchangedVersion[]): Promise<void>;
  /** Versions a peer delivered and this node accepted (new or already held). */
  received(peer: string, versions: readonly ExchangedVersion[]): Promise<void>;
  /**
   * An account of this node viewed or exported object versions, or took out evidence files made
   * from them (then each version's contentHash is the file's SHA-256): the access log.
   */
  accessed(account: string, action: 'view' | 'export' | 'evidence', versions: readonly ExchangedVersion[]): Promise<void>;
}

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
  /** Something was committed that the partner must have now (a drone alert): push without delay. */
  urgent: [collectionId: string];
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
  /** The originator's release policy and its one evaluator, asked by every way out. */
  release: ReleaseService;
  /** The transparency and access log. */
  exchanges: ExchangeRecorder;
}
