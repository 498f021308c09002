import type { Command } from 'commander';
import { createAccount, issueApiToken } from '../../accounts/service.js';
import { formatFingerprint } from '../../crypto/index.js';
import { EnlaceError } from '../../errors/index.js';
import { openNode } from '../../node/open.js';
import { SyncEngine } from '../../sync/engine.js';
import type { Cli } from '../context.js';

type Run = (fn: (cli: Cli) => Promise<void>) => Promise<void>;

export function registerAdminCommands(program: Command, run: Run): void {
  program
    .command('status')
    .description("show the node, its collections and each peer's sync state")
    .option('--json', 'machine-readable output')
    .action((o: { json?: boolean }) =>
      run(async (cli) => {
        const ctx = await openNode(cli.dir);
        try {
          const collections = await Promise.all(
            (await ctx.store.listCollections()).map(async (c) => ({ id: c.id, alias: c.alias ?? '-', count: await ctx.store.countObjects(c.id) })),
          );
          const peers = await new SyncEngine(ctx).status();
          if (o.json) {
            cli.out(JSON.stringify({ node: ctx.identity, store: ctx.store.backend, collections, peers }, null, 2));
            return;
          }
          const id = ctx.identity;
          cli.out(cli.t('status.node', { name: id.name, organisation: id.organisation, country: id.country, store: ctx.store.backend, fingerprint: formatFingerprint(id.fingerprint) }));
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
            if (p.lastFailure && p.lastFailureReason) cli.out(cli.t('status.peer-failure', { at: p.lastFailure, reason: p.lastFailureReason }));
          }
        } finally {
          await ctx.store.close();
        }
      }),
    );

  const account = program.command('account').description('accounts that people and tools sign in with');
  account
    .command('add <username>')
    .description('create an account')
    .requiredOption('--role <roles>', 'comma-separated: analyst, liaison, supervisor, admin, connector')
    .option('--password <password>', 'password (or set ENLACE_PASSWORD)')
    .option('--display-name <name>', 'name shown to people')
    .option('--locale <locale>', 'en or es-MX')
    .action((username: string, o: { role: string; password?: string; displayName?: string; locale?: string }) =>
      run(async (cli) => {
        const password = o.password ?? process.env.ENLACE_PASSWORD;
        if (!password) throw new EnlaceError('http.bad-request', { detail: cli.t('account.password-required') });
        const ctx = await openNode(cli.dir);
        try {
          const roles = o.role.split(',').map((r) => r.trim());
          await createAccount(ctx.store, { username, password, roles, displayName: o.displayName, locale: o.locale ?? null });
          cli.out(cli.t('account.added', { username, roles: roles.join(', ') }));
        } finally {
          await ctx.store.close();
        }
      }),
    );

  const token = program.command('token').description('API tokens for tools (OpenCTI, MISP, scripts)');
  token
    .command('create <username>')
    .description('issue an API token for an account; it is shown once')
    .option('--label <label>', 'what the token is for', 'api')
    .action((username: string, o: { label: string }) =>
      run(async (cli) => {
        const ctx = await openNode(cli.dir);
        try {
          const acct = await ctx.store.getAccountByUsername(username);
          if (!acct) throw new EnlaceError('http.bad-request', { detail: cli.t('error.unknown-account', { username }) });
          cli.out(cli.t('token.created', { username, token: await issueApiToken(ctx.store, acct.id, o.label) }));
        } finally {
          await ctx.store.close();
        }
      }),
    );
}
