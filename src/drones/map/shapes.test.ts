import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { clipLine, clipRing, rounded, simplify, simplifyRing, type LonLat } from './shapes.js';

const BOX = { west: 0, south: 0, east: 10, north: 10 };
const point = fc.tuple(
  fc.double({ min: -20, max: 30, noNaN: true }),
  fc.double({ min: -20, max: 30, noNaN: true }),
) as fc.Arbitrary<LonLat>;

function distanceToPolyline(p: LonLat, line: readonly LonLat[]): number {
  let best = Infinity;
  for (let i = 0; i + 1 < line.length; i++) {
    const [a, b] = [line[i]!, line[i + 1]!];
    const dx = b[0] - a[0],
      dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
    best = Math.min(best, Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy));
  }
  return best;
}

describe('clipping rings to the border region', () => {
  it('keeps a ring that lies inside unchanged (without its closing point)', () => {
    const ring: LonLat[] = [
      [1, 1],
      [5, 1],
      [5, 5],
      [1, 5],
      [1, 1],
    ];
    assert.deepEqual(clipRing(ring, BOX), [
      [1, 1],
      [5, 1],
      [5, 5],
      [1, 5],
    ]);
  });

  it('cuts a ring that sticks out at the box edges', () => {
    const clipped = clipRing(
      [
        [-5, 5],
        [5, -5],
        [15, 5],
        [5, 15],
      ],
      BOX,
    );
    assert.ok(clipped.length >= 4);
    assert.ok(clipped.some(([x, y]) => x === 0 && y === 0) || clipped.some(([x]) => x === 0));
    for (const [x, y] of clipped) assert.ok(x >= 0 && x <= 10 && y >= 0 && y <= 10);
  });

  it('drops a ring entirely outside', () => {
    assert.deepEqual(
      clipRing(
        [
          [20, 20],
          [25, 20],
          [25, 25],
        ],
        BOX,
      ),
      [],
    );
  });

  it('never leaves a point outside the box, for any ring', () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 3, maxLength: 40 }), (ring) => {
        for (const [x, y] of clipRing(ring, BOX)) {
          assert.ok(x >= -1e-9 && x <= 10 + 1e-9 && y >= -1e-9 && y <= 10 + 1e-9, `${x}, ${y}`);
        }
      }),
    );
  });

  it('splits a line where it leaves the box', () => {
    const parts = clipLine(
      [
        [1, 1],
        [2, 2],
        [20, 2],
        [3, 3],
        [4, 4],
        [30, 30],
      ],
      BOX,
    );
    assert.deepEqual(parts, [
      [
        [1, 1],
        [2, 2],
      ],
      [
        [3, 3],
        [4, 4],
      ],
    ]);
  });
});

describe('thinning outlines', () => {
  it('keeps the ends and drops points on a straight run', () => {
    assert.deepEqual(
      simplify(
        [
          [0, 0],
          [1, 0.0001],
          [2, 0],
          [3, 0],
        ],
        0.01,
      ),
      [
        [0, 0],
        [3, 0],
      ],
    );
    assert.deepEqual(
      simplify(
        [
          [0, 0],
          [1, 1],
          [2, 0],
        ],
        0.01,
      ),
      [
        [0, 0],
        [1, 1],
        [2, 0],
      ],
    );
  });

  it('never moves the outline by more than the tolerance, for any line', () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 2, maxLength: 80 }), fc.double({ min: 0.01, max: 5, noNaN: true }), (line, tol) => {
        const thin = simplify(line, tol);
        assert.deepEqual(thin[0], line[0]);
        assert.deepEqual(thin[thin.length - 1], line[line.length - 1]);
        for (const p of line) assert.ok(distanceToPolyline(p, thin) <= tol + 1e-9);
      }),
    );
  });

  it('keeps a ring a ring, or nothing', () => {
    assert.equal(
      simplifyRing(
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 10],
        ],
        0.1,
      ).length,
      4,
    );
    assert.deepEqual(
      simplifyRing(
        [
          [0, 0],
          [1, 0],
          [2, 0.0001],
        ],
        0.1,
      ),
      [],
    );
  });

  it('rounds to about 11 m', () => {
    assert.deepEqual(rounded([-117.123456, 32.987654]), [-117.1235, 32.9877]);
  });
});
