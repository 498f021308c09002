import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CONSISTENCY_VECTORS, CT_LEAVES, CT_ROOTS, INCLUSION_VECTORS } from './test-vectors.js';
import { EMPTY_ROOT, leafHash, nodeHash, rootOf, verifyConsistency, verifyInclusion } from './merkle.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const unhex = (s: string): Buffer => Buffer.from(s, 'hex');

const LEAVES = CT_LEAVES;
const ROOTS = CT_ROOTS;
const LEAF_HASHES = LEAVES.map((l) => leafHash(l));
const root = (n: number): Buffer => unhex(ROOTS[n] as string);

describe('RFC 9162 hashing', () => {
  it('the empty tree hashes to SHA-256 of nothing', () => {
    assert.equal(hex(EMPTY_ROOT), ROOTS[0]);
    assert.equal(hex(rootOf([])), ROOTS[0]);
  });

  it('rootOf reproduces the reference root of every prefix of the eight test leaves', () => {
    for (let n = 1; n <= 8; n++) assert.equal(hex(rootOf(LEAF_HASHES.slice(0, n))), ROOTS[n], `size ${n}`);
  });

  it('separates leaves from nodes (0x00 / 0x01 prefixes)', () => {
    const a = leafHash(Buffer.from('a'));
    const b = leafHash(Buffer.from('b'));
    assert.notEqual(hex(nodeHash(a, b)), hex(leafHash(Buffer.concat([a, b]))));
    assert.notEqual(hex(nodeHash(a, b)), hex(nodeHash(b, a)));
  });
});

describe('verifyInclusion', () => {
  it('accepts the reference inclusion proofs', () => {
    for (const v of INCLUSION_VECTORS) {
      const ok = verifyInclusion(v.index, v.size, LEAF_HASHES[v.index] as Buffer, v.proof.map(unhex), root(v.size));
      assert.equal(ok, true, `leaf ${v.index} of ${v.size}`);
    }
  });

  it('rejects a reference proof used with the wrong index, size, leaf or root', () => {
    const v = INCLUSION_VECTORS[2] as (typeof INCLUSION_VECTORS)[number];
    const proof = v.proof.map(unhex);
    const leaf = LEAF_HASHES[v.index] as Buffer;
    assert.equal(verifyInclusion(v.index + 1, v.size, leaf, proof, root(v.size)), false);
    // A size with the same path shape still fails: the root binds the size.
    assert.equal(verifyInclusion(v.index, v.size - 1, leaf, proof, root(v.size - 1)), false);
    assert.equal(verifyInclusion(v.index, v.size, LEAF_HASHES[0] as Buffer, proof, root(v.size)), false);
    assert.equal(verifyInclusion(v.index, v.size, leaf, proof, root(v.size - 1)), false);
  });

  it('rejects proofs one hash too short, too long, or reordered', () => {
    const v = INCLUSION_VECTORS[1] as (typeof INCLUSION_VECTORS)[number];
    const proof = v.proof.map(unhex);
    const leaf = LEAF_HASHES[0] as Buffer;
    assert.equal(verifyInclusion(0, 8, leaf, proof.slice(0, 2), root(8)), false);
    assert.equal(verifyInclusion(0, 8, leaf, [...proof, proof[0] as Buffer], root(8)), false);
    assert.equal(verifyInclusion(0, 8, leaf, [...proof].reverse(), root(8)), false);
    assert.equal(verifyInclusion(0, 1, leaf, [leaf], leaf), false, 'a one-leaf tree has an empty proof');
  });

  it('rejects malformed and hostile arguments without throwing', () => {
    const leaf = LEAF_HASHES[0] as Buffer;
    const r = root(1);
    assert.equal(verifyInclusion(0, 1, leaf, [], r), true);
    assert.equal(verifyInclusion(1, 1, leaf, [], r), false, 'index = size');
    assert.equal(verifyInclusion(0, 0, leaf, [], r), false, 'empty tree has no leaves');
    assert.equal(verifyInclusion(-1, 1, leaf, [], r), false);
    assert.equal(verifyInclusion(0.5, 1, leaf, [], r), false);
    assert.equal(verifyInclusion(0, Number.MAX_SAFE_INTEGER + 1, leaf, [], r), false);
    assert.equal(verifyInclusion(0, 1, leaf.subarray(1), [], r), false, 'short leaf hash');
    assert.equal(verifyInclusion(0, 1, leaf, [], Buffer.concat([r, Buffer.alloc(1)])), false, 'long root');
    assert.equal(verifyInclusion(0, 2, leaf, [Buffer.alloc(31)], r), false, 'short proof hash');
    assert.equal(verifyInclusion(0, 2, leaf, [Buffer.alloc(33)], r), false, 'long proof hash');
    assert.equal(verifyInclusion(0, 2, leaf, 'nope' as unknown as Uint8Array[], r), false);
    assert.equal(verifyInclusion(0, 2, leaf, [null] as unknown as Uint8Array[], r), false);
    assert.equal(verifyInclusion('0' as unknown as number, 1, leaf, [], r), false);
    const huge = Array.from({ length: 10_000 }, () => leaf);
    assert.equal(verifyInclusion(0, 8, leaf, huge, r), false, 'oversized proof');
  });

  it('handles sizes beyond 32 bits', () => {
    // A two-leaf tree embedded at the far right of a 2^40 + 2 leaf tree: the last leaf's path is one hash.
    const size = 2 ** 40 + 2;
    const left = LEAF_HASHES[1] as Buffer;
    const right = LEAF_HASHES[2] as Buffer;
    const bigLeft = LEAF_HASHES[3] as Buffer; // stands for the root of the first 2^40 leaves
    const r = nodeHash(bigLeft, nodeHash(left, right));
    assert.equal(verifyInclusion(size - 1, size, right, [left, bigLeft], r), true);
    assert.equal(verifyInclusion(size - 2, size, right, [left, bigLeft], r), false);
  });
});

describe('verifyConsistency', () => {
  it('accepts the reference consistency proofs', () => {
    for (const v of CONSISTENCY_VECTORS) {
      const ok = verifyConsistency(v.size1, v.size2, v.proof.map(unhex), root(v.size1), root(v.size2));
      assert.equal(ok, true, `${v.size1} -> ${v.size2}`);
    }
  });

  it('rejects the reference proofs against other roots or sizes', () => {
    const v = CONSISTENCY_VECTORS[2] as (typeof CONSISTENCY_VECTORS)[number];
    const proof = v.proof.map(unhex);
    assert.equal(verifyConsistency(6, 8, proof, root(5), root(8)), false);
    assert.equal(verifyConsistency(6, 8, proof, root(6), root(7)), false);
    assert.equal(verifyConsistency(5, 8, proof, root(6), root(8)), false);
    assert.equal(verifyConsistency(6, 7, proof, root(6), root(7)), false);
    assert.equal(verifyConsistency(6, 8, proof.slice(1), root(6), root(8)), false);
    assert.equal(verifyConsistency(6, 8, [...proof, proof[0] as Buffer], root(6), root(8)), false);
  });

  it('settles the cases the RFC algorithm leaves out', () => {
    assert.equal(verifyConsistency(3, 3, [], root(3), root(3)), true, 'same size, same root');
    assert.equal(verifyConsistency(3, 3, [], root(3), root(4)), false, 'same size, two roots: a fork');
    assert.equal(verifyConsistency(3, 3, [root(3)], root(3), root(3)), false, 'same size needs an empty proof');
    assert.equal(verifyConsistency(0, 5, [], EMPTY_ROOT, root(5)), true, 'every tree extends the empty one');
    assert.equal(verifyConsistency(0, 5, [], root(1), root(5)), false, 'an empty tree has the empty root');
    assert.equal(verifyConsistency(0, 5, [root(1)], EMPTY_ROOT, root(5)), false);
    assert.equal(verifyConsistency(0, 0, [], EMPTY_ROOT, EMPTY_ROOT), true);
    assert.equal(verifyConsistency(5, 3, [], root(5), root(3)), false, 'size1 > size2');
    assert.equal(verifyConsistency(2, 5, [], root(2), root(5)), false, 'empty proof for different sizes');
  });

  it('rejects malformed and hostile arguments without throwing', () => {
    const proof = (CONSISTENCY_VECTORS[3] as (typeof CONSISTENCY_VECTORS)[number]).proof.map(unhex);
    assert.equal(verifyConsistency(2, 5, proof, root(2), root(5)), true);
    assert.equal(verifyConsistency(-2, 5, proof, root(2), root(5)), false);
    assert.equal(verifyConsistency(2, 5.5, proof, root(2), root(5)), false);
    assert.equal(verifyConsistency(2, 5, proof, root(2).subarray(2), root(5)), false);
    assert.equal(verifyConsistency(2, 5, [Buffer.alloc(5), ...proof], root(2), root(5)), false);
    assert.equal(verifyConsistency(2, 5, {} as unknown as Uint8Array[], root(2), root(5)), false);
    assert.equal(
      verifyConsistency(
        2,
        5,
        Array.from({ length: 500 }, () => root(1)),
        root(2),
        root(5),
      ),
      false,
    );
  });
});
