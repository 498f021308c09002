import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { EnlaceError } from '../../errors/index.js';
import type { NodeContext } from '../../node/context.js';
import { parseStixTimestamp } from '../../stix/index.js';
import { SyncEngine } from '../../sync/engine.js';
import { exportBundle } from '../../transfer/export.js';
import { importFile } from '../../transfer/import.js';
import type { Collection } from '../../store/types.js';
import type { Cli } from '../context.js';

type Run = (fn: (cli: Cli) => Promise<void>) => Promise<void>;
type Translate = (key: string, params?: Record<string, string | number>) => string;

async function collectionOf(ctx: NodeContext, idOrAlias: string | undefined): Promise<Collection> {
  const c = idOrAlias ? await ctx.store.getCollection(idOrAlias) : (await ctx.store.listCollections())[0];
  if (!c) throw new EnlaceError('taxii.collection-not-found', { collection: idOrAlias ?? '(default)' });
  return c;
}

function progressBar(cli: Cli, label: string): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% {value}/{total}`, stream: cli.io.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
}

export function registerDataCommands(program: Command, run: Run, t: Translate): void {
  program
    .command('import <file>')
    .description(t('cmd.import'))
    .option('--collection <idOrAlias>', t('opt.import.collection'))
    .action((file: string, o: { collection?: string }) =>
      run(async (cli) => {
        const ctx = await cli.open();
        const bar = progressBar(cli, cli.t('import.progress'));
        let started = false;
        try {
          const summary = await importFile(ctx, file, await collectionOf(ctx, o.collection), {
            username: cli.io.env.USER ?? 'cli',
            onProgress: (done, total) => {
              if (!started) bar.start(total ?? done, 0);
              started = true;
              if (total !== null) bar.setTotal(total);
              else bar.setTotal(Math.max(done, 1));
              bar.update(done);
            },
          });
          if (started) bar.stop();
          cli.out(cli.t('import.done', { added: summary.added, duplicates: summary.duplicates, rejected: summary.rejected, file }));
          for (const r of summary.rejections.slice(0, 20))
            cli.err(cli.t('import.rejection', { id: r.id ?? '?', reason: r.error?.localized(cli.lang) ?? r.reason }));
          if (summary.rejected > 20) cli.err(cli.t('import.more-rejections', { count: summary.rejected - 20 }));
          if (summary.rejected > 0) cli.exitCode = 1;
        } finally {
          if (started) bar.stop();
          await ctx.store.close();
        }
      }),
    );

  program
    .command('export')
    .description(t('cmd.export'))
    .option('--collection <idOrAlias>', t('opt.export.collection'))
    .option('--out <file>', t('opt.export.out'))
    .option('--type <types>', t('opt.export.type'))
    .option('--since <timestamp>', t('opt.export.since'))
    .option('--all-versions', t('opt.export.all-versions'))
    .option('--originator <identity>', t('opt.export.originator'))
    .option('--include-revoked', t('opt.export.include-revoked'))
    .option('--for-peer <name>', t('opt.export.for-peer'))
    .action(
      (o: {
        collection?: string;
        out?: string;
        type?: string;
        since?: string;
        allVersions?: boolean;
        originator?: string;
        includeRevoked?: boolean;
        forPeer?: string;
      }) =>
        run(async (cli) => {
          const since = o.since !== undefined ? parseStixTimestamp(o.since) : undefined;
          if (since === null) throw new EnlaceError('taxii.bad-timestamp', { name: '--since', value: String(o.since) });
          const ctx = await cli.open();
          const forPeer = o.forPeer === undefined ? undefined : await ctx.store.getPeer(o.forPeer);
          if (forPeer === null) throw new EnlaceError('peer.unknown', { peer: String(o.forPeer) });
          const out = o.out ? createWriteStream(o.out) : cli.io.stdout;
          const bar = o.out ? progressBar(cli, cli.t('export.progress')) : null;
          try {
            let started = false;
            const count = await exportBundle(
              ctx,
              await collectionOf(ctx, o.collection),
              {
                types: o.type?.split(','),
                addedAfterUs: since,
                allVersions: o.allVersions,
                originator: o.originator,
                includeRevoked: o.includeRevoked,
                forPeer,
                account: `cli:${cli.io.env.USER ?? 'cli'}`,
              },
              out,
              (done, total) => {
                if (!bar) return;
                if (!started) bar.start(total, 0);
                started = true;
                bar.update(done);
              },
            );
            bar?.stop();
            if (o.out) {
              await new Promise<void>((r) => out.end(r));
              cli.out(cli.t('export.done', { count, file: o.out }));
            }
          } finally {
            await ctx.store.close();
          }
        }),
    );

  program
    .command('sync')
    .description(t('cmd.sync'))
    .option('--peer <name>', t('opt.sync.peer'))
    .action((o: { peer?: string }) =>
      run(async (cli) => {
        const ctx = await cli.open();
        try {
          if (o.peer && !(await ctx.store.getPeer(o.peer))) throw new EnlaceError('peer.unknown', { peer: o.peer });
          const reports = await new SyncEngine(ctx).syncNow(o.peer);
          if (reports.length === 0) cli.out(cli.t('sync.no-peers'));
          for (const r of reports) {
            if (r.ok) {
              cli.out(
                cli.t('sync.report', {
                  peer: r.peer,
                  pulled: r.pulled,
                  duplicates: r.pulledDuplicates,
                  rejected: r.pullRejected,
                  pushed: r.pushed,
                  pushRejected: r.pushRejected,
                  ms: r.durationMs,
                }),
              );
            } else {
              const error = r.failure ? new EnlaceError(r.failure.code, r.failure.params).localized(cli.lang) : (r.error ?? '?');
              cli.err(cli.t('sync.failed', { peer: r.peer, error }));
              cli.exitCode = 1;
            }
          }
        } finally {
          await ctx.store.close();
        }
      }),
    );
}
