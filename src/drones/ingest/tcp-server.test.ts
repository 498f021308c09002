import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { cotEvent } from '../cot/fixtures.js';
import type { IngestRejection } from '../model.js';
import { DroneIngest } from './ingest.js';
import { encodeTakMessage, frameStream } from './tak-proto.js';
import { NOW, bytesOf, takEvent } from './fixtures.js';
import { startTakTcpServer, type TakTcpServerOptions } from './tcp-server.js';

interface Received {
  messages: Array<{ format: string; bytes: Uint8Array; remote: string }>;
  errors: IngestRejection[];
}

async function withServer(options: Partial<TakTcpServerOptions>, body: (port: number, received: Received) => Promise<void>): Promise<void> {
  const received: Received = { messages: [], errors: [] };
  const server = await startTakTcpServer({
    host: '127.0.0.1',
    port: 0,
    onMessage: (format, bytes, remote) => received.messages.push({ format, bytes, remote }),
    onError: (rejection) => received.errors.push(rejection),
    ...options,
  });
  try {
    await body(server.port, received);
  } finally {
    await server.close();
  }
}

async function connect(port: number): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

/** Resolves when the server has closed the connection (end or reset). */
function closedByServer(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
  });
}

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) assert.fail('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('CoT XML and TAK protobuf streamed in pieces over loopback reach ingest whole', async () => {
  await withServer({}, async (port, received) => {
    const socket = await connect(port);
    const stream = Buffer.concat([bytesOf(cotEvent({ uid: 'X1' })), frameStream(encodeTakMessage(takEvent({ uid: 'P1' })))]);
    for (let at = 0; at < stream.length; at += 37) {
      socket.write(stream.subarray(at, at + 37));
      await new Promise((r) => setTimeout(r, 1));
    }
    await until(() => received.messages.length === 2);
    socket.destroy();
    const ingest = new DroneIngest({ now: () => NOW });
    const uids = received.messages.map((m) => {
      const result = ingest.ingest(m.format as 'cot' | 'tak-protobuf', m.bytes, { sensor: `tcp:${m.remote}` });
      assert.ok(result.ok);
      return result.detections[0]!.uid;
    });
    assert.deepEqual(uids, ['X1', 'P1']);
    assert.match(received.messages[0]!.remote, /^127\.0\.0\.1:\d+$/);
  });
});

test('a connection sending an oversized message is closed', async () => {
  await withServer({}, async (port, received) => {
    const socket = await connect(port);
    const closed = closedByServer(socket);
    socket.write(bytesOf(`<event><remarks>${'x'.repeat(70_000)}`));
    await closed;
    assert.equal(received.errors[0]?.reason, 'too-large');
  });
});

test('a connection sending a DOCTYPE or garbage is closed', async () => {
  await withServer({}, async (port, received) => {
    const a = await connect(port);
    const closedA = closedByServer(a);
    a.write(bytesOf('<!DOCTYPE lolz [<!ENTITY lol "lol">]>'));
    await closedA;
    const b = await connect(port);
    const closedB = closedByServer(b);
    b.write(bytesOf('GET / HTTP/1.1\r\n\r\n'));
    await closedB;
    assert.deepEqual(
      received.errors.map((e) => e.reason),
      ['doctype', 'stream-garbage'],
    );
  });
});

test('an idle connection is closed after the timeout', async () => {
  await withServer({ idleTimeoutMs: 100 }, async (port) => {
    const socket = await connect(port);
    const started = Date.now();
    await closedByServer(socket);
    assert.ok(Date.now() - started >= 80);
  });
});

test('connections past the cap are refused while the first ones stay served', async () => {
  await withServer({ maxConnections: 2 }, async (port, received) => {
    const a = await connect(port);
    const b = await connect(port);
    await new Promise((r) => setTimeout(r, 50));
    const c = await connect(port);
    await closedByServer(c);
    a.write(bytesOf(cotEvent({ uid: 'still-served' })));
    await until(() => received.messages.length === 1);
    a.destroy();
    b.destroy();
  });
});

test('a consumer that throws does not take the connection down', async () => {
  let calls = 0;
  await withServer(
    {
      onMessage: () => {
        calls++;
        throw new Error('boom');
      },
    },
    async (port, received) => {
      const socket = await connect(port);
      socket.write(bytesOf(cotEvent() + cotEvent()));
      await until(() => calls === 2);
      assert.deepEqual(
        received.errors.map((e) => e.reason),
        ['internal', 'internal'],
      );
      socket.destroy();
    },
  );
});

test('close() ends open connections and frees the port', async () => {
  const server = await startTakTcpServer({ host: '127.0.0.1', port: 0, onMessage: () => {} });
  const socket = await connect(server.port);
  const closed = closedByServer(socket);
  await server.close();
  await closed;
  const probe = net.connect(server.port, '127.0.0.1');
  const [error] = (await once(probe, 'error')) as [NodeJS.ErrnoException];
  assert.equal(error.code, 'ECONNREFUSED');
});
