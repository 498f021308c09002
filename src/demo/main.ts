import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { SIGNATURE_EXTENSION_ID } from '../stix/index.js';
import {
  DEMO_RED_IDS,
  MX_RELEASE_POLICY,
  US_RELEASE_POLICY,
  mxObjects,
  usObjects,
  usRevocation,
  type DemoReleasePolicy,
} from './scenario.js';
import { NodeClient, ensureNode, ensureReleasePolicy, pinEachOther, portIsFree, startNode, type DemoNodeSpec } from './nodes.js';
import { DRONE_TYPE_PREFIX, summariseRelease, type ReleaseSummary } from './release-summary.js';
import { loadConfig } from '../config/index.js';
import { openNode } from '../node/open.js';
import { langOf, translate } from '../i18n/index.js';
import { runDroneScene, sensorToken } from './drones.js';

const lang = langOf(process.env.ENLACE_LANG ?? process.env.LC_ALL ?? process.env.LANG);
const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, 'demo', key, params);
const say = (key: string, params?: Record<string, string | number>) => console.log(t(key, params));

const base = resolve(process.env.ENLACE_DEMO_DIR ?? 'demo-data');
const usPort = Number(process.env.ENLACE_DEMO_US_PORT ?? 7101);
const mxPort = Number(process.env.ENLACE_DEMO_MX_PORT ?? 7102);
const keepRunning = process.env.ENLACE_DEMO_EXIT !== '1';

const us: DemoNodeSpec = {
  name: 'us',
  organisation: 'U.S. Southwest Border Counternarcotics Task Force (demo)',
  country: 'US',
  port: usPort,
  accounts: [
    { username: 'analyst.us', password: 'demo-analyst-us', roles: ['analyst'], locale: 'en' },
    { username: 'admin.us', password: 'demo-admin-us', roles: ['admin'], locale: 'en' },
  ],
};
const mx: DemoNodeSpec = {
  name: 'mx',
  organisation: 'Unidad Binacional contra el Tráfico de Fentanilo, México (demo)',
  country: 'MX',
  port: mxPort,
  accounts: [
    { username: 'analista.mx', password: 'demo-analista-mx', roles: ['analyst'], locale: 'es-MX' },
    { username: 'admin.mx', password: 'demo-admin-mx', roles: ['admin'], locale: 'es-MX' },
  ],
};

interface Envelope {
  more?: boolean;
  next?: string;
  objects?: { id: string; type: string; revoked?: boolean; extensions?: Record<string, { signer?: string }> }[];
}
interface Status {
  success_count: number;
  failure_count: number;
  failures?: { id: string; message?: string }[];
}

/** Every latest object a client can read in the node's first collection. */
async function readAll(client: NodeClient): Promise<NonNullable<Envelope['objects']>> {
  const { collections } = await client.call<{ collections: { id: string }[] }>('GET', '/enlace/collections/');
  const cid = collections[0]?.id ?? '';
  const out: NonNullable<Envelope['objects']> = [];
  let next: string | undefined;
  do {
    const q = next ? `?next=${encodeURIComponent(next)}` : '';
    const env = await client.call<Envelope>('GET', `/enlace/collections/${cid}/objects/${q}`);
    out.push(...(env.objects ?? []));
    next = env.more ? env.next : undefined;
  } while (next);
  return out;
}

async function firstCollection(client: NodeClient): Promise<string> {
  const { collections } = await client.call<{ collections: { id: string }[] }>('GET', '/enlace/collections/');
  return collections[0]?.id ?? '';
}

async function seed(client: NodeClient, objects: unknown[]): Promise<Status> {
  return client.call<Status>('POST', `/enlace/collections/${await firstCollection(client)}/objects/`, { objects });
}

/** The versions a node holds of an object, and whether its latest is revoked; none when it holds none. */
async function holdingOf(client: NodeClient, id: string): Promise<{ versions: number; revoked: boolean }> {
  const path = `/enlace/collections/${await firstCollection(client)}/objects/${id}/`;
  try {
    const { versions } = await client.call<{ versions?: string[] }>('GET', `${path}versions/`);
    const { objects } = await client.call<Envelope>('GET', path);
    return { versions: versions?.length ?? 0, revoked: objects?.[0]?.revoked === true };
  } catch {
    return { versions: 0, revoked: false };
  }
}

async function syncBoth(usAdmin: NodeClient, mxAdmin: NodeClient): Promise<void> {
  await usAdmin.call('POST', '/api/v1/sync');
  await mxAdmin.call('POST', '/api/v1/sync');
  await waitForLagZero(usAdmin);
  await waitForLagZero(mxAdmin);
}

function sayPolicy(node: string, peer: string, policy: DemoReleasePolicy, version: number): void {
  const rules = policy.peers[peer] ?? policy.default;
  const word = (allowed: boolean) => t(allowed ? 'word.yes' : 'word.no');
  say('run.policy', {
    node,
    peer,
    version,
    green: word(rules.allow_green),
    amber: word(rules.allow_amber),
    ceiling: rules.ceiling.toUpperCase(),
    thirdParty: word(rules.allow_third_party),
  });
}

/** What the U.S. policy releases to Mexico, and whether Mexico holds exactly that. */
function sayRelease(s: ReleaseSummary, mxView: NonNullable<Envelope['objects']>, mxId: string): void {
  say('run.release');
  say('run.release-counts', {
    held: s.held,
    released: s.released,
    redacted: s.redacted,
    properties: s.withheldProperties,
    withheld: s.withheld,
    returned: s.returned,
  });
  const byCount = (m: Map<string, number>, prefix: string) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .map(([rule, n]) => `${t(`${prefix}.${rule}`)} ${n}`)
      .join(', ') || '-';
  say('run.released-by', { rules: byCount(s.releasedByRule, 'released') });
  say('run.withheld-by', { rules: byCount(s.byRule, 'rule') });
  // A receiving node may hide what its originator revoked from its users: compare the rest.
  const expected = [...s.releasedIds].filter((id) => !s.revokedIds.has(id)).sort();
  const held = mxView
    .filter((o) => o.extensions?.[SIGNATURE_EXTENSION_ID]?.signer !== mxId && o.revoked !== true && !o.type.startsWith(DRONE_TYPE_PREFIX))
    .map((o) => o.id)
    .sort();
  const same = expected.length === held.length && expected.every((id, i) => id === held[i]);
  say('run.release-matches', { verdict: t(same ? 'word.yes' : 'word.no'), count: s.releasedIds.size, revoked: s.revokedIds.size });
}

async function waitForLagZero(admin: NodeClient): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { peers } = await admin.call<{ peers: { lagObjects: { incoming: number; outgoing: number }; state: string }[] }>(
      'GET',
      '/api/v1/peers',
    );
    if (peers.every((p) => p.state === 'ok' && p.lagObjects.incoming === 0 && p.lagObjects.outgoing === 0)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function summarise(label: string, all: NonNullable<Envelope['objects']>, ownIdentity: string): void {
  // Drone incidents and acknowledgements of earlier runs are the drone scene's to report.
  const objects = all.filter((o) => !o.type.startsWith(DRONE_TYPE_PREFIX));
  const own = objects.filter((o) => o.extensions?.[SIGNATURE_EXTENSION_ID]?.signer === ownIdentity);
  const partner = objects.length - own.length;
  const byType = new Map<string, number>();
  for (const o of objects) if (!own.includes(o)) byType.set(o.type, (byType.get(o.type) ?? 0) + 1);
  say('run.holdings', { node: label, own: own.length, partner });
  say('run.by-type', { types: [...byType].map(([type, n]) => `${type} ${n}`).join(', ') || '-' });
}

async function main(): Promise<void> {
  const usDir = join(base, 'us');
  const mxDir = join(base, 'mx');
  say('run.start', { dir: base });
  for (const port of [usPort, mxPort]) {
    if (!(await portIsFree(port))) {
      say('run.port-taken', { port });
      process.exitCode = 1;
      return;
    }
  }
  await ensureNode(usDir, us);
  await ensureNode(mxDir, mx);
  const fps = await pinEachOther(usDir, mxDir);
  const usId = loadConfig(usDir).config.node.identityId;
  const mxId = loadConfig(mxDir).config.node.identityId;
  sayPolicy(t('node.us'), 'mx', US_RELEASE_POLICY, await ensureReleasePolicy(usDir, US_RELEASE_POLICY, 'admin.us'));
  sayPolicy(t('node.mx'), 'us', MX_RELEASE_POLICY, await ensureReleasePolicy(mxDir, MX_RELEASE_POLICY, 'admin.mx'));

  // Sensor gateways post detections with their own tokens (role `sensor`), made before the nodes serve.
  const usSensorToken = await sensorToken(usDir);
  const mxSensorToken = await sensorToken(mxDir);

  const children: ChildProcess[] = [];
  const stopAll = () => children.forEach((c) => c.exitCode === null && c.kill('SIGTERM'));
  process.on('exit', stopAll);
  children.push(await startNode(usDir, usPort), await startNode(mxDir, mxPort));

  const usAnalyst = new NodeClient(`http://127.0.0.1:${usPort}`, 'analyst.us', 'demo-analyst-us');
  const mxAnalyst = new NodeClient(`http://127.0.0.1:${mxPort}`, 'analista.mx', 'demo-analista-mx');
  const usAdmin = new NodeClient(`http://127.0.0.1:${usPort}`, 'admin.us', 'demo-admin-us');
  const mxAdmin = new NodeClient(`http://127.0.0.1:${mxPort}`, 'admin.mx', 'demo-admin-mx');

  const nodes = { usIdentity: usId, mxIdentity: mxId };
  const revocation = usRevocation(nodes);
  // On a second run the U.S. node has revoked the object already: it takes no earlier version again.
  const revokedBefore = (await holdingOf(usAnalyst, revocation.id)).revoked;
  const usSeed = await seed(
    usAnalyst,
    usObjects(nodes).map((o) => (revokedBefore && o.id === revocation.id ? revocation : o)),
  );
  const mxSeed = await seed(mxAnalyst, mxObjects(nodes));
  say('run.seeded', { node: t('node.us'), accepted: usSeed.success_count, refused: usSeed.failure_count });
  say('run.seeded', { node: t('node.mx'), accepted: mxSeed.success_count, refused: mxSeed.failure_count });
  for (const f of [...(usSeed.failures ?? []), ...(mxSeed.failures ?? [])]) say('run.refused', { id: f.id, message: f.message ?? '' });

  await syncBoth(usAdmin, mxAdmin);
  // Once Mexico holds the object, the U.S. node revokes it; the next sync carries the revocation.
  const revoked = await seed(usAnalyst, [revocation]);
  for (const f of revoked.failures ?? []) say('run.refused', { id: f.id, message: f.message ?? '' });
  await syncBoth(usAdmin, mxAdmin);

  console.log('');
  say('run.after-sync');
  const usView = await readAll(usAnalyst);
  const mxView = await readAll(mxAnalyst);
  summarise(t('node.us'), usView, usId);
  summarise(t('node.mx'), mxView, mxId);
  const leaked = mxView.filter((o) => DEMO_RED_IDS.includes(o.id));
  say('run.red', { held: DEMO_RED_IDS.length, leaked: leaked.length });
  const { peers: usPeers } = await usAdmin.call<{ peers: { peer: string; pulledTotal: number; pushedTotal: number }[] }>(
    'GET',
    '/api/v1/peers',
  );
  const { peers: mxPeers } = await mxAdmin.call<{ peers: { peer: string; pulledTotal: number; pushedTotal: number }[] }>(
    'GET',
    '/api/v1/peers',
  );
  for (const p of usPeers) say('run.exchange', { node: t('node.us'), peer: p.peer, pulled: p.pulledTotal, pushed: p.pushedTotal });
  for (const p of mxPeers) say('run.exchange', { node: t('node.mx'), peer: p.peer, pulled: p.pulledTotal, pushed: p.pushedTotal });
  const mxHolds = await holdingOf(mxAnalyst, revocation.id);
  say('run.revoked', {
    node: t('node.us'),
    id: revocation.id,
    versions: mxHolds.versions,
    verdict: t(mxHolds.revoked ? 'word.yes' : 'word.no'),
  });

  console.log('');
  // The U.S. node's own release service judges; this process only reads its store (the server keeps running).
  const usCtx = await openNode(usDir);
  try {
    sayRelease(await summariseRelease(usCtx, 'mx'), mxView, mxId);
  } finally {
    await usCtx.store.close();
  }

  const usUrl = `http://127.0.0.1:${usPort}`;
  const mxUrl = `http://127.0.0.1:${mxPort}`;
  console.log('');
  say('run.nodes');
  say('run.node-line', { node: t('node.us'), url: usUrl, key: fps.a.slice(0, 16) });
  say('run.node-line', { node: t('node.mx'), url: mxUrl, key: fps.b.slice(0, 16) });
  console.log('');
  say('run.consoles');
  say('run.console-line', { node: t('node.us'), url: `${usUrl}/console/` });
  say('run.console-line', { node: t('node.mx'), url: `${mxUrl}/console/` });
  say('run.sign-in');
  console.log(`  ${t('node.us')}: analyst.us / demo-analyst-us   admin.us / demo-admin-us`);
  console.log(`  ${t('node.mx')}: analista.mx / demo-analista-mx   admin.mx / demo-admin-mx`);
  say('run.try');
  console.log(`  curl -u analyst.us:demo-analyst-us -H 'Accept: application/taxii+json;version=2.1' ${usUrl}/enlace/collections/`);
  console.log(`  node dist/cli/main.js --dir ${mxDir} --lang es status`);

  console.log('');
  const scene = await runDroneScene({
    us: { url: usUrl, sensorToken: usSensorToken, user: { username: 'analyst.us', password: 'demo-analyst-us' } },
    mx: { url: mxUrl, sensorToken: mxSensorToken, user: { username: 'analista.mx', password: 'demo-analista-mx' } },
    lang,
    keep: keepRunning,
  });
  if (!keepRunning) {
    await scene.stop();
    stopAll();
    return;
  }
  await new Promise<void>((r) => {
    process.once('SIGINT', r);
    process.once('SIGTERM', r);
  });
  await scene.stop().catch(() => undefined);
  stopAll();
}

main().catch((e: unknown) => {
  console.error(t('run.failed', { message: (e as Error).message }));
  process.exitCode = 1;
});
