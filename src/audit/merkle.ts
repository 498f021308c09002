import { createHash, hash } from 'node:crypto';

/*
 * RFC 9162 §2.1 Merkle Tree hashing with SHA-256, and the two proof verifications of §2.1.3.2
 * and §2.1.4.2. Everything here is pure and synchronous: it is what a peer runs on what it is
 * handed, so it trusts nothing (sizes, lengths, array members) until checked.
 */

/** Bytes in every hash of the tree (SHA-256). */
export const HASH_BYTES = 32;
/** Proofs longer than this cannot belong to a tree whose size fits in a JS safe integer. */
export const MAX_PROOF_HASHES = 2 * 53;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({}) = SHA-256 of the empty string: the root of a tree with no leaves. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/*
 * One-shot hashing of a reused buffer is markedly faster than a Hash object per call, and appends
 * hash twice per entry. Safe to share: hashing is synchronous.
 */
const SCRATCH_BYTES = 4096;
const leafScratch = Buffer.alloc(1 + SCRATCH_BYTES);
const nodeScratch = Buffer.alloc(1 + 2 * HASH_BYTES);
nodeScratch[0] = 0x01;

/** SHA-256(0x00 || leaf): the hash of one log entry's bytes. */
export function leafHash(leaf: Uint8Array): Buffer {
  if (leaf.length > SCRATCH_BYTES) return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
  leafScratch.set(leaf, 1);
  return hash('sha256', leafScratch.subarray(0, 1 + leaf.length), 'buffer');
}

/** SHA-256(0x01 || left || right): the hash of an interior node. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_BYTES || right.length !== HASH_BYTES) {
    return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
  }
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_BYTES);
  return hash('sha256', nodeScratch, 'buffer');
}

/** The largest power of two strictly smaller than n (n ≥ 2): the RFC's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * MTH(D[n]) straight from the RFC's recursive definition, in O(n) hashing. The reference the
 * incremental log is tested against; not meant for large logs.
 */
export function rootOf(leafHashes: readonly Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return Buffer.from(EMPTY_ROOT);
  return subtreeRoot(leafHashes, 0, leafHashes.length);
}

function subtreeRoot(leaves: readonly Uint8Array[], start: number, end: number): Buffer {
  const n = end - start;
  if (n === 1) return Buffer.from(leaves[start] as Uint8Array);
  const k = splitPoint(n);
  return nodeHash(subtreeRoot(leaves, start, start + k), subtreeRoot(leaves, start + k, end));
}

/** Byte equality of two hashes. */
export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === HASH_BYTES;
}

function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isProof(value: unknown): value is readonly Uint8Array[] {
  return Array.isArray(value) && value.length <= MAX_PROOF_HASHES && value.every(isHash);
}

// Sizes may exceed 2^32, so the RFC's bit operations are spelt with arithmetic.
const lsb = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

/**
 * RFC 9162 §2.1.3.2: does `proof` show that `leafHashValue` is leaf `leafIndex` of the tree of
 * `treeSize` leaves whose root is `root`? Any malformed input (index ≥ size, wrong hash length,
 * proof too short or too long) yields false.
 */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHashValue: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isSize(leafIndex) || !isSize(treeSize) || leafIndex >= treeSize) return false;
  if (!isHash(leafHashValue) || !isHash(root) || !isProof(proof)) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Uint8Array = leafHashValue;
  for (const p of proof) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameHash(r, root);
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show that the tree of `size2` leaves (root `root2`) extends the
 * tree of `size1` leaves (root `root1`) by appending only?
 *
 * Cases the RFC's algorithm leaves out are settled here: size1 = size2 holds only with an empty
 * proof and equal roots; size1 = 0 holds only with an empty proof and root1 = MTH({}) (every tree
 * extends the empty one); size1 > size2 and every malformed input yield false.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (!isSize(size1) || !isSize(size2) || size1 > size2) return false;
  if (!isHash(root1) || !isHash(root2) || !isProof(proof)) return false;
  if (size1 === size2) return proof.length === 0 && sameHash(root1, root2);
  if (size1 === 0) return proof.length === 0 && sameHash(root1, EMPTY_ROOT);
  if (proof.length === 0) return false;

  const path: readonly Uint8Array[] = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as Uint8Array;
  let sr = fr;
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameHash(fr, root1) && sameHash(sr, root2);
}

function isPowerOfTwo(n: number): boolean {
  let x = n;
  while (x > 1 && x % 2 === 0) x /= 2;
  return x === 1;
}
