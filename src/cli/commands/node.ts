import type { Command } from 'commander';
import { formatFingerprint } from '../../crypto/index.js';
import { badInitOption, initNode } from '../../node/init.js';
import { openNode, reloadPeers } from '../../node/open.js';
import { SyncEngine } from '../../sync/engine.js';
import pino from 'pino';
import type { Cli } from '../context.js';

type Run = (fn: (cli: Cli) => Promise<void>) => Promise<void>;
type Translate = (key: string, params?: Record<string, string | number>) => string;

export function registerNodeCommands(program: Command, run: Run, t: Translate): void {
  program
    .command('init')
    .description(t('cmd.init'))
    .requiredOption('--name <name>', t('opt.init.name'))
    .requiredOption('--org <organisation>', t('opt.init.org'))
    .requiredOption('--country <code>', t('opt.init.country'))
    .option('--port <port>', t('opt.init.port'))
    .option('--host <host>', t('opt.init.host'))
    .option('--public-url <url>', t('opt.init.public-url'))
    .option('--database-url <url>', t('opt.init.database-url'))
    .option('--database-schema <name>', t('opt.init.database-schema'))
    .action(
      (o: {
        name: string;
        org: string;
        country: string;
        port?: string;
        host?: string;
        publicUrl?: string;
        databaseUrl?: string;
        databaseSchema?: string;
      }) =>
        run(async (cli) => {
          if (o.port !== undefined && !/^[0-9]{1,5}$/.test(o.port)) throw badInitOption('port', o.port);
          const r = await initNode(cli.dir, {
            name: o.name,
            organisation: o.org,
            country: o.country,
            port: o.port === undefined ? 7001 : Number(o.port),
            host: o.host,
            publicUrl: o.publicUrl,
            databaseUrl: o.databaseUrl,
            databaseSchema: o.databaseSchema,
            env: cli.io.env,
          });
          cli.out(cli.t('init.done', { name: o.name, dir: r.dir }));
          cli.out(cli.t('init.identity', { id: r.identityId }));
          cli.out(cli.t('init.fingerprint', { fingerprint: formatFingerprint(r.fingerprint) }));
          cli.out(cli.t('init.next'));
        }),
    );

  program
    .command('serve')
    .description(t('cmd.serve'))
    .option('--no-sync', t('opt.serve.no-sync'))
    .action((o: { sync: boolean }) =>
      run(async (cli) => {
        // Loaded here: the HTTP server is needed by `serve` alone, and every other command starts faster without it.
        const { buildApp } = await import('../../server/app.js');
        const log = pino({ level: cli.io.env.ENLACE_LOG_LEVEL ?? 'info' });
        const ctx = await openNode(cli.dir, { env: cli.io.env, log });
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
