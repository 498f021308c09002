import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { formatFingerprint } from '../../crypto/index.js';
import { EnlaceError } from '../../errors/index.js';
import { openNode } from '../../node/open.js';
import { addPeer, fetchNodeCard, nodeCard, parseNodeCard, removePeer, type NodeCard } from '../../peers/service.js';
import type { Cli } from '../context.js';

type Run = (fn: (cli: Cli) => Promise<void>) => Promise<void>;

async function confirmInteractively(cli: Cli, card: NodeCard): Promise<string | null> {
  if (!process.stdin.isTTY) return null;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(cli.t('peer.confirm-prompt', { fingerprint: formatFingerprint(card.fingerprint) }))).trim().toLowerCase();
    return ['yes', 'sí', 'si', 'y', 's'].includes(answer) ? card.fingerprint : null;
  } finally {
    rl.close();
  }
}

export function registerPeerCommands(program: Command, run: Run): void {
  const peer = program.command('peer').description('pin, list and remove partner nodes');

  peer
    .command('card')
    .description("print this node's card (identity, key, URL) to give to a partner")
    .action(() =>
      run(async (cli) => {
        const ctx = await openNode(cli.dir);
        try {
          cli.out(JSON.stringify(nodeCard(ctx), null, 2));
        } finally {
          await ctx.store.close();
        }
      }),
    );

  peer
    .command('add')
    .description("pin a partner node from its card (file or URL), after confirming its key fingerprint")
    .option('--card <file>', "the partner's node card (from `enlace peer card`)")
    .option('--url <url>', "fetch the partner's card from its node")
    .option('--name <name>', 'local name for the peer (default: the name in its card)')
    .option('--fingerprint <hex>', 'the fingerprint your partner read to you (confirms the key)')
    .option('--yes', 'the fingerprint shown was confirmed out of band')
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
        else throw new EnlaceError('http.bad-request', { detail: '--card <file> or --url <url> is required' });
        cli.out(cli.t('peer.card-fingerprint', { name: o.name ?? card.name, organisation: card.organisation, country: card.country, url: card.url }));
        const confirmed = o.fingerprint ?? (o.yes ? card.fingerprint : await confirmInteractively(cli, card));
        if (!confirmed) {
          cli.err(cli.t('peer.not-confirmed'));
          process.exitCode = 1;
          return;
        }
        const ctx = await openNode(cli.dir);
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
    .description('list pinned peers')
    .action(() =>
      run(async (cli) => {
        const ctx = await openNode(cli.dir);
        try {
          const peers = await ctx.store.listPeers();
          if (peers.length === 0) cli.out(cli.t('peer.none'));
          for (const p of peers) {
            cli.out(cli.t('peer.row', { name: p.name, country: p.country, organisation: p.organisation, url: p.url, fingerprint: formatFingerprint(p.fingerprint) }));
          }
        } finally {
          await ctx.store.close();
        }
      }),
    );

  peer
    .command('remove <name>')
    .description('unpin a peer: its key is no longer trusted')
    .action((name: string) =>
      run(async (cli) => {
        const ctx = await openNode(cli.dir);
        try {
          await removePeer(ctx, name);
          cli.out(cli.t('peer.removed', { name }));
        } finally {
          await ctx.store.close();
        }
      }),
    );
}
