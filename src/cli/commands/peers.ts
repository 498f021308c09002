import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { formatFingerprint } from '../../crypto/index.js';
import { EnlaceError } from '../../errors/index.js';
import { addPeer, fetchNodeCard, nodeCard, parseNodeCard, removePeer, type NodeCard } from '../../peers/service.js';
import { CliFailure, type Cli } from '../context.js';

type Run = (fn: (cli: Cli) => Promise<void>) => Promise<void>;
type Translate = (key: string, params?: Record<string, string | number>) => string;

async function confirmInteractively(cli: Cli, card: NodeCard): Promise<string | null> {
  if (!cli.io.stdin.isTTY) return null;
  const rl = createInterface({ input: cli.io.stdin, output: cli.io.stderr });
  try {
    const answer = (await rl.question(cli.t('peer.confirm-prompt', { fingerprint: formatFingerprint(card.fingerprint) })))
      .trim()
      .toLowerCase();
    return ['yes', 'sí', 'si', 'y', 's'].includes(answer) ? card.fingerprint : null;
  } finally {
    rl.close();
  }
}

export function registerPeerCommands(program: Command, run: Run, t: Translate): void {
  const peer = program.command('peer').description(t('cmd.peer'));

  peer
    .command('card')
    .description(t('cmd.peer.card'))
    .action(() =>
      run(async (cli) => {
        const ctx = await cli.open();
        try {
          cli.out(JSON.stringify(nodeCard(ctx), null, 2));
        } finally {
          await ctx.store.close();
        }
      }),
    );

  peer
    .command('add')
    .description(t('cmd.peer.add'))
    .option('--card <file>', t('opt.peer.card'))
    .option('--url <url>', t('opt.peer.url'))
    .option('--name <name>', t('opt.peer.name'))
    .option('--fingerprint <hex>', t('opt.peer.fingerprint'))
    .option('--yes', t('opt.peer.yes'))
    .action((o: { card?: string; url?: string; name?: string; fingerprint?: string; yes?: boolean }) =>
      run(async (cli) => {
        let card: NodeCard;
        if (o.card) {
          let raw: unknown;
          try {
            raw = JSON.parse(readFileSync(o.card, 'utf8'));
          } catch (e) {
            throw new EnlaceError('import.unreadable', { file: o.card, detail: (e as Error).message });
          }
          card = parseNodeCard(raw);
        } else if (o.url) card = await fetchNodeCard(o.url);
        else throw new CliFailure('peer.card-required');
        cli.out(
          cli.t('peer.card-fingerprint', {
            name: o.name ?? card.name,
            organisation: card.organisation,
            country: card.country,
            url: card.url,
          }),
        );
        const confirmed = o.fingerprint ?? (o.yes ? card.fingerprint : await confirmInteractively(cli, card));
        if (!confirmed) {
          cli.err(cli.t('peer.not-confirmed'));
          cli.exitCode = 1;
          return;
        }
        const ctx = await cli.open();
        try {
          const p = await addPeer(ctx, card, confirmed, o.name);
          cli.out(cli.t('peer.added', { name: p.name, fingerprint: formatFingerprint(p.fingerprint) }));
        } finally {
          await ctx.store.close();
        }
      }),
    );

  peer
    .command('list')
    .description(t('cmd.peer.list'))
    .action(() =>
      run(async (cli) => {
        const ctx = await cli.open();
        try {
          const peers = await ctx.store.listPeers();
          if (peers.length === 0) cli.out(cli.t('peer.none'));
          for (const p of peers) {
            cli.out(
              cli.t('peer.row', {
                name: p.name,
                country: p.country,
                organisation: p.organisation,
                url: p.url,
                fingerprint: formatFingerprint(p.fingerprint),
              }),
            );
          }
        } finally {
          await ctx.store.close();
        }
      }),
    );

  peer
    .command('remove <name>')
    .description(t('cmd.peer.remove'))
    .action((name: string) =>
      run(async (cli) => {
        const ctx = await cli.open();
        try {
          await removePeer(ctx, name);
          cli.out(cli.t('peer.removed', { name }));
        } finally {
          await ctx.store.close();
        }
      }),
    );
}
