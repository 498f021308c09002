import type { Command } from 'commander';
import { formatFingerprint } from '../../crypto/index.js';
import { buildApp } from '../../server/app.js';
import { initNode } from '../../node/init.js';
import { openNode, reloadPeers } from '../../node/open.js';
import { SyncEngine } from '../../sync/engine.js';
import pino from 'pino';
import type { Cli } from '../context.js';

type Run = (fn: (cli: Cli) => Promise<void>) => Promise<void>;

export function registerNodeCommands(program: Command, run: Run): void {
  program
    .command('init')
    .description('create a node: key pair, STIX identity, data directory and config')
    .requiredOption('--name <name>', 'short name of the node, e.g. us or mx')
    .requiredOption('--org <organisation>', 'organisation that runs the node')
    .requiredOption('--country <code>', 'ISO 3166-1 alpha-2 country code, e.g. US or MX')
    .option('--port <port>', 'TCP port to listen on', '7001')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--public-url <url>', 'URL peers use to reach this node')
    .option('--database-url <url>', 'PostgreSQL connection string (default: SQLite in the data directory)')
    .action((o: { name: string; org: string; country: string; port: string; host: string; publicUrl?: string; databaseUrl?: string }) =>
      run(async (cli) => {
        const r = await initNode(cli.dir, {
          name: o.name,
          organisation: o.org,
          country: o.country,
          port: Number(o.port),
          host: o.host,
          publicUrl: o.publicUrl,
          databaseUrl: o.databaseUrl,
        });
        cli.out(cli.t('init.done', { name: o.name, dir: r.dir }));
        cli.out(cli.t('init.identity', { id: r.identityId }));
        cli.out(cli.t('init.fingerprint', { fingerprint: formatFingerprint(r.fingerprint) }));
        cli.out(cli.t('init.next'));
      }),
    );

  program
    .command('serve')
    .description('run the node: TAXII 2.1 server, API and background sync with peers')
    .option('--no-sync', 'serve only; do not sync with peers')
    .action((o: { sync: boolean }) =>
      run(async (cli) => {
        const log = pino({ level: process.env.ENLACE_LOG_LEVEL ?? 'info' });
        const ctx = await openNode(cli.dir, { log });
        const engine = new SyncEngine(ctx);
        const app = await buildApp(ctx, { sync: engine });
        await app.listen({ host: ctx.config.http.host, port: ctx.config.http.port });
        const url = ctx.config.http.publicUrl;
        cli.out(cli.t('serve.listening', { name: ctx.identity.name, url, taxii: `${url}/taxii2/` }));
        if (o.sync && ctx.config.sync.enabled) await engine.start();
        // Peers may be added by another process (`enlace peer add`): notice it without a restart.
        let known = JSON.stringify(await ctx.store.listPeers());
        const watch = setInterval(() => {
          void ctx.store.listPeers().then(async (peers) => {
            const now = JSON.stringify(peers);
            if (now !== known) {
              known = now;
              await reloadPeers(ctx);
            }
          });
        }, 2000);
        await new Promise<void>((resolveStop) => {
          const stop = () => resolveStop();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        cli.err(cli.t('serve.stopping', { name: ctx.identity.name }));
        clearInterval(watch);
        await engine.stop();
        await app.close();
        await ctx.store.close();
      }),
    );
}
