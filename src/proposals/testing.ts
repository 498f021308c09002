/**
 * Helpers shared by the proposal tests (not used by the node): a U.S. and a Mexico node pinned to
 * each other, a U.S. object the Mexico node already holds, and the proposal API as each account
 * calls it.
 */
import assert from 'node:assert/strict';
import { indicator, postObjects, type SampleObject } from '../sync/testing.js';
import { pinPeers, startTestNode, taxiiClient, type Backend, type HttpResult, type TestNode } from '../test-support/nodes.js';

export const PROPOSALS = '/api/v1/proposals';

export interface ProposalScene {
  us: TestNode;
  mx: TestNode;
  /** Posts a GREEN U.S. indicator and syncs it to the Mexico node. */
  usObject(name: string, extra?: Record<string, unknown>): Promise<SampleObject>;
  /** One sync pass between the two nodes (pull and push both ways). */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export async function startProposalScene(backend: Backend): Promise<ProposalScene> {
  const us = await startTestNode({ name: 'us', country: 'US', backend });
  const mx = await startTestNode({ name: 'mx', country: 'MX', backend });
  await pinPeers(us, mx);
  const sync = async () => {
    const [report] = await mx.engine.syncNow('us');
    assert.equal(report?.ok, true, `sync mx ↔ us failed: ${report?.error ?? 'no report'}`);
  };
  return {
    us,
    mx,
    sync,
    async usObject(name, extra = {}) {
      const o = { ...indicator({ name, tlp: 'green' }), ...extra };
      assert.equal((await postObjects(us, [o])).success_count, 1);
      await sync();
      return o;
    },
    async close() {
      await us?.close();
      await mx?.close();
    },
  };
}

/** The proposal API of `node` as `username` (null: nobody signed in), with JSON bodies. */
export function proposalApi(node: TestNode, username: string | null, lang?: string) {
  const client = taxiiClient(node, username);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(lang ? { 'accept-language': lang } : {}) };
  const send = (path: string, body: unknown): Promise<HttpResult> =>
    client.request('POST', path, { body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body), headers });
  return {
    list: (query = '') => client.get(`${PROPOSALS}${query}`, lang ? { 'accept-language': lang } : undefined),
    propose: (body: unknown) => send(PROPOSALS, body),
    decide: (id: string, body: unknown) => send(`${PROPOSALS}/${encodeURIComponent(id)}/decision`, body),
    send,
  };
}

export type Json = Record<string, unknown>;

/** The JSON object of a 2xx answer; fails the test with the answer otherwise. */
export function ok(r: HttpResult, status = 200): Json {
  assert.equal(r.status, status, `expected ${status}, got ${r.status}: ${r.text.slice(0, 500)}`);
  return r.json as Json;
}
