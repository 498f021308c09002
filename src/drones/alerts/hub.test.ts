import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IncidentView, StreamEvent, TrackView } from '../model.js';
import { alert, incident, T0, trackView } from './fixtures.js';
import { formatSse, mergeTracks, StreamHub } from './hub.js';

function recorder(): { events: StreamEvent[]; at: number[]; send: (e: StreamEvent) => boolean } {
  const events: StreamEvent[] = [];
  const at: number[] = [];
  return {
    events,
    at,
    send: (e) => {
      events.push(e);
      at.push(performance.now());
      return true;
    },
  };
}

/** The map a console would hold after applying the events in order. */
function picture(events: StreamEvent[]): Map<string, TrackView> {
  const map = new Map<string, TrackView>();
  for (const e of events) {
    if (e.type !== 'tracks') continue;
    for (const v of e.updated) map.set(v.id, v);
    for (const id of e.removed) map.delete(id);
  }
  return map;
}

const ids = Array.from({ length: 10 }, (_, i) => `trk-${i}`);

describe('StreamHub track coalescing', () => {
  it('turns 1,000 updates of 10 tracks in a burst into one event with the newest views', async () => {
    const hub = new StreamHub({ flushMs: 40 });
    const r = recorder();
    hub.subscribe(r.send);
    for (let n = 0; n < 1_000; n++) hub.publishTracks([trackView(ids[n % 10]!, T0 + n)], []);
    assert.equal(r.events.length, 0, 'nothing is sent synchronously');
    await sleep(120);
    hub.close();
    assert.equal(r.events.length, 1);
    const [e] = r.events;
    assert.ok(e?.type === 'tracks');
    assert.equal(e.updated.length, 10);
    for (const v of e.updated) assert.equal(v.lastSeen, T0 + 990 + Number(v.id.slice(4)));
  });

  it('sends at most one tracks event per flushMs while updates keep coming', async () => {
    const flushMs = 50;
    const hub = new StreamHub({ flushMs });
    const r = recorder();
    hub.subscribe(r.send);
    const started = performance.now();
    for (let n = 0; n < 1_000; n++) {
      hub.publishTracks([trackView(ids[n % 10]!, T0 + n)], []);
      if (n % 25 === 24) await sleep(8);
    }
    const elapsed = performance.now() - started;
    await sleep(flushMs * 3);
    hub.close();
    assert.ok(r.events.length >= 2, `${r.events.length} events`);
    assert.ok(r.events.length <= Math.ceil(elapsed / flushMs) + 2, `${r.events.length} events in ${Math.round(elapsed)} ms`);
    for (let i = 1; i < r.at.length; i++) assert.ok(r.at[i]! - r.at[i - 1]! >= flushMs - 2, `gap ${r.at[i]! - r.at[i - 1]!} ms`);
    const last = picture(r.events);
    assert.deepEqual([...last.keys()].sort(), [...ids].sort());
    for (const v of last.values()) assert.equal(v.lastSeen, T0 + 990 + Number(v.id.slice(4)));
  });

  it('lets the last word on a track win: a removal cancels updates and an update cancels a removal', async () => {
    const hub = new StreamHub({ flushMs: 20 });
    const r = recorder();
    hub.subscribe(r.send);
    hub.publishTracks([trackView('trk-a', T0), trackView('trk-b', T0)], []);
    hub.publishTracks([], ['trk-a']);
    hub.publishTracks([], ['trk-b']);
    hub.publishTracks([trackView('trk-b', T0 + 1)], []);
    await sleep(60);
    hub.close();
    assert.equal(r.events.length, 1);
    const e = r.events[0];
    assert.ok(e?.type === 'tracks');
    assert.deepEqual(
      e.updated.map((v) => [v.id, v.lastSeen]),
      [['trk-b', T0 + 1]],
    );
    assert.deepEqual(e.removed, ['trk-a']);
  });

  it('merges queued track events the same way', () => {
    const merged = mergeTracks(
      { type: 'tracks', updated: [trackView('a', 1), trackView('b', 1)], removed: ['c'] },
      { type: 'tracks', updated: [trackView('c', 2), trackView('a', 2)], removed: ['b'] },
    );
    assert.deepEqual(
      merged.updated.map((v) => [v.id, v.lastSeen]),
      [
        ['c', 2],
        ['a', 2],
      ],
    );
    assert.deepEqual(merged.removed, ['b']);
  });
});

describe('StreamHub incidents and alerts', () => {
  it('sends every incident and alert at once, in order, never merged, amid track updates', () => {
    const hub = new StreamHub({ flushMs: 1_000 });
    const r = recorder();
    hub.subscribe(r.send);
    const sent: StreamEvent[] = [];
    for (let n = 0; n < 50; n++) {
      const e: StreamEvent =
        n % 2 === 0
          ? { type: 'alert', alert: alert({ id: `inc/${n}`, level: 1 }) }
          : { type: 'incident', incident: incident('inc', [['crossing', T0 + n]]) as IncidentView };
      hub.publish(e);
      hub.publish({ type: 'tracks', updated: [trackView('trk-0', T0 + n)], removed: [] });
      sent.push(e);
    }
    hub.close();
    assert.deepEqual(r.events, sent);
  });
});

describe('StreamHub slow and failing consumers', () => {
  it('drops a consumer whose queue grows past maxQueued; the others get everything', () => {
    const hub = new StreamHub();
    const fast = recorder();
    hub.subscribe(fast.send);
    let dropped = 0;
    hub.subscribe(() => false, { maxQueued: 10, onDropped: () => dropped++ });
    assert.equal(hub.subscribers, 2);
    for (let n = 0; n < 25; n++) hub.publish({ type: 'alert', alert: alert({ id: `a/${n}` }) });
    hub.close();
    assert.equal(dropped, 1);
    assert.equal(fast.events.length, 25);
  });

  it('a consumer that stalls for a while catches up in order, its queued tracks merged', async () => {
    const hub = new StreamHub({ flushMs: 20 });
    let open = false;
    const got: StreamEvent[] = [];
    hub.subscribe(
      (e) => {
        if (!open) return false;
        got.push(e);
        return true;
      },
      { maxQueued: 5 },
    );
    hub.publish({ type: 'alert', alert: alert({ id: 'a/1' }) });
    for (let n = 0; n < 200; n++) {
      hub.publishTracks([trackView(ids[n % 10]!, T0 + n)], []);
      if (n % 50 === 49) await sleep(25);
    }
    hub.publish({ type: 'alert', alert: alert({ id: 'a/2' }) });
    await sleep(30);
    open = true;
    await sleep(80);
    hub.close();
    assert.equal(hub.subscribers, 0);
    assert.deepEqual(
      got.map((e) => e.type),
      ['alert', 'tracks', 'alert', 'tracks'].slice(0, got.length),
    );
    assert.ok(got.length >= 3 && got.length <= 4, got.map((e) => e.type).join());
    assert.equal(got[0]?.type === 'alert' && got[0].alert.id, 'a/1');
    assert.equal(got[2]?.type === 'alert' && got[2].alert.id, 'a/2');
    const last = picture(got);
    for (const v of last.values()) assert.equal(v.lastSeen, T0 + 190 + Number(v.id.slice(4)));
  });

  it('drops a consumer whose send throws, and keeps serving the rest', () => {
    const hub = new StreamHub();
    const fine = recorder();
    let dropped = 0;
    hub.subscribe(
      () => {
        throw new Error('socket gone');
      },
      { onDropped: () => dropped++ },
    );
    hub.subscribe(fine.send);
    hub.publish({ type: 'alert', alert: alert() });
    hub.publish({ type: 'alert', alert: alert() });
    hub.close();
    assert.deepEqual([dropped, fine.events.length], [1, 2]);
  });

  it('stops sending after unsubscribe and after close', async () => {
    const hub = new StreamHub({ flushMs: 10 });
    const r = recorder();
    const unsubscribe = hub.subscribe(r.send);
    hub.publish({ type: 'alert', alert: alert() });
    unsubscribe();
    unsubscribe();
    hub.publish({ type: 'alert', alert: alert() });
    assert.deepEqual([r.events.length, hub.subscribers], [1, 0]);

    const r2 = recorder();
    hub.subscribe(r2.send);
    hub.publishTracks([trackView('trk-1', T0)], []);
    hub.close();
    hub.publish({ type: 'alert', alert: alert() });
    await sleep(40);
    assert.deepEqual(r2.events, []);
  });
});

describe('formatSse', () => {
  it('frames one event: event line, optional id, one data line of JSON, blank line', () => {
    const e: StreamEvent = { type: 'alert', alert: alert() };
    assert.equal(formatSse(e), `event: alert\ndata: ${JSON.stringify(e)}\n\n`);
    assert.equal(formatSse(e, 42), `event: alert\nid: 42\ndata: ${JSON.stringify(e)}\n\n`);
  });

  it('keeps line breaks of any kind inside values off the wire and round-trips them', () => {
    const hostile = 'a\nb\r\nc\rd\u2028e\u2029f\n\ndata: {"forged":true}';
    const e: StreamEvent = { type: 'alert', alert: alert({ params: { port: hostile } }) };
    const frame = formatSse(e, 7);
    assert.ok(frame.endsWith('\n\n'));
    const lines = frame.slice(0, -2).split(/\r\n|\r|\n|\u2028|\u2029/);
    assert.deepEqual(
      lines.map((l) => l.split(':')[0]),
      ['event', 'id', 'data'],
    );
    const parsed = JSON.parse(lines[2]!.slice('data: '.length)) as StreamEvent;
    assert.ok(parsed.type === 'alert');
    assert.equal(parsed.alert.params.port, hostile);
  });

  it('refuses an unknown type or a bad id', () => {
    assert.throws(() => formatSse({ type: 'alert\nevent: x' } as unknown as StreamEvent), TypeError);
    assert.throws(() => formatSse({ type: 'alert', alert: alert() }, -1), RangeError);
    assert.throws(() => formatSse({ type: 'alert', alert: alert() }, 1.5), RangeError);
  });
});
