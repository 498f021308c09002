import type { Command } from 'commander';
import { listAccess, MAX_ACCESS_PER_REQUEST } from '../../audit/access-log.js';
import { auditOf } from '../../audit/node-audit.js';
import { discrepancyMessage, peerNamed, renderVerdict, verifyWithPeer, type NodeVerdict } from '../../audit/node-verify.js';
import { formatTimestampUs } from '../../stix/index.js';
import { PeerClient } from '../../sync/client.js';
import { CliFailure, type Cli } from '../context.js';

type Run = (fn: (cli: Cli) => Promise<void>) => Promise<void>;
type Translate = (key: string, params?: Record<string, string | number>) => string;

/** A whole number option within bounds, or a usage failure naming it. */
function wholeNumber(value: string | undefined, fallback: number, min: number, max: number, failure: string): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) throw new CliFailure(failure, { value: value.slice(0, 40) });
  return Number(value);
}

/** `enlace audit head | verify --peer <name> | access`. */
export function registerAuditCommands(program: Command, run: Run, t: Translate): void {
  const audit = program.command('audit').description(t('cmd.audit'));

  audit
    .command('head')
    .description(t('cmd.audit.head'))
    .option('--json', t('opt.audit.json'))
    .action((o: { json?: boolean }) =>
      run(async (cli) => {
        const ctx = await cli.open();
        try {
          const head = await auditOf(ctx).treeHead();
          if (o.json) {
            cli.out(JSON.stringify(head, null, 2));
            return;
          }
          cli.out(cli.t('audit.head.size', { name: ctx.identity.name, size: head.tree_size }));
          cli.out(cli.t('audit.head.root', { root: head.root_hash }));
          cli.out(cli.t('audit.head.time', { at: formatTimestampUs(head.timestamp, 3) }));
          cli.out(cli.t('audit.head.log-id', { logId: head.log_id }));
        } finally {
          await ctx.store.close();
        }
      }),
    );

  audit
    .command('verify')
    .description(t('cmd.audit.verify'))
    .requiredOption('--peer <name>', t('opt.audit.peer'))
    .option('--grace <seconds>', t('opt.audit.grace'))
    .option('--json', t('opt.audit.json'))
    .action((o: { peer: string; grace?: string; json?: boolean }) =>
      run(async (cli) => {
        const graceUs = wholeNumber(o.grace, 600, 0, 86_400, 'audit.bad-grace') * 1_000_000;
        const ctx = await cli.open();
        try {
          const peer = await peerNamed(ctx, o.peer);
          const verdict = await verifyWithPeer(ctx, new PeerClient(ctx, peer), { graceUs });
          if (o.json) cli.out(JSON.stringify(renderVerdict(verdict, cli.lang), null, 2));
          else printVerdict(cli, ctx.identity.name, verdict);
          cli.exitCode = verdict.ok ? 0 : 1;
        } finally {
          await ctx.store.close();
        }
      }),
    );

  audit
    .command('access')
    .description(t('cmd.audit.access'))
    .option('--limit <n>', t('opt.audit.limit'))
    .option('--account <username>', t('opt.audit.account'))
    .option('--json', t('opt.audit.json'))
    .action((o: { limit?: string; account?: string; json?: boolean }) =>
      run(async (cli) => {
        const limit = wholeNumber(o.limit, 50, 1, MAX_ACCESS_PER_REQUEST, 'audit.bad-limit');
        const ctx = await cli.open();
        try {
          const rows = await listAccess(ctx, { limit, ...(o.account ? { account: o.account } : {}) });
          if (o.json) {
            cli.out(JSON.stringify({ entries: rows }, null, 2));
            return;
          }
          if (rows.length === 0) cli.out(cli.t('audit.access.none'));
          for (const r of rows) {
            cli.out(
              cli.t('audit.access.row', {
                at: r.at,
                seq: r.seq,
                account: r.account,
                action: cli.t(`audit.access.${r.action}`),
                objectId: r.object_id,
                version: r.version,
                flag: r.intact ? '' : cli.t('audit.access.altered'),
              }),
            );
          }
          // An access log that no longer matches its Merkle log is a finding, like a failed audit.
          if (rows.some((r) => !r.intact)) cli.exitCode = 1;
        } finally {
          await ctx.store.close();
        }
      }),
    );
}

function printVerdict(cli: Cli, own: string, v: NodeVerdict): void {
  cli.out(
    v.ok
      ? cli.t('audit.verify.pass', { own, peer: v.peer })
      : cli.t('audit.verify.fail', { own, peer: v.peer, count: v.discrepancies.length }),
  );
  for (const log of v.logs) cli.out(cli.t('audit.verify.log', { name: log.name, size: log.tree_size, heads: log.heads }));
  cli.out(cli.t('audit.verify.counts', { matched: v.matched, pending: v.pending }));
  for (const d of v.discrepancies) {
    cli.out(cli.t('audit.verify.item', { code: d.code, message: discrepancyMessage(d, cli.lang) }));
    if (d.head) cli.out(cli.t(`audit.verify.head.${d.head.origin}`, { at: d.head.received ?? '?' }));
  }
  if (v.truncated) cli.out(cli.t('audit.verify.truncated'));
}
