/**
 * TEST HELPER — not for production paths. What the TAXII 2.1 conformance tests share: object
 * builders, HTTP helpers that speak only what the specification defines (plus node-signed requests
 * for the partner view), and assertions on TAXII resources.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { signRequest } from '../crypto/index.js';
import { TLP2_MARKING_IDS, type StixObject, type TlpLevel } from '../stix/index.js';
import type { HttpResult, TestNode } from '../test-support/nodes.js';
import { readResult, type taxiiClient } from '../test-support/nodes.js';

/** The media type of TAXII 2.1 resources, exactly as section 1.6.8 of the specification writes it. */
export const TAXII = 'application/taxii+json;version=2.1';
export const STIX = 'application/stix+json;version=2.1';
/** A STIX timestamp with microseconds, as `date_added` and the X-TAXII-Date-Added-* headers carry. */
export const MICROSECOND_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export type Client = ReturnType<typeof taxiiClient>;
export type Json = Record<string, unknown>;

/** Path of a collection endpoint on the node's API root, e.g. `objects/` or `manifest/?limit=2`. */
export function at(node: TestNode, suffix = '', collectionId = node.collectionId): string {
  return `/enlace/collections/${collectionId}/${suffix}`;
}

/** The body as a JSON object; fails the test when it is anything else. */
export function body(r: HttpResult): Json {
  assert.ok(
    typeof r.json === 'object' && r.json !== null && !Array.isArray(r.json),
    `expected a JSON object, got ${r.status} ${r.text.slice(0, 300)}`,
  );
  return r.json as Json;
}

/** The `objects` of an envelope (an absent list is an empty one, section 3.7). */
export function objectsOf(r: HttpResult): Json[] {
  const list = body(r).objects;
  if (list === undefined) return [];
  assert.ok(Array.isArray(list), '"objects" is a list');
  return list as Json[];
}

export function idsOf(r: HttpResult): string[] {
  return objectsOf(r).map((o) => String(o.id));
}

/** Fails unless the response carries exactly the TAXII 2.1 media type. */
export function assertTaxiiType(r: HttpResult): void {
  assert.equal(r.headers.get('content-type'), TAXII, 'Content-Type is the TAXII 2.1 media type');
}

/**
 * Fails unless the response is a TAXII error message resource (section 3.6.1) with this status:
 * a title, `http_status` as a string, an `error_code`, the TAXII media type, and no object data.
 */
export function assertTaxiiError(r: HttpResult, status: number, errorCode?: string): Json {
  assert.equal(r.status, status, `expected ${status}, got ${r.status}: ${r.text.slice(0, 300)}`);
  assertTaxiiType(r);
  const e = body(r);
  assert.equal(typeof e.title, 'string');
  assert.ok((e.title as string).length > 0, 'the title says what went wrong');
  assert.equal(e.http_status, String(status), 'http_status is the status code as a string');
  assert.equal(typeof e.error_code, 'string');
  if (errorCode !== undefined) assert.equal(e.error_code, errorCode);
  for (const key of ['objects', 'versions', 'collections', 'more', 'next']) assert.ok(!(key in e), `an error carries no "${key}"`);
  return e;
}

const T0 = '2026-01-01T00:00:00.000Z';

export interface ObjectOptions {
  id?: string;
  created?: string;
  modified?: string;
  name?: string;
  tlp?: TlpLevel;
  markingRefs?: string[];
}

function common(type: string, o: ObjectOptions): StixObject {
  const created = o.created ?? T0;
  const refs = o.markingRefs ?? (o.tlp ? [TLP2_MARKING_IDS[o.tlp]] : undefined);
  return {
    type,
    spec_version: '2.1',
    id: o.id ?? `${type}--${randomUUID()}`,
    created,
    modified: o.modified ?? created,
    ...(refs ? { object_marking_refs: refs } : {}),
  };
}

/** A valid, unsigned malware SDO with a fresh id. */
export function newMalware(o: ObjectOptions = {}): StixObject {
  return { ...common('malware', o), name: o.name ?? 'Test sample', is_family: false };
}

/** A valid, unsigned indicator SDO with a fresh id. */
export function newIndicator(o: ObjectOptions = {}): StixObject {
  return {
    ...common('indicator', o),
    name: o.name ?? 'Test indicator',
    pattern: "[ipv4-addr:value = '198.51.100.7']",
    pattern_type: 'stix',
    valid_from: T0,
  };
}

/** A later version of an object: same id, `modified` set to the given time, a changed name. */
export function newVersion(obj: StixObject, modified: string): StixObject {
  const copy: StixObject = { ...obj, modified, name: `${String(obj.name ?? obj.type)} (${modified})` };
  delete copy.extensions;
  return copy;
}

/** POSTs an envelope and returns the response and its status resource. */
export async function postObjects(
  client: Client,
  node: TestNode,
  objects: unknown[],
  collectionId?: string,
): Promise<{ r: HttpResult; status: Json }> {
  const r = await client.post(at(node, 'objects/', collectionId), { objects });
  assert.equal(r.status, 202, `POST answered ${r.status}: ${r.text.slice(0, 300)}`);
  return { r, status: body(r) };
}

/** Follows `next` from a first page to the end; returns every page. */
export async function allPages(client: Pick<Client, 'get'>, path: string, maxPages = 200): Promise<HttpResult[]> {
  const pages: HttpResult[] = [];
  let r = await client.get(path);
  for (;;) {
    assert.equal(r.status, 200, `page ${pages.length + 1}: ${r.status} ${r.text.slice(0, 300)}`);
    pages.push(r);
    const env = body(r);
    if (env.more !== true) return pages;
    assert.equal(typeof env.next, 'string', 'more:true comes with a next token');
    assert.ok(pages.length < maxPages, 'paging ends');
    r = await client.get(`${path}${path.includes('?') ? '&' : '?'}next=${encodeURIComponent(env.next as string)}`);
  }
}

/** A fresh query string from pairs (brackets and commas encoded as a careful client would). */
export function query(pairs: Record<string, string>): string {
  return '?' + new URLSearchParams(pairs).toString();
}

/** Replaces one character in the middle of a text: a tampered token. */
export function tamper(text: string, at = Math.floor(text.length / 3)): string {
  const c = text[at] === 'A' ? 'B' : 'A';
  return text.slice(0, at) + c + text.slice(at + 1);
}

/** A request signed with a node's key (RFC 9421), as a partner node sends it. */
export async function peerRequest(
  from: TestNode,
  to: TestNode,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  bodyText?: string,
): Promise<HttpResult> {
  const url = to.url + path;
  const headers: Record<string, string> = { accept: TAXII };
  if (bodyText !== undefined) headers['content-type'] = TAXII;
  const signed = signRequest({
    method,
    url,
    headers,
    body: bodyText,
    keyId: from.ctx.identity.fingerprint,
    privateKey: from.ctx.privateKey,
  });
  return sendSigned(url, method, { ...headers, ...signed }, bodyText);
}

/** Sends a request with headers as given (e.g. a signature made for another request) and reads the answer. */
export async function sendSigned(url: string, method: string, headers: Record<string, string>, bodyText?: string): Promise<HttpResult> {
  return readResult(await fetch(url, { method, headers, body: bodyText }));
}

export interface RawResponse {
  /** Status codes of the responses read from the connection, in order. */
  statuses: number[];
  /** Everything the server wrote. */
  text: string;
}

/**
 * Writes bytes to the node over a bare TCP connection, so that headers fetch would add or fix
 * (Accept, Content-Length) are exactly what the test says; reads until the server closes or idles.
 */
export function rawExchange(node: TestNode, chunks: (string | Buffer)[], idleMs = 1500): Promise<RawResponse> {
  const { port } = new URL(node.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    const received: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(received).toString('utf8');
      const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
      resolve({ statuses, text });
    };
    const idle = () => {
      clearTimeout(timer);
      timer = setTimeout(finish, idleMs);
    };
    socket.on('data', (d: Buffer) => {
      received.push(d);
      idle();
    });
    socket.on('close', finish);
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? finish() : reject(e)));
    socket.on('connect', () => {
      idle();
      const write = (i: number): void => {
        const chunk = chunks[i];
        if (chunk === undefined || socket.destroyed) return;
        if (socket.write(chunk)) write(i + 1);
        else socket.once('drain', () => write(i + 1));
      };
      write(0);
    });
  });
}

/** The Basic credentials of a test account. */
export function basic(username: string, password = `${username}-password`): string {
  return 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
}
