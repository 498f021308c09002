import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { forEachNodeBackend, startTestNode, type TestNode } from '../test-support/nodes.js';
import { removeTempDir, tempDir } from '../test-support/stores.js';
import { CONTENT_SECURITY_POLICY } from './http.js';
import { consoleClient, fakeConsoleBuild, ok, signedIn, type Json } from './testing.js';

forEachNodeBackend('console pages', (backend) => {
  let node: TestNode;
  let dir: string;
  before(async () => {
    dir = fakeConsoleBuild();
    node = await startTestNode({ name: 'us', country: 'US', backend, console: { dir } });
  });
  after(async () => {
    await node.close();
    removeTempDir(join(dir, '..'));
  });

  it('serves the console at /console/ with a policy that keeps it to its own origin', async () => {
    const r = await consoleClient(node).get('/console/');
    assert.equal(r.status, 200);
    assert.match(String(r.headers.get('content-type')), /^text\/html/);
    assert.match(r.text, /<div id="root">/);
    const csp = String(r.headers.get('content-security-policy'));
    assert.equal(csp, CONTENT_SECURITY_POLICY);
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('x-frame-options'), 'DENY');
    assert.equal(r.headers.get('cache-control'), 'no-cache');
  });

  it('answers every page path with index.html so the browser can route it', async () => {
    for (const path of [
      '/console',
      '/console/intelligence',
      '/console/objects/indicator--7c0d1b8e-2a3f-4f4e-9b1a-5c6d7e8f9a0b',
      '/console/audit?peer=mx',
      '/console/index.html',
    ]) {
      const r = await consoleClient(node).get(path);
      assert.equal(r.status, 200, path);
      assert.match(r.text, /<div id="root">/, path);
      assert.ok(r.headers.get('content-security-policy'), path);
    }
  });

  it('serves hashed assets for a year, and neither missing assets nor server code as pages', async () => {
    const js = await consoleClient(node).get('/console/assets/app-1a2b.js');
    assert.equal(js.status, 200);
    assert.match(String(js.headers.get('content-type')), /javascript/);
    assert.match(String(js.headers.get('cache-control')), /max-age=31536000/);
    assert.match(String(js.headers.get('cache-control')), /immutable/);
    const icon = await consoleClient(node).get('/console/favicon.svg');
    assert.equal(icon.status, 200);
    assert.match(String(icon.headers.get('content-type')), /svg/);
    const missing = await consoleClient(node).get('/console/assets/gone-0000.js');
    assert.equal(missing.status, 404);
    for (const path of ['/console/sessions.js', '/console/..%2f..%2fpackage.json', '/console/assets/../sessions.js', '/console/.env']) {
      const r = await consoleClient(node).get(path);
      assert.ok(!r.text.includes('secret'), `${path} must not serve server code`);
      assert.ok(r.status === 200 ? r.text.includes('<div id="root">') : r.status >= 400 && r.status < 500, `${path}: ${r.status}`);
    }
  });

  it('sends the brotli copy the build made of an asset to a browser that accepts it, the plain file otherwise', async () => {
    const br = await consoleClient(node).get('/console/assets/app-1a2b.js', { 'accept-encoding': 'br, gzip' });
    assert.equal(br.status, 200);
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(br.text, 'console.log("enlace")');
    assert.match(String(br.headers.get('vary')), /accept-encoding/i);
    const plain = await consoleClient(node).get('/console/assets/app-1a2b.js', { 'accept-encoding': 'identity' });
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(plain.text, 'console.log("enlace")');
  });

  it('redirects / to the console, and keeps unknown API paths as JSON errors', async () => {
    const r = await consoleClient(node).get('/');
    assert.equal(r.status, 302);
    assert.equal(r.headers.get('location'), '/console/');
    const c = await signedIn(node, 'analyst');
    const unknown = await c.get('/console/api/nothing-here');
    assert.equal(unknown.status, 404);
    assert.equal((unknown.json as Json).error_code, 'http.not-found');
    assert.equal((await consoleClient(node).get('/console/api/nothing-here')).status, 401);
  });
});

forEachNodeBackend('console not built', (backend) => {
  let node: TestNode;
  let dir: string;
  before(async () => {
    dir = tempDir('console-missing');
    node = await startTestNode({ name: 'us', country: 'US', backend, console: { dir: join(dir, 'nothing-built-here') } });
  });
  after(async () => {
    await node.close();
    removeTempDir(dir);
  });

  it('says in both languages how to build the console, and keeps its API working', async () => {
    const page = await consoleClient(node).get('/console/', { accept: 'text/html' });
    assert.equal(page.status, 503);
    assert.match(String(page.headers.get('content-type')), /^text\/html/);
    assert.match(page.text, /npm run build/);
    assert.match(page.text, /The web console is not built/);
    assert.match(page.text, /La consola web no está compilada/);
    assert.ok(page.headers.get('content-security-policy'));
    const json = await consoleClient(node).get('/console/intelligence');
    assert.equal(json.status, 503);
    const body = json.json as Json;
    assert.equal(body.error_code, 'console.not-built');
    assert.match(String(body.title), /npm run build/);
    assert.match(String(body.description), /npm run build/);
    assert.notEqual(body.title, body.description);
    ok(await (await signedIn(node, 'analyst')).get('/console/api/objects'));
  });
});
