import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { CryptoError } from './errors.js';
import { buildSignatureBase, prepareMessage } from './http-message.js';
import { checkContentDigest, contentDigest, signRequest, verifyRequest, type SignableRequest } from './http-signature.js';
import { NonceCache } from './nonce-cache.js';
import { parseDictionary, serializeInnerList, type InnerList } from './structured-fields.js';
import { testSigner } from './test-keys.js';

const node = testSigner();
const other = testSigner();
const keys = new Map<string, KeyObject>([
  [node.fingerprint, node.publicKey],
  [other.fingerprint, other.publicKey],
]);
const resolveKey = (id: string) => keys.get(id) ?? null;
const CREATED = 1_760_000_000;

function request(overrides: Partial<SignableRequest> = {}): SignableRequest {
  return {
    method: 'POST',
    url: 'https://mx.enlace.example:8443/taxii2/api1/collections/abc/objects/?added_after=2026-01-01T00:00:00Z',
    headers: { 'Content-Type': 'application/taxii+json;version=2.1', Accept: 'application/taxii+json;version=2.1' },
    body: '{"objects":[{"type":"indicator","name":"ñ"}]}',
    ...overrides,
  };
}

/** Signs `req` and returns the request as the receiver sees it (signature headers added). */
function signed(req: SignableRequest = request(), nonce = 'nonce-1'): SignableRequest {
  const added = signRequest({ ...req, keyId: node.fingerprint, privateKey: node.privateKey, created: CREATED, nonce });
  return { ...req, headers: { ...req.headers, ...added } };
}

function check(req: SignableRequest, extra: { now?: number; seenNonce?: (n: string) => boolean } = {}) {
  return verifyRequest(req, { resolveKey, now: CREATED + 5, ...extra });
}

function codeOf(result: ReturnType<typeof verifyRequest>): string {
  return result.ok ? 'ok' : result.code;
}

function withHeader(req: SignableRequest, name: string, value: string | undefined): SignableRequest {
  return { ...req, headers: { ...req.headers, [name]: value } };
}

describe('RFC 9421 Appendix B.2.6 (ed25519, test-key-ed25519)', () => {
  const privateKey = createPrivateKey(
    '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n',
  );
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: 'JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs' },
    format: 'jwk',
  });
  const message = {
    method: 'POST',
    url: 'https://example.com/foo?param=Value&Pet=dog',
    headers: {
      Host: 'example.com',
      Date: 'Tue, 20 Apr 2021 02:07:55 GMT',
      'Content-Type': 'application/json',
      'Content-Digest': 'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
      'Content-Length': '18',
    },
  };
  const signatureInput =
    'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"';
  const publishedSignature = 'wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==';
  const expectedBase = [
    '"date": Tue, 20 Apr 2021 02:07:55 GMT',
    '"@method": POST',
    '"@path": /foo',
    '"@authority": example.com',
    '"content-type": application/json',
    '"content-length": 18',
    '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
  ].join('\n');

  const list = parseDictionary(signatureInput).get('sig-b26') as InnerList;
  const covered = list.items.map((i) => String(i.value.value));
  const base = buildSignatureBase(prepareMessage(message), covered, serializeInnerList(list));

  it('builds the signature base exactly as published', () => {
    assert.equal(base, expectedBase);
  });

  it('reproduces the published signature (Ed25519 is deterministic) and verifies it', () => {
    assert.equal(sign(null, Buffer.from(base, 'ascii'), privateKey).toString('base64'), publishedSignature);
    assert.equal(verify(null, Buffer.from(base, 'ascii'), publicKey, Buffer.from(publishedSignature, 'base64')), true);
  });

  it('matches the RFC example body against its sha-512 Content-Digest', () => {
    assert.equal(checkContentDigest(message.headers['Content-Digest'], '{"hello": "world"}'), null);
    assert.match(checkContentDigest(message.headers['Content-Digest'], '{"hello": "world!"}') ?? '', /sha-512 does not match/);
  });

  it('is refused by Enlace policy: it does not cover @target-uri', () => {
    const relabelled = {
      ...message,
      body: '{"hello": "world"}',
      headers: {
        ...message.headers,
        'Signature-Input': signatureInput.replace('sig-b26', 'enlace'),
        Signature: `enlace=:${publishedSignature}:`,
      },
    };
    const result = verifyRequest(relabelled, { resolveKey: () => publicKey, now: 1618884473 });
    assert.equal(codeOf(result), 'missing-component');
  });
});

describe('Content-Digest (RFC 9530)', () => {
  it('computes sha-256 as in RFC 9530 Appendix B', () => {
    assert.equal(contentDigest('{"hello": "world"}\n'), 'sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:');
    assert.equal(contentDigest(Buffer.from('{"hello": "world"}\n')), 'sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:');
  });

  it('refuses missing, unknown-only, malformed or mismatching digests', () => {
    assert.notEqual(checkContentDigest(undefined, 'x'), null);
    assert.match(checkContentDigest('md5=:AAAA:', 'x') ?? '', /no sha-256/);
    assert.match(checkContentDigest('sha-256=1', 'x') ?? '', /not a byte sequence/);
    assert.match(checkContentDigest('sha-256=:%%:', 'x') ?? '', /structured field/);
    assert.match(checkContentDigest(contentDigest('a'), 'b') ?? '', /does not match/);
    assert.equal(checkContentDigest(`${contentDigest('a')}, unknown=:AAAA:`, 'a'), null);
  });
});

describe('signRequest / verifyRequest', () => {
  it('round-trips a POST with body and a GET without', () => {
    const post = signed();
    assert.deepEqual(check(post), { ok: true, keyId: node.fingerprint, created: CREATED, nonce: 'nonce-1' });
    const input = String(post.headers['Signature-Input']);
    assert.equal(
      input,
      `enlace=("@method" "@target-uri" "content-digest" "content-type");created=${CREATED};keyid="${node.fingerprint}";alg="ed25519";nonce="nonce-1"`,
    );
    assert.match(String(post.headers.Signature), /^enlace=:[A-Za-z0-9+/]{86}==:$/);
    assert.equal(post.headers['Content-Digest'], contentDigest(String(request().body)));

    const get = signed({ method: 'GET', url: 'https://us.enlace.example/taxii2/', headers: {} });
    assert.equal(String(get.headers['Signature-Input']).startsWith('enlace=("@method" "@target-uri");'), true);
    assert.equal(get.headers['Content-Digest'], undefined);
    assert.equal(check(get).ok, true);
  });

  it('accepts what the server sees: lower-case names, array values, default port, fetch-style method', () => {
    const req = signed(request({ url: 'https://us.enlace.example:443/a/b?x=1#frag' }));
    const lower = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const seen = {
      ...req,
      method: 'post',
      url: 'https://US.enlace.example/a/b?x=1',
      headers: { ...lower, accept: ['application/taxii+json;version=2.1'] },
    };
    assert.equal(codeOf(check(seen)), 'ok');
  });

  it('detects tampering with each covered part', () => {
    const req = signed();
    const body = String(req.body);
    const tampered: Array<[string, SignableRequest, string]> = [
      ['method', { ...req, method: 'PUT' }, 'bad-signature'],
      ['path', { ...req, url: String(req.url).replace('/abc/', '/abd/') }, 'bad-signature'],
      ['query', { ...req, url: String(req.url).replace('2026', '2025') }, 'bad-signature'],
      ['host', { ...req, url: String(req.url).replace('mx.', 'us.') }, 'bad-signature'],
      ['scheme', { ...req, url: String(req.url).replace('https:', 'http:') }, 'bad-signature'],
      ['body', { ...req, body: body.replace('ñ', 'n') }, 'digest-mismatch'],
      ['body removed', { ...req, body: undefined }, 'digest-mismatch'],
      ['body and digest', withHeader({ ...req, body: '{}' }, 'Content-Digest', contentDigest('{}')), 'bad-signature'],
      ['content-type', withHeader(req, 'Content-Type', 'application/json'), 'bad-signature'],
      ['content-type removed', withHeader(req, 'Content-Type', undefined), 'missing-component'],
      [
        'created',
        withHeader(req, 'Signature-Input', String(req.headers['Signature-Input']).replace(`created=${CREATED}`, `created=${CREATED + 1}`)),
        'bad-signature',
      ],
      ['nonce', withHeader(req, 'Signature-Input', String(req.headers['Signature-Input']).replace('nonce-1', 'nonce-2')), 'bad-signature'],
      [
        'keyid',
        withHeader(req, 'Signature-Input', String(req.headers['Signature-Input']).replace(node.fingerprint, other.fingerprint)),
        'bad-signature',
      ],
      [
        'unknown keyid',
        withHeader(req, 'Signature-Input', String(req.headers['Signature-Input']).replace(node.fingerprint, 'f'.repeat(64))),
        'unknown-key',
      ],
      [
        'signature',
        withHeader(
          req,
          'Signature',
          String(req.headers.Signature).replace(/:(.)/, (_, c: string) => `:${c === 'A' ? 'B' : 'A'}`),
        ),
        'bad-signature',
      ],
    ];
    for (const [what, r, expected] of tampered) assert.equal(codeOf(check(r)), expected, what);
  });

  it('requires coverage of content-type when one is present and of content-digest with a body', () => {
    const unsignedType = signed(request({ headers: {} }));
    assert.equal(codeOf(check(withHeader(unsignedType, 'content-type', 'text/plain'))), 'missing-component');
    const get = signed({ method: 'GET', url: 'https://us.enlace.example/x', headers: {} });
    assert.equal(codeOf(check({ ...get, body: 'smuggled' })), 'missing-component');
    const dropped = withHeader(signed(), 'Signature-Input', String(signed().headers['Signature-Input']).replace(' "@target-uri"', ''));
    assert.equal(codeOf(check(dropped)), 'missing-component');
  });

  it('rejects a replayed nonce, but a forged request does not burn it', () => {
    const cache = new NonceCache();
    const req = signed();
    assert.equal(codeOf(check({ ...req, method: 'PUT' }, { seenNonce: cache.seen })), 'bad-signature');
    assert.equal(codeOf(check(req, { seenNonce: cache.seen })), 'ok');
    assert.equal(codeOf(check(req, { seenNonce: cache.seen })), 'replayed');
    assert.equal(codeOf(check(signed(request(), 'nonce-2'), { seenNonce: cache.seen })), 'ok');
  });

  it('accepts created only within the skew window', () => {
    const req = signed();
    assert.equal(codeOf(check(req, { now: CREATED + 300 })), 'ok');
    assert.equal(codeOf(check(req, { now: CREATED + 301 })), 'expired');
    assert.equal(codeOf(check(req, { now: CREATED - 300 })), 'ok');
    assert.equal(codeOf(check(req, { now: CREATED - 301 })), 'expired');
    assert.equal(codeOf(verifyRequest(req, { resolveKey, now: CREATED + 50, maxSkewSeconds: 30 })), 'expired');
    assert.equal(codeOf(check(req, { now: Number.NaN })), 'expired', 'a broken clock fails closed');
    assert.equal(codeOf(verifyRequest(req, { resolveKey, now: CREATED, maxSkewSeconds: Number.NaN })), 'expired');
    const expiring = withHeader(req, 'Signature-Input', `${String(req.headers['Signature-Input'])};expires=${CREATED + 1}`);
    assert.equal(codeOf(check(expiring, { now: CREATED + 2 })), 'expired');
  });

  it('reports missing signatures', () => {
    assert.equal(codeOf(check(request())), 'missing-signature');
    const req = signed();
    assert.equal(codeOf(check(withHeader(req, 'Signature', undefined))), 'missing-signature');
    const relabelled = withHeader(req, 'Signature-Input', String(req.headers['Signature-Input']).replace('enlace=', 'other='));
    assert.equal(codeOf(check(relabelled)), 'missing-signature');
  });

  it('refuses hostile or malformed headers cleanly, never throwing', () => {
    const req = signed();
    const input = String(req.headers['Signature-Input']);
    const cases: Array<[string, string, string]> = [
      ['Signature-Input', 'x'.repeat(200_000), 'malformed-signature'],
      ['Signature-Input', 'enlace=', 'malformed-signature'],
      ['Signature-Input', 'enlace="not a list"', 'malformed-signature'],
      ['Signature-Input', Array.from({ length: 40 }, (_, i) => `l${i}=()`).join(', '), 'malformed-signature'],
      ['Signature-Input', `${input}, enlace=()`, 'malformed-signature'],
      ['Signature-Input', input.replace('"@method"', '"@method";sf'), 'malformed-signature'],
      ['Signature-Input', input.replace('"@method"', '"@method" "@method"'), 'malformed-signature'],
      ['Signature-Input', input.replace(')', ' "@status")'), 'malformed-signature'],
      ['Signature-Input', input.replace(')', ' "Accept")'), 'malformed-signature'],
      ['Signature-Input', input.replace(')', ' "x-absent")'), 'missing-component'],
      ['Signature-Input', input.replace('"ed25519"', '"rsa-pss-sha512"'), 'malformed-signature'],
      ['Signature-Input', input.replace(`created=${CREATED}`, 'created=1.5'), 'malformed-signature'],
      ['Signature-Input', input.replace(`created=${CREATED}`, 'created="now"'), 'malformed-signature'],
      ['Signature-Input', input.replace(`created=${CREATED}`, 'created=-5'), 'malformed-signature'],
      ['Signature-Input', input.replace(';nonce="nonce-1"', ''), 'malformed-signature'],
      ['Signature-Input', input.replace('"nonce-1"', `"${'n'.repeat(300)}"`), 'malformed-signature'],
      ['Signature-Input', input.replace('"nonce-1"', '"ñ"'), 'malformed-signature'],
      ['Signature', 'enlace=:AAAA:', 'malformed-signature'],
      ['Signature', 'enlace="text"', 'malformed-signature'],
      ['Signature', 'enlace=:!!:', 'malformed-signature'],
      ['Signature', '', 'malformed-signature'],
    ];
    for (const [name, value, expected] of cases) {
      assert.equal(codeOf(check(withHeader(req, name, value))), expected, `${name}: ${value.slice(0, 60)}`);
    }
    assert.equal(codeOf(check({ ...req, url: '/relative' })), 'malformed-signature');
    assert.equal(codeOf(check({ ...req, method: 'BAD METHOD' })), 'malformed-signature');
    const newline = signed(request({ headers: { 'Content-Type': 'a' } }));
    assert.equal(codeOf(check(withHeader(newline, 'Content-Type', 'a\r\n"@method": GET'))), 'malformed-signature');
  });

  it('never throws on random header values', () => {
    const req = signed();
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), fc.string({ maxLength: 300 }), (input, signature) => {
        const result = check({ ...req, headers: { ...req.headers, 'Signature-Input': input, Signature: signature } });
        assert.equal(result.ok, false);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses to sign with a bad key, URL or parameter', () => {
    const codeOfThrow = (fn: () => unknown): string => {
      try {
        fn();
      } catch (e) {
        assert.ok(e instanceof CryptoError);
        return e.code;
      }
      return 'no error';
    };
    const base = { ...request(), keyId: node.fingerprint, privateKey: node.privateKey };
    assert.equal(
      codeOfThrow(() => signRequest({ ...base, privateKey: node.publicKey })),
      'signer-invalid',
    );
    assert.equal(
      codeOfThrow(() => signRequest({ ...base, url: '/relative' })),
      'request-invalid',
    );
    assert.equal(
      codeOfThrow(() => signRequest({ ...base, keyId: 'a\nb' })),
      'request-invalid',
    );
    assert.equal(
      codeOfThrow(() => signRequest({ ...base, nonce: '' })),
      'request-invalid',
    );
    assert.equal(
      codeOfThrow(() => signRequest({ ...base, created: 1.5 })),
      'request-invalid',
    );
    assert.equal(
      codeOfThrow(() => signRequest({ ...base, headers: { 'Content-Type': 'ü' } })),
      'request-invalid',
    );
  });

  it('defaults created to now and the nonce to fresh randomness', () => {
    const a = signRequest({ ...request(), keyId: node.fingerprint, privateKey: node.privateKey });
    const b = signRequest({ ...request(), keyId: node.fingerprint, privateKey: node.privateKey });
    assert.notEqual(a['Signature-Input'], b['Signature-Input']);
    const verified = verifyRequest({ ...request(), headers: { ...request().headers, ...a } }, { resolveKey });
    assert.equal(verified.ok, true);
    if (verified.ok) assert.ok(Math.abs(verified.created - Date.now() / 1000) < 5);
  });
});
