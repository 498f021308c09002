import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BorderService } from './service.js';
import { offLine } from './test-points.js';

describe('border service: positions', () => {
  const border = new BorderService();

  it('puts San Diego in the U.S. and Tijuana in Mexico, with signed distances', () => {
    const sd = border.assessPosition({ lat: 32.7157, lon: -117.1611 });
    assert.equal(sd.side, 'US');
    assert.equal(sd.sideBasis, 'polygon');
    assert.ok(sd.signedDistanceM > 15_000 && sd.signedDistanceM < 25_000, `${sd.signedDistanceM}`);
    const tj = border.assessPosition({ lat: 32.5149, lon: -117.0382 });
    assert.equal(tj.side, 'MX');
    assert.ok(tj.signedDistanceM < 0 && tj.signedDistanceM > -3_000, `${tj.signedDistanceM}`);
    assert.equal(tj.nearestPort.port.id, 'san-ysidro');
    assert.ok(tj.nearestPort.distanceM > 2_500 && tj.nearestPort.distanceM < 4_000, `${tj.nearestPort.distanceM}`);
  });

  it('names the nearest port: Ciudad Juárez centre is by Paso del Norte', () => {
    const p = border.assessPosition({ lat: 31.742, lon: -106.487 });
    assert.equal(p.side, 'MX');
    assert.equal(p.nearestPort.port.id, 'el-paso-pdn');
  });

  it('falls back to the side of the line at sea', () => {
    const pacificNorth = border.assessPosition({ lat: 32.6, lon: -117.4 });
    const pacificSouth = border.assessPosition({ lat: 32.4, lon: -117.4 });
    assert.deepEqual([pacificNorth.side, pacificNorth.sideBasis], ['US', 'line']);
    assert.deepEqual([pacificSouth.side, pacificSouth.sideBasis], ['MX', 'line']);
    const gulfNorth = border.assessPosition({ lat: 26.2, lon: -97.0 });
    const gulfSouth = border.assessPosition({ lat: 25.7, lon: -97.0 });
    assert.deepEqual([gulfNorth.side, gulfSouth.side], ['US', 'MX']);
    assert.ok(pacificNorth.signedDistanceM > 0 && pacificSouth.signedDistanceM < 0);
  });

  it('agrees with points placed a known distance off the line', () => {
    for (const near of [
      { lat: 32.54, lon: -117.03 },
      { lat: 31.33, lon: -110.95 },
      { lat: 29.5, lon: -104.4 },
    ]) {
      for (const off of [-2_000, -500, 500, 2_000]) {
        const d = border.signedDistanceM(offLine(near, off));
        assert.ok(Math.abs(d - off) < 0.02 * Math.abs(off) + 5, `${JSON.stringify(near)} ${off}: ${d}`);
      }
    }
  });

  it('rejects positions that are not WGS84', () => {
    assert.throws(() => border.assessPosition({ lat: 95, lon: 0 }), RangeError);
    assert.throws(() => border.assessPosition({ lat: Number.NaN, lon: 0 }), RangeError);
  });
});

describe('border service: tracks', () => {
  const border = new BorderService();
  const t0 = Date.UTC(2026, 10, 27, 12);

  it('a drone flying north from Tijuana heads towards the line and predicts its crossing', () => {
    // 0.001° of latitude ≈ 111 m every 10 s: 11.1 m/s due north.
    const fixes = [0, 1, 2].map((i) => ({ lat: 32.5 + i * 0.001, lon: -117.03, t: t0 + i * 10_000 }));
    const a = border.assessTrack(fixes);
    assert.equal(a.heading, 'towards');
    assert.ok(Math.abs(a.groundSpeedMps - 11.1) < 0.2, `${a.groundSpeedMps}`);
    assert.ok(a.courseDeg !== null && (a.courseDeg < 1 || a.courseDeg > 359));
    assert.ok(a.predictedCrossingAt !== null);
    const etaS = (a.predictedCrossingAt - t0 - 20_000) / 1000;
    const expected = -a.latest.signedDistanceM / a.groundSpeedMps; // flying straight at the line
    assert.ok(Math.abs(etaS - expected) < 0.25 * expected + 10, `eta ${etaS}s vs ~${expected}s`);
  });

  it('flying away, or hovering, predicts no crossing', () => {
    const away = [0, 1].map((i) => ({ lat: 32.5 - i * 0.001, lon: -117.03, t: t0 + i * 10_000 }));
    const a = border.assessTrack(away);
    assert.equal(a.heading, 'away');
    assert.equal(a.predictedCrossingAt, null);
    const hover = [0, 1].map((i) => ({ lat: 32.5, lon: -117.03, t: t0 + i * 10_000 }));
    const h = border.assessTrack(hover);
    assert.equal(h.groundSpeedMps, 0);
    assert.equal(h.predictedCrossingAt, null);
  });

  it('needs two fixes', () => {
    assert.throws(() => border.assessTrack([{ lat: 32.5, lon: -117, t: t0 }]), RangeError);
  });
});
