import type { Command } from 'commander';
import { createAccount, issueApiToken } from '../../accounts/service.js';
import { formatFingerprint } from '../../crypto/index.js';
import { SyncEngine } from '../../sync/engine.js';
import { CliFailure, type Cli } from '../context.js';

type Run = (fn: (cli: Cli) => Promise<void>) => Promise<void>;
type Translate = (key: string, params?: Record<string, string | number>) => string;

export function registerAdminCommands(program: Command, run: Run, t: Translate): void {
  program
    .command('status')
    .description(t('cmd.status'))
    .option('--json', t('opt.status.json'))
    .action((o: { json?: boolean }) =>
      run(async (cli) => {
        const ctx = await cli.open();
        try {
          const collections = await Promise.all(
            (await ctx.store.listCollections()).map(async (c) => ({
              id: c.id,
              alias: c.alias ?? '-',
              count: await ctx.store.countObjects(c.id),
            })),
          );
          const peers = await new SyncEngine(ctx).status();
          if (o.json) {
            cli.out(JSON.stringify({ node: ctx.identity, store: ctx.store.backend, collections, peers }, null, 2));
            return;
          }
          const id = ctx.identity;
          cli.out(
            cli.t('status.node', {
              name: id.name,
              organisation: id.organisation,
              country: id.country,
              store: ctx.store.backend,
              fingerprint: formatFingerprint(id.fingerprint),
            }),
          );
          for (const c of collections) cli.out(cli.t('status.collection', c));
          if (peers.length === 0) cli.out(cli.t('peer.none'));
          for (const p of peers) {
            cli.out(
              cli.t('status.peer', {
                peer: p.peer,
                state: cli.t(`status.state.${p.state}`),
                lastSuccess: p.lastSuccess ?? cli.t('status.never'),
                incoming: p.lagObjects.incoming,
                outgoing: p.lagObjects.outgoing,
                lagSeconds: p.lagSeconds,
                pulled: p.pulledTotal,
                pushed: p.pushedTotal,
                rejected: p.rejectedTotal,
              }),
            );
            if (p.lastFailure && p.lastFailureReason)
              cli.out(cli.t('status.peer-failure', { at: p.lastFailure, reason: p.lastFailureReason }));
            if (p.revokedByPeer > 0) cli.out(cli.t('status.peer-revoked', { count: p.revokedByPeer }));
            if (p.audit.state === 'failing')
              cli.out(cli.t('status.audit-failure', { at: p.audit.lastFailure ?? '?', reason: p.audit.lastFailureReason ?? '?' }));
          }
        } finally {
          await ctx.store.close();
        }
      }),
    );

  const account = program.command('account').description(t('cmd.account'));
  account
    .command('add <username>')
    .description(t('cmd.account.add'))
    .requiredOption('--role <roles>', t('opt.account.role'))
    .option('--password <password>', t('opt.account.password'))
    .option('--display-name <name>', t('opt.account.display-name'))
    .option('--locale <locale>', t('opt.account.locale'))
    .action((username: string, o: { role: string; password?: string; displayName?: string; locale?: string }) =>
      run(async (cli) => {
        const password = o.password ?? cli.io.env.ENLACE_PASSWORD;
        if (!password) throw new CliFailure('account.password-required');
        const ctx = await cli.open();
        try {
          const roles = o.role.split(',').map((r) => r.trim());
          await createAccount(ctx.store, { username, password, roles, displayName: o.displayName, locale: o.locale ?? null });
          cli.out(cli.t('account.added', { username, roles: roles.join(', ') }));
        } finally {
          await ctx.store.close();
        }
      }),
    );

  const token = program.command('token').description(t('cmd.token'));
  token
    .command('create <username>')
    .description(t('cmd.token.create'))
    .option('--label <label>', t('opt.token.label'))
    .action((username: string, o: { label?: string }) =>
      run(async (cli) => {
        const ctx = await cli.open();
        try {
          const acct = await ctx.store.getAccountByUsername(username);
          if (!acct) throw new CliFailure('error.unknown-account', { username });
          cli.out(cli.t('token.created', { username, token: await issueApiToken(ctx.store, acct.id, o.label ?? 'api') }));
        } finally {
          await ctx.store.close();
        }
      }),
    );
}
