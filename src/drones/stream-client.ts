/**
 * Follows a node's live drone stream (server-sent events) from Node.js, as the console does in the
 * browser: the demo and the benchmark watch alerts arrive with it.
 */
import type { StreamEvent } from './model.js';

export interface StreamFollower {
  /** Resolves once the node has answered and events flow. */
  ready: Promise<void>;
  close(): void;
}

/** `arrivedAt`: when this reader got it; `sentAt`: when the node wrote it (its `: sent` comment), else arrivedAt. */
export function followStream(
  url: string,
  authorization: string,
  onEvent: (e: StreamEvent, arrivedAt: number, sentAt: number) => void,
  /** Only these event types are parsed and handed on (track updates are large and frequent). */
  types?: ReadonlyArray<StreamEvent['type']>,
): StreamFollower {
  const abort = new AbortController();
  const ready = (async () => {
    const res = await fetch(`${url}/api/v1/drones/stream`, {
      headers: { authorization, accept: 'text/event-stream' },
      signal: abort.signal,
    });
    if (!res.ok || !res.body) throw new Error(`the drone stream of ${url} answered ${res.status}`);
    const body = res.body;
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
          const arrivedAt = Date.now();
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const lines = block.split('\n');
            const type = lines
              .find((l) => l.startsWith('event:'))
              ?.slice(6)
              .trim();
            if (types && !types.includes(type as StreamEvent['type'])) continue;
            const data = lines
              .filter((l) => l.startsWith('data:'))
              .map((l) => l.slice(5).trimStart())
              .join('\n');
            const sent = Number(/^: sent (\d+)$/.exec(lines.find((l) => l.startsWith(': sent ')) ?? '')?.[1] ?? arrivedAt);
            if (data) onEvent(JSON.parse(data) as StreamEvent, arrivedAt, sent);
          }
        }
      } catch {
        // closed
      }
    })();
  })();
  return { ready, close: () => abort.abort() };
}

export const basicAuth = (username: string, password: string): string =>
  'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
