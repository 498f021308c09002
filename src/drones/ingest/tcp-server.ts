/**
 * The plain-TCP listener TAK clients stream CoT to (ATAK/WinTAK "TCP" inputs, conventionally
 * port 8087). It only frames: each message goes to `onMessage` for ingest to judge. A connection
 * that sends something the splitter refuses (oversized, a DOCTYPE, bytes that start no message)
 * is closed, since its framing can no longer be trusted; idle connections and connections past
 * the cap are closed too, so a feed cannot hold the node's sockets.
 */
import net from 'node:net';
import type { IngestRejection } from '../model.js';
import { rejection } from './model.js';
import { TakStreamSplitter } from './stream.js';

export interface TakTcpServerOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  maxConnections?: number;
  idleTimeoutMs?: number;
  onMessage: (format: 'cot' | 'tak-protobuf', bytes: Uint8Array, remote: string) => void;
  onError?: (rejection: IngestRejection, remote: string) => void;
}

export interface TakTcpServer {
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_MAX_CONNECTIONS = 256;
export const DEFAULT_IDLE_TIMEOUT_MS = 5 * 60_000;

export function startTakTcpServer(opts: TakTcpServerOptions): Promise<TakTcpServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // Resets and write errors end the connection; they must not crash the node.
    socket.on('error', () => socket.destroy());
    socket.setTimeout(opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, () => socket.destroy());
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    const splitter = new TakStreamSplitter();
    socket.on('data', (chunk: Buffer) => {
      for (const item of splitter.push(chunk)) {
        if ('error' in item) {
          opts.onError?.(item.error, remote);
          socket.destroy();
          return;
        }
        try {
          opts.onMessage(item.format, item.bytes, remote);
        } catch (caught) {
          // The consumer's fault, not the sender's: report it and keep the connection.
          opts.onError?.(rejection(item.format, 'internal', { detail: caught instanceof Error ? caught.message : String(caught) }), remote);
        }
      }
    });
  });
  server.maxConnections = opts.maxConnections ?? DEFAULT_MAX_CONNECTIONS;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : opts.port;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
