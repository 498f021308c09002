/** Public API of Enlace's transparency log: RFC 9162 Merkle log of exchanges, signed tree heads, audits. */
export { AuditError, isAuditError, type AuditErrorCode, type AuditParams } from './errors.js';
export {
  HASH_BYTES,
  EMPTY_ROOT,
  leafHash,
  nodeHash,
  rootOf,
  sameHash,
  verifyInclusion,
  verifyConsistency,
} from './merkle.js';
export { MerkleLog, type LogStorage, type AppendBatch, type NodeRef, type StoredNode } from './log.js';
export { MemoryLogStorage } from './memory-storage.js';
export { entryLeaf, parseEntryLeaf, toLogEntry, MAX_ENTRY_BYTES, type LogEntry, type NewLogEntry, type Direction } from './entry.js';
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
export { checkLog, DEFAULT_MAX_AUDITED_ENTRIES, type AuditedLog, type CheckedHead, type Discrepancy, type DiscrepancyCode, type LogCheck } from './verify-log.js';
export { compareLogs, type AuditVerdict, type CompareOptions } from './verify.js';
export { auditMessages, en as auditMessagesEn, es as auditMessagesEs } from './messages.js';
export { StoreLogStorage } from './store-storage.js';
