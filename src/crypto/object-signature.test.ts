import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { SIGNATURE_EXTENSION_ID } from '../stix/enlace-ids.js';
import { canonicalJson } from './canonical.js';
import { CryptoError } from './errors.js';
import { jwsSigningInput, signDetachedJws } from './jws.js';
import {
  signObject,
  stripSignature,
  verifyObjectSignature,
  verifyObjectSignatureAsync,
  type ObjectKeyResolver,
  type SignatureExtension,
} from './object-signature.js';
import { testSigner, type TestSigner } from './test-keys.js';

const alice = testSigner('identity--11111111-1111-4111-8111-111111111111');
const bob = testSigner('identity--22222222-2222-4222-8222-222222222222');

function resolverFor(...signers: TestSigner[]): ObjectKeyResolver {
  return (fp, signer) => signers.find((s) => s.fingerprint === fp && s.identityId === signer)?.publicKey ?? null;
}

function indicator(): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    created: '2026-01-02T03:04:05.678Z',
    modified: '2026-01-02T03:04:05.678Z',
    name: 'Ruta de tráfico — Nogales',
    pattern: "[ipv4-addr:value = '198.51.100.7']",
    pattern_type: 'stix',
    valid_from: '2026-01-02T03:04:05Z',
    labels: ['malicious-activity'],
    extensions: { 'extension-definition--0000aaaa-0000-4000-8000-000000000000': { extension_type: 'property-extension', x: 1 } },
  };
}

function entryOf(obj: Record<string, unknown>): SignatureExtension {
  return (obj.extensions as Record<string, SignatureExtension>)[SIGNATURE_EXTENSION_ID] as SignatureExtension;
}

function withEntry(obj: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const extensions = obj.extensions as Record<string, unknown>;
  return { ...obj, extensions: { ...extensions, [SIGNATURE_EXTENSION_ID]: { ...entryOf(obj), ...patch } } };
}

function b64(json: string): string {
  return Buffer.from(json, 'utf8').toString('base64url');
}

describe('RFC 8037 Appendix A.4 / A.5 (Ed25519 JWS)', () => {
  const d = 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A';
  const x = '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo';
  const published =
    'eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.' +
    'hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg';
  const [header = '', payload = '', signature = ''] = published.split('.');

  it('reproduces the published signature, in detached form (RFC 7515 Appendix F)', () => {
    const key = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d, x }, format: 'jwk' });
    assert.equal(header, b64('{"alg":"EdDSA"}'));
    assert.equal(jwsSigningInput(header, 'Example of Ed25519 signing').toString('ascii'), `${header}.${payload}`);
    assert.equal(signDetachedJws(header, 'Example of Ed25519 signing', key), `${header}..${signature}`);
  });

  it('verifies the published JWS with the public key (A.5)', () => {
    const pub = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    const input = jwsSigningInput(header, 'Example of Ed25519 signing');
    assert.equal(verify(null, input, pub, Buffer.from(signature, 'base64url')), true);
    assert.equal(verify(null, jwsSigningInput(header, 'Example of Ed25519 signinG'), pub, Buffer.from(signature, 'base64url')), false);
  });
});

describe('signObject', () => {
  it('adds a detached EdDSA JWS with kid = fingerprint, without touching the input', () => {
    const original = indicator();
    const before = structuredClone(original);
    const signed = signObject(original, alice);
    assert.deepEqual(original, before);
    assert.notEqual(signed, original);
    const entry = entryOf(signed);
    assert.equal(entry.extension_type, 'property-extension');
    assert.equal(entry.signer, alice.identityId);
    assert.equal(entry.key_fingerprint, alice.fingerprint);
    assert.match(entry.jws, /^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]{86}$/);
    const header = JSON.parse(Buffer.from(entry.jws.split('.')[0] ?? '', 'base64url').toString('utf8')) as unknown;
    assert.deepEqual(header, { alg: 'EdDSA', kid: alice.fingerprint });
    assert.deepEqual(stripSignature(signed), original);
    assert.deepEqual(verifyObjectSignature(signed, resolverFor(alice)), {
      ok: true,
      signer: alice.identityId,
      fingerprint: alice.fingerprint,
      payload: canonicalJson(stripSignature(signed)),
    });
  });

  it('removes extensions entirely when the signature was its only entry', () => {
    const { extensions: _dropped, ...bare } = indicator();
    const signed = signObject(bare, alice);
    assert.deepEqual(Object.keys(signed.extensions as object), [SIGNATURE_EXTENSION_ID]);
    assert.equal('extensions' in stripSignature(signed), false);
    assert.ok(verifyObjectSignature(signed, resolverFor(alice)).ok);
  });

  it('replaces an earlier signature instead of stacking them', () => {
    const twice = signObject(signObject(indicator(), alice), bob);
    assert.equal(entryOf(twice).signer, bob.identityId);
    assert.equal(Object.keys(twice.extensions as object).length, 2);
    assert.equal(verifyObjectSignature(twice, resolverFor(alice, bob)).ok, true);
    assert.equal(verifyObjectSignature(twice, resolverFor(alice)).ok, false);
  });

  it('refuses a signer whose parts do not fit together, and unsignable objects', () => {
    const codeOf = (fn: () => unknown): string => {
      try {
        fn();
      } catch (e) {
        assert.ok(e instanceof CryptoError);
        return e.code;
      }
      return 'no error';
    };
    assert.equal(
      codeOf(() => signObject(indicator(), { ...alice, fingerprint: bob.fingerprint })),
      'signer-invalid',
    );
    assert.equal(
      codeOf(() => signObject(indicator(), { ...alice, fingerprint: 'ABC' })),
      'signer-invalid',
    );
    assert.equal(
      codeOf(() => signObject(indicator(), { ...alice, identityId: 'organisation--x' })),
      'signer-invalid',
    );
    assert.equal(
      codeOf(() => signObject(indicator(), { ...alice, privateKey: alice.publicKey })),
      'signer-invalid',
    );
    assert.equal(
      codeOf(() => signObject({ ...indicator(), extensions: 'x' }, alice)),
      'object-not-signable',
    );
    assert.equal(
      codeOf(() => signObject([] as unknown as object, alice)),
      'object-not-signable',
    );
    assert.equal(
      codeOf(() => signObject({ ...indicator(), confidence: Number.NaN }, alice)),
      'canonical-unsupported-value',
    );
  });
});

describe('verifyObjectSignature', () => {
  const signed = signObject(indicator(), alice);
  const check = (obj: unknown, resolve = resolverFor(alice)) => verifyObjectSignature(obj, resolve);

  it('reports unsigned objects', () => {
    assert.equal(check(indicator()).ok, false);
    assert.deepEqual(check(indicator()), { ok: false, code: 'unsigned' });
    assert.deepEqual(check({ type: 'x' }), { ok: false, code: 'unsigned' });
    assert.deepEqual(check({ type: 'x', extensions: 'nonsense' }), { ok: false, code: 'unsigned' });
  });

  it('reports a tampered object or signature as bad-signature', () => {
    assert.equal(codeOf(check({ ...signed, name: 'otra cosa' })), 'bad-signature');
    assert.equal(codeOf(check({ ...signed, extra: true })), 'bad-signature');
    const { labels: _l, ...dropped } = signed;
    assert.equal(codeOf(check(dropped)), 'bad-signature');
    const jws = entryOf(signed).jws;
    const sig = jws.slice(jws.indexOf('..') + 2);
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    assert.equal(codeOf(check(withEntry(signed, { jws: jws.replace(sig, flipped) }))), 'bad-signature');
    const otherExt = { ...(signed.extensions as object), 'extension-definition--0000aaaa-0000-4000-8000-000000000000': { x: 2 } };
    assert.equal(codeOf(check({ ...signed, extensions: otherExt })), 'bad-signature');
  });

  it('tells unknown keys from keys owned by someone else', () => {
    assert.equal(codeOf(check(signed, () => null)), 'unknown-key');
    assert.equal(codeOf(check(signed, () => ({ key: alice.publicKey, owner: bob.identityId }))), 'signer-mismatch');
    assert.equal(check(signed, () => ({ key: alice.publicKey, owner: alice.identityId })).ok, true);
    assert.equal(codeOf(check(signed, () => bob.publicKey)), 'unknown-key');
    assert.equal(codeOf(check(signed, () => alice.privateKey)), 'unknown-key');
    // Claiming Bob as signer with Alice's fingerprint: the keyring has no such pairing.
    assert.equal(codeOf(check(withEntry(signed, { signer: bob.identityId }), resolverFor(alice, bob))), 'unknown-key');
  });

  it('refuses a header with another alg, a different kid, crit or extra parameters', () => {
    const sig = entryOf(signed).jws.split('..')[1] ?? '';
    const jwsWith = (header: string) => ({ jws: `${b64(header)}..${sig}` });
    const fp = alice.fingerprint;
    assert.equal(codeOf(check(withEntry(signed, jwsWith(`{"alg":"ES256","kid":"${fp}"}`)))), 'unsupported-alg');
    assert.equal(codeOf(check(withEntry(signed, jwsWith(`{"alg":"none","kid":"${fp}"}`)))), 'unsupported-alg');
    assert.equal(codeOf(check(withEntry(signed, jwsWith(`{"alg":"EdDSA","kid":"${bob.fingerprint}"}`)))), 'malformed-signature');
    assert.equal(codeOf(check(withEntry(signed, jwsWith(`{"alg":"EdDSA","kid":"${fp}","crit":["exp"],"exp":1}`)))), 'malformed-signature');
    assert.equal(codeOf(check(withEntry(signed, jwsWith(`{"alg":"EdDSA","kid":"${fp}","b64":false}`)))), 'malformed-signature');
    assert.equal(codeOf(check(withEntry(signed, jwsWith('not json')))), 'malformed-signature');
    assert.equal(codeOf(check(withEntry(signed, jwsWith('["EdDSA"]')))), 'malformed-signature');
  });

  it('accepts a correctly signed header spelled in another order', () => {
    const header = b64(`{ "kid": "${alice.fingerprint}", "alg": "EdDSA" }`);
    const jws = signDetachedJws(header, canonicalJson(stripSignature(signed)), alice.privateKey);
    assert.deepEqual(check(withEntry(signed, { jws })), {
      ok: true,
      signer: alice.identityId,
      fingerprint: alice.fingerprint,
      payload: canonicalJson(stripSignature(signed)),
    });
    const wrongPayload = signDetachedJws(header, canonicalJson({ ...stripSignature(signed), name: 'x' }), alice.privateKey);
    assert.equal(codeOf(check(withEntry(signed, { jws: wrongPayload }))), 'bad-signature');
  });

  it('refuses malformed entries, attached payloads and hostile sizes without throwing', () => {
    const jws = entryOf(signed).jws;
    const [h, , s] = jws.split('.');
    const cases: Array<Record<string, unknown>> = [
      { jws: `${h}.${b64('{}')}.${s}` },
      { jws: `${h}..${s}.x` },
      { jws: `${h}.${s}` },
      { jws: `${h}..${(s ?? '').slice(0, 80)}` },
      { jws: `${h}..${s}=` },
      { jws: 'x'.repeat(100_000) },
      { jws: 42 },
      { extension_type: 'toplevel-property-extension' },
      { signer: 'identity--nope' },
      { key_fingerprint: alice.fingerprint.toUpperCase() },
      { smuggled: 'unsigned data' },
    ];
    for (const patch of cases)
      assert.equal(codeOf(check(withEntry(signed, patch))), 'malformed-signature', JSON.stringify(patch).slice(0, 60));
    const notObject = { ...signed, extensions: { [SIGNATURE_EXTENSION_ID]: 'sig' } };
    assert.equal(codeOf(check(notObject)), 'malformed-signature');
    for (const value of [null, 'x', 3, [], [signed]]) assert.equal(codeOf(check(value)), 'malformed-signature');
    assert.equal(codeOf(check({ ...signed, name: 'lone \ud800' })), 'malformed-signature');
  });

  it('verifies asynchronously on the thread pool with the same results', async () => {
    assert.deepEqual(await verifyObjectSignatureAsync(signed, resolverFor(alice)), {
      ok: true,
      signer: alice.identityId,
      fingerprint: alice.fingerprint,
      payload: canonicalJson(stripSignature(signed)),
    });
    assert.equal(codeOf(await verifyObjectSignatureAsync({ ...signed, name: 'x' }, resolverFor(alice))), 'bad-signature');
    assert.equal(codeOf(await verifyObjectSignatureAsync(indicator(), resolverFor(alice))), 'unsigned');
  });
});

function codeOf(result: { ok: boolean; code?: string }): string {
  return result.ok ? 'ok' : (result.code ?? '?');
}
