import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cotEvent } from '../cot/fixtures.js';
import { TakStreamSplitter, type SplitItem } from './stream.js';
import { encodeTakMessage, frameStream } from './tak-proto.js';
import { bytesOf, takEvent } from './fixtures.js';

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

function split(chunks: Uint8Array[], splitter = new TakStreamSplitter()): SplitItem[] {
  return chunks.flatMap((c) => splitter.push(c));
}

function messages(items: SplitItem[]): Array<{ format: string; bytes: Uint8Array }> {
  return items.map((item) => {
    if ('error' in item) assert.fail(`refused: ${item.error.reason}`);
    return item;
  });
}

test('concatenated CoT events, with and without declarations, split into events', () => {
  const a = cotEvent({ uid: 'A' });
  const b = cotEvent({ uid: 'B' }).replace(/^<\?xml[^>]*\?>\n/, '');
  const c = '<event version="2.0" uid="C" type="a-u-A" how="m-g" time="t" start="t" stale="t"/>';
  const out = messages(split([bytesOf(`${a}\n${b}\r\n  ${c}`)]));
  assert.deepEqual(
    out.map((m) => [m.format, text(m.bytes)]),
    [
      ['cot', a],
      ['cot', b],
      ['cot', c],
    ],
  );
});

test('"</event>" inside attributes, comments, CDATA and PIs does not end an event', () => {
  const tricky = cotEvent({
    detail:
      '<remarks note="a > b </event>">x<!-- </event> --><![CDATA[ </event> ]]><?pi </event> ?></remarks>' +
      "<contact callsign='</event>'/>",
  });
  const out = messages(split([bytesOf(tricky + cotEvent())]));
  assert.deepEqual(
    out.map((m) => text(m.bytes)),
    [tricky, cotEvent()],
  );
});

test('TAK protobuf frames split, and a stream may switch from XML to protobuf', () => {
  const f1 = frameStream(encodeTakMessage(takEvent({ uid: 'P1' })));
  const f2 = frameStream(encodeTakMessage(takEvent({ uid: 'P2', xmlDetail: `<remarks>${'y'.repeat(400)}</remarks>` })));
  const out = messages(split([bytesOf(cotEvent()), f1, f2, new Uint8Array([0xbf, 0x00])]));
  assert.deepEqual(
    out.map((m) => m.format),
    ['cot', 'tak-protobuf', 'tak-protobuf', 'tak-protobuf'],
  );
  assert.deepEqual(out[1]!.bytes, f1);
  assert.deepEqual(out[2]!.bytes, f2);
  assert.deepEqual(out[3]!.bytes, new Uint8Array([0xbf, 0x00]));
});

test('an oversized XML event is refused before 64 KiB are buffered, and the splitter stops', () => {
  const splitter = new TakStreamSplitter();
  const items = split([bytesOf('<event uid="x">'), bytesOf('<remarks>'), bytesOf('x'.repeat(70_000))], splitter);
  assert.equal(items.length, 1);
  const [item] = items;
  assert.ok(item && 'error' in item);
  assert.equal(item.error.reason, 'too-large');
  assert.equal(item.error.params.max, 65_536);
  assert.ok(splitter.failed);
  assert.deepEqual(splitter.push(bytesOf(cotEvent())), []);
});

test('a frame that declares more than 64 KiB is refused from its header alone', () => {
  const splitter = new TakStreamSplitter();
  // 0xbf, varint 100000 (0xa0 0x8d 0x06): refused before any payload arrives.
  const [item] = splitter.push(Uint8Array.from([0xbf, 0xa0, 0x8d, 0x06]));
  assert.ok(item && 'error' in item);
  assert.deepEqual(item.error, { format: 'tak-protobuf', reason: 'too-large', params: { actual: 100_004, max: 65_536 } });
  const [lying] = new TakStreamSplitter().push(Uint8Array.from([0xbf, 0xff, 0xff, 0xff, 0xff, 0xff]));
  assert.ok(lying && 'error' in lying);
  assert.equal(lying.error.reason, 'frame-length');
});

test('a truncated frame waits for the rest rather than emitting half a message', () => {
  const frame = frameStream(encodeTakMessage(takEvent()));
  const splitter = new TakStreamSplitter();
  assert.deepEqual(splitter.push(frame.subarray(0, 10)), []);
  const items = messages(splitter.push(frame.subarray(10)));
  assert.deepEqual(items[0]!.bytes, frame);
});

test('a DOCTYPE in the stream and bytes that start no message stop the stream', () => {
  const [doctype] = split([bytesOf('<!DOCTYPE event [<!ENTITY a "b">]><event/>')]);
  assert.ok(doctype && 'error' in doctype);
  assert.equal(doctype.error.reason, 'doctype');
  const [inside] = split([bytesOf('<event><!ENTITY x "y"></event>')]);
  assert.ok(inside && 'error' in inside && inside.error.reason === 'doctype');
  const [garbage] = split([bytesOf(`${cotEvent()}GET / HTTP/1.1\r\n`)]).slice(1);
  assert.ok(garbage && 'error' in garbage);
  assert.deepEqual(garbage.error.params, { byte: '0x47' });
});

test('deeply nested XML is framed but stays under the size ceiling', () => {
  const deep = `<event>${'<a>'.repeat(5_000)}${'</a>'.repeat(5_000)}</event>`;
  assert.equal(messages(split([bytesOf(deep)]))[0]!.bytes.length, deep.length);
  const [tooDeep] = split([bytesOf(`<event>${'<a>'.repeat(30_000)}`)]);
  assert.ok(tooDeep && 'error' in tooDeep && tooDeep.error.reason === 'too-large');
});

test('property: any chunking of a stream gives the same messages', () => {
  const remark = fc.stringMatching(/^[a-z <>/!\-[\]?"']{0,30}$/).map((s) => s.replace(/[<>&"']/g, ''));
  const xmlMessage = fc.tuple(fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/), remark, fc.boolean()).map(([uid, r, decl]) => {
    const event = cotEvent({ uid, detail: `<remarks>${r}</remarks><!-- </event> ${r} --><![CDATA[</event>]]>` });
    return bytesOf(decl ? event : event.replace(/^<\?xml[^>]*\?>\n/, ''));
  });
  const protoMessage = fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/).map((uid) => frameStream(encodeTakMessage(takEvent({ uid }))));
  const stream = fc.array(fc.oneof(xmlMessage, protoMessage), { minLength: 1, maxLength: 6 });
  fc.assert(
    fc.property(stream, fc.array(fc.nat(), { maxLength: 20 }), fc.constantFrom('', ' ', '\n', '\r\n\t'), (parts, cuts, gap) => {
      const pieces: number[] = [];
      for (const p of parts) {
        pieces.push(...p);
        for (const ch of gap) pieces.push(ch.charCodeAt(0));
      }
      const whole = Uint8Array.from(pieces);
      const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
      const chunks: Uint8Array[] = [];
      let at = 0;
      for (const p of [...points, whole.length]) {
        chunks.push(whole.slice(at, p));
        at = p;
      }
      const once = messages(split([whole])).map((m) => Buffer.from(m.bytes).toString('hex'));
      const chunked = messages(split(chunks)).map((m) => Buffer.from(m.bytes).toString('hex'));
      assert.deepEqual(chunked, once);
      assert.deepEqual(
        once,
        parts.map((p) => Buffer.from(p).toString('hex')),
      );
    }),
    { numRuns: 500 },
  );
});

test('property: byte-by-byte delivery gives the same messages as one chunk', () => {
  const stream = Uint8Array.from([
    ...bytesOf(cotEvent({ detail: "<remarks a='>'>x</remarks>" })),
    ...frameStream(encodeTakMessage(takEvent())),
    ...bytesOf(cotEvent()),
  ]);
  const bytewise = messages(split(Array.from(stream, (b) => Uint8Array.of(b))));
  assert.deepEqual(bytewise, messages(split([stream])));
  assert.equal(bytewise.length, 3);
});

test('property: random bytes never throw and never yield a message over 64 KiB', () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 10 }), (chunks) => {
      const splitter = new TakStreamSplitter();
      for (const item of split(chunks, splitter)) if (!('error' in item)) assert.ok(item.bytes.length <= 65_536);
    }),
    { numRuns: 1000 },
  );
});
