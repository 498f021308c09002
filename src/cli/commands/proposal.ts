import type { Command } from 'commander';
import { permissionsOf } from '../../accounts/model.js';
import type { NodeContext } from '../../node/context.js';
import { LIST_MAX_LIMIT, PROPOSAL_STATES, type Actor, type ListOptions, type ProposalView } from '../../proposals/model.js';
import { decide, listProposals, propose } from '../../proposals/service.js';
import { CliFailure, type Cli } from '../context.js';

type Run = (fn: (cli: Cli) => Promise<void>) => Promise<void>;
type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * Whoever runs `enlace` on the node's own data directory already holds its key and its store:
 * the command acts as the node's operator, as `enlace policy set` does, under a name that says so.
 */
const operator = (cli: Cli): Actor => ({ username: `cli:${cli.io.env.USER ?? 'cli'}`, permissions: permissionsOf(['admin']) });

/**
 * Text from stored objects made safe for a terminal: a partner's proposal could carry control
 * characters that would rewrite the screen of the person reading it.
 */
function printable(text: string, max = 400): string {
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return safe.length > max ? `${safe.slice(0, max)}…` : safe;
}

/** `name=value`: the value as JSON when it parses (numbers, lists, objects, quoted text), else as text. */
export function parseSetting(setting: string): [string, unknown] {
  const at = setting.indexOf('=');
  if (at < 1) throw new CliFailure('proposal.bad-set', { value: setting.slice(0, 80) });
  const text = setting.slice(at + 1);
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // not JSON: the text itself
  }
  return [setting.slice(0, at), value];
}

function settings(list: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of list) {
    const [name, value] = parseSetting(s);
    if (Object.hasOwn(out, name)) throw new CliFailure('proposal.set-twice', { name: name.slice(0, 80) });
    // defineProperty: a name such as __proto__ stays a plain key, and the service refuses it by name.
    Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

async function withNode(cli: Cli, fn: (ctx: NodeContext) => Promise<void>): Promise<void> {
  const ctx = await cli.open();
  try {
    await fn(ctx);
  } finally {
    await ctx.store.close();
  }
}

const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];

/** `enlace proposal create | list | accept | reject`. */
export function registerProposalCommands(program: Command, run: Run, t: Translate): void {
  const proposal = program.command('proposal').description(t('cmd.proposal'));

  proposal
    .command('create')
    .description(t('cmd.proposal.create'))
    .requiredOption('--target <stix-id>', t('opt.proposal.target'))
    // No default list given to commander: it would print "(default: [])" in English in the help.
    .option('--set <name=value>', t('opt.proposal.set'), collect)
    .option('--remove <property>', t('opt.proposal.remove'), collect)
    .requiredOption('--rationale <text>', t('opt.proposal.rationale'))
    .option('--json', t('opt.proposal.json'))
    .action((o: { target: string; set?: string[]; remove?: string[]; rationale: string; json?: boolean }) =>
      run(async (cli) => {
        const changes = settings(o.set ?? []);
        await withNode(cli, async (ctx) => {
          const made = await propose(ctx, operator(cli), { targetId: o.target, changes, removals: o.remove ?? [], rationale: o.rationale });
          if (o.json) return cli.out(JSON.stringify(made, null, 2));
          const originator = made.target_originator === null ? '?' : await nameOf(ctx, made.target_originator);
          cli.out(cli.t('proposal.created', { id: made.id, target: made.target_ref, version: made.target_version, originator }));
        });
      }),
    );

  proposal
    .command('list')
    .description(t('cmd.proposal.list'))
    .option('--state <state>', t('opt.proposal.state'))
    .option('--mine', t('opt.proposal.mine'))
    .option('--theirs', t('opt.proposal.theirs'))
    .option('--limit <n>', t('opt.proposal.limit'))
    .option('--json', t('opt.proposal.json'))
    .action((o: { state?: string; mine?: boolean; theirs?: boolean; limit?: string; json?: boolean }) =>
      run(async (cli) => {
        const options = listOptions(o);
        await withNode(cli, async (ctx) => {
          const proposals = await listProposals(ctx, operator(cli), options);
          if (o.json) return cli.out(JSON.stringify({ proposals }, null, 2));
          if (proposals.length === 0) cli.out(cli.t('proposal.none'));
          for (const p of proposals) await printProposal(cli, ctx, p);
        });
      }),
    );

  proposal
    .command('accept')
    .description(t('cmd.proposal.accept'))
    .argument('<id>', t('arg.proposal.id'))
    .option('--reason <text>', t('opt.proposal.reason'))
    .option('--force', t('opt.proposal.force'))
    .option('--json', t('opt.proposal.json'))
    .action((id: string, o: { reason?: string; force?: boolean; json?: boolean }) =>
      run(async (cli) =>
        withNode(cli, async (ctx) => {
          const input = { decision: 'accept' as const, ...(o.reason !== undefined ? { reason: o.reason } : {}), force: o.force === true };
          const done = await decide(ctx, operator(cli), id, input);
          if (o.json) return cli.out(JSON.stringify(done, null, 2));
          cli.out(
            cli.t('proposal.accepted', { id: done.proposal.id, target: done.proposal.target_ref, version: done.resulting_version ?? '?' }),
          );
        }),
      ),
    );

  proposal
    .command('reject')
    .description(t('cmd.proposal.reject'))
    .argument('<id>', t('arg.proposal.id'))
    .requiredOption('--reason <text>', t('opt.proposal.reject-reason'))
    .option('--json', t('opt.proposal.json'))
    .action((id: string, o: { reason: string; json?: boolean }) =>
      run(async (cli) =>
        withNode(cli, async (ctx) => {
          const done = await decide(ctx, operator(cli), id, { decision: 'reject', reason: o.reason });
          if (o.json) return cli.out(JSON.stringify(done, null, 2));
          cli.out(cli.t('proposal.rejected', { id: done.proposal.id }));
        }),
      ),
    );
}

function listOptions(o: { state?: string; mine?: boolean; theirs?: boolean; limit?: string }): ListOptions {
  const out: ListOptions = {};
  if (o.state !== undefined) {
    if (o.state !== 'all' && !(PROPOSAL_STATES as readonly string[]).includes(o.state))
      throw new CliFailure('proposal.bad-state', { value: o.state.slice(0, 40) });
    out.state = o.state as ListOptions['state'];
  }
  if (o.mine && o.theirs) throw new CliFailure('proposal.mine-and-theirs');
  if (o.mine) out.whose = 'mine';
  if (o.theirs) out.whose = 'theirs';
  if (o.limit !== undefined) {
    if (!/^\d{1,7}$/.test(o.limit) || Number(o.limit) < 1 || Number(o.limit) > LIST_MAX_LIMIT) {
      throw new CliFailure('proposal.bad-limit', { value: o.limit.slice(0, 40), max: LIST_MAX_LIMIT });
    }
    out.limit = Number(o.limit);
  }
  return out;
}

/** A partner's local name for its identity, else the identity itself. */
async function nameOf(ctx: NodeContext, identityId: string): Promise<string> {
  return (await ctx.store.getPeerByIdentity(identityId))?.name ?? identityId;
}

async function printProposal(cli: Cli, ctx: NodeContext, p: ProposalView): Promise<void> {
  const whose = p.mine ? cli.t('proposal.made-here') : cli.t('proposal.made-by', { proposer: await nameOf(ctx, p.proposer) });
  cli.out(
    cli.t('proposal.row', {
      id: p.id,
      state: cli.t(`proposal.state.${p.state}`),
      stale: p.stale ? cli.t('proposal.row-stale') : '',
      whose,
      created: p.created,
    }),
  );
  cli.out(
    cli.t('proposal.row-target', {
      target: p.target_ref,
      version: printable(p.target_version, 40),
      current: p.target_current_version ?? cli.t('proposal.not-held'),
    }),
  );
  for (const [property, value] of Object.entries(p.changes)) {
    cli.out(cli.t('proposal.row-set', { property: printable(property, 250), value: printable(JSON.stringify(value)) }));
  }
  for (const property of p.removals) cli.out(cli.t('proposal.row-remove', { property: printable(property, 250) }));
  cli.out(cli.t('proposal.row-rationale', { text: printable(p.rationale, 2000) }));
  if (p.response !== undefined) {
    const version =
      p.response.resulting_version !== undefined
        ? cli.t('proposal.row-version', { version: printable(p.response.resulting_version, 40) })
        : '';
    cli.out(
      cli.t('proposal.row-response', {
        decision: cli.t(`proposal.state.${p.response.decision}`),
        at: printable(p.response.created, 40),
        version,
      }),
    );
    if (p.response.reason !== undefined) cli.out(cli.t('proposal.row-reason', { text: printable(p.response.reason, 2000) }));
  }
  cli.out('');
}
