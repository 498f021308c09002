import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { SIGNATURE_EXTENSION_ID } from '../stix/index.js';
import { DEMO_RED_IDS, mxObjects, usObjects } from './scenario.js';
import { NodeClient, ensureNode, pinEachOther, startNode, type DemoNodeSpec } from './nodes.js';
import { loadConfig } from '../config/index.js';

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
  objects?: { id: string; type: string; extensions?: Record<string, { signer?: string }> }[];
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

async function seed(client: NodeClient, objects: unknown[]): Promise<Status> {
  const { collections } = await client.call<{ collections: { id: string }[] }>('GET', '/enlace/collections/');
  return client.call<Status>('POST', `/enlace/collections/${collections[0]?.id}/objects/`, { objects });
}

async function waitForLagZero(admin: NodeClient): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { peers } = await admin.call<{ peers: { lagObjects: { incoming: number; outgoing: number }; state: string }[] }>('GET', '/api/v1/peers');
    if (peers.every((p) => p.state === 'ok' && p.lagObjects.incoming === 0 && p.lagObjects.outgoing === 0)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function summarise(label: string, objects: NonNullable<Envelope['objects']>, ownIdentity: string): void {
  const own = objects.filter((o) => o.extensions?.[SIGNATURE_EXTENSION_ID]?.signer === ownIdentity);
  const partner = objects.length - own.length;
  const byType = new Map<string, number>();
  for (const o of objects) if (!own.includes(o)) byType.set(o.type, (byType.get(o.type) ?? 0) + 1);
  console.log(`  ${label}: ${own.length} own objects, ${partner} received from the partner`);
  console.log(`    received by type: ${[...byType].map(([t, n]) => `${t} ${n}`).join(', ') || '-'}`);
}

async function main(): Promise<void> {
  const usDir = join(base, 'us');
  const mxDir = join(base, 'mx');
  console.log(`Enlace demo — data in ${base} (delete it for a fresh start)`);
  await ensureNode(usDir, us);
  await ensureNode(mxDir, mx);
  const fps = await pinEachOther(usDir, mxDir);
  const usId = loadConfig(usDir).config.node.identityId;
  const mxId = loadConfig(mxDir).config.node.identityId;

  const children: ChildProcess[] = [];
  const stopAll = () => children.forEach((c) => c.exitCode === null && c.kill('SIGTERM'));
  process.on('exit', stopAll);
  children.push(await startNode(usDir, usPort), await startNode(mxDir, mxPort));

  const usAnalyst = new NodeClient(`http://127.0.0.1:${usPort}`, 'analyst.us', 'demo-analyst-us');
  const mxAnalyst = new NodeClient(`http://127.0.0.1:${mxPort}`, 'analista.mx', 'demo-analista-mx');
  const usAdmin = new NodeClient(`http://127.0.0.1:${usPort}`, 'admin.us', 'demo-admin-us');
  const mxAdmin = new NodeClient(`http://127.0.0.1:${mxPort}`, 'admin.mx', 'demo-admin-mx');

  const nodes = { usIdentity: usId, mxIdentity: mxId };
  const usSeed = await seed(usAnalyst, usObjects(nodes));
  const mxSeed = await seed(mxAnalyst, mxObjects(nodes));
  console.log(`Seeded the U.S. node: ${usSeed.success_count} accepted, ${usSeed.failure_count} refused`);
  console.log(`Seeded the Mexico node: ${mxSeed.success_count} accepted, ${mxSeed.failure_count} refused`);
  for (const f of [...(usSeed.failures ?? []), ...(mxSeed.failures ?? [])]) console.log(`  refused ${f.id}: ${f.message}`);

  await usAdmin.call('POST', '/api/v1/sync');
  await mxAdmin.call('POST', '/api/v1/sync');
  await waitForLagZero(usAdmin);
  await waitForLagZero(mxAdmin);

  console.log('\nWhat each side holds after sync (latest version of each object):');
  const usView = await readAll(usAnalyst);
  const mxView = await readAll(mxAnalyst);
  summarise('U.S. node', usView, usId);
  summarise('Mexico node', mxView, mxId);
  const leaked = mxView.filter((o) => DEMO_RED_IDS.includes(o.id));
  console.log(`  TLP:RED objects of the U.S. node: ${DEMO_RED_IDS.length} held, ${leaked.length} reached Mexico (must be 0)`);
  const { peers: usPeers } = await usAdmin.call<{ peers: { peer: string; pulledTotal: number; pushedTotal: number }[] }>('GET', '/api/v1/peers');
  const { peers: mxPeers } = await mxAdmin.call<{ peers: { peer: string; pulledTotal: number; pushedTotal: number }[] }>('GET', '/api/v1/peers');
  for (const p of usPeers) console.log(`  U.S. node ↔ ${p.peer}: received ${p.pulledTotal} by pull, sent ${p.pushedTotal} by push (totals since the nodes were created)`);
  for (const p of mxPeers) console.log(`  Mexico node ↔ ${p.peer}: received ${p.pulledTotal} by pull, sent ${p.pushedTotal} by push`);

  console.log(`
Nodes (keep this running; Ctrl-C stops both):
  U.S.   http://127.0.0.1:${usPort}   TAXII discovery http://127.0.0.1:${usPort}/taxii2/   key ${fps.a.slice(0, 16)}…
  Mexico http://127.0.0.1:${mxPort}   TAXII discovery http://127.0.0.1:${mxPort}/taxii2/   key ${fps.b.slice(0, 16)}…
  Web consoles: not part of this release yet; use TAXII clients, the API (/api/v1/node, /api/v1/peers) or the CLI.
Sign-in (HTTP Basic for TAXII clients):
  U.S.   analyst.us / demo-analyst-us     admin.us / demo-admin-us
  Mexico analista.mx / demo-analista-mx   admin.mx / demo-admin-mx
Try:
  curl -u analyst.us:demo-analyst-us -H 'Accept: application/taxii+json;version=2.1' http://127.0.0.1:${usPort}/enlace/collections/
  node dist/cli/main.js --dir ${mxDir} --lang es status`);

  if (!keepRunning) {
    stopAll();
    return;
  }
  await new Promise<void>((r) => {
    process.once('SIGINT', r);
    process.once('SIGTERM', r);
  });
  stopAll();
}

main().catch((e: unknown) => {
  console.error(`Demo failed: ${(e as Error).message}`);
  process.exitCode = 1;
});
