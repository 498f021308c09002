/** Public API of Enlace's transparency log: RFC 9162 Merkle log of exchanges, signed tree heads, audits. */
export { AuditError, isAuditError, type AuditErrorCode, type AuditParams } from './errors.js';
export { HASH_BYTES, EMPTY_ROOT, leafHash, nodeHash, rootOf, sameHash, verifyInclusion, verifyConsistency } from './merkle.js';
export { MerkleLog, type LogStorage, type AppendBatch, type NodeRef, type StoredNode } from './log.js';
export { MemoryLogStorage } from './memory-storage.js';
export {
  entryLeaf,
  parseEntryLeaf,
  toLogEntry,
  toRecordedEntry,
  toReadEntry,
  sealEntry,
  isSealed,
  isAccess,
  isExchange,
  MAX_ENTRY_BYTES,
  type LogEntry,
  type NewLogEntry,
  type AccessEntry,
  type AccessAction,
  type NewAccessEntry,
  type NewRecordedEntry,
  type RecordedEntry,
  type SealedEntry,
  type ReadEntry,
  type Direction,
} from './entry.js';
export {
  makeTreeHead,
  signTreeHead,
  verifyTreeHead,
  type TreeHead,
  type SignedTreeHead,
  type TreeHeadVerification,
  type TreeHeadFailure,
} from './tree-head.js';
export { AuditLog, type LogReader } from './audit-log.js';
export {
  checkLog,
  DEFAULT_MAX_AUDITED_ENTRIES,
  type AuditedLog,
  type CheckedHead,
  type Discrepancy,
  type DiscrepancyCode,
  type LogCheck,
} from './verify-log.js';
export { compareLogs, type AuditVerdict, type CompareOptions } from './verify.js';
export { auditMessages, en as auditMessagesEn, es as auditMessagesEs } from './messages.js';
export { StoreLogStorage } from './store-storage.js';
export { NodeAudit, createNodeAudit, auditOf } from './node-audit.js';
export { takePeerHead, encodeProof, decodeProof, type ProofSource } from './peer-heads.js';
export { runHeadExchange, type HeadExchangeResult } from './head-exchange.js';
export { RemoteLog, type AuditPeerApi } from './remote-log.js';
export { verifyWithPeer, renderVerdict, discrepancyMessage, type NodeVerdict, type HeadSource } from './node-verify.js';
export { listAccess, type AccessRecord } from './access-log.js';
