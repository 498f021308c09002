import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EnlaceError } from '../../errors/index.js';
import { policyDocument, savePolicy, type PolicyDocument } from '../../release/admin.js';
import type { Effect, PeerReleaseRules } from '../../release/policy/index.js';
import { PREVIEW_MAX_LIMIT, previewRelease, type PreviewResult } from '../../release/preview.js';
import { CliFailure, type Cli } from '../context.js';

type Run = (fn: (cli: Cli) => Promise<void>) => Promise<void>;
type Translate = (key: string, params?: Record<string, string | number>) => string;

const MAX_HISTORY = 200;

/**
 * Text from stored objects (names, selectors) made safe for a terminal: another node's object
 * could carry control characters that would rewrite the screen of the person reading a preview.
 */
function printable(text: string, max = 400): string {
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return safe.length > max ? `${safe.slice(0, max)}…` : safe;
}

/** A whole number option within bounds, or a usage failure naming it. */
function wholeNumber(value: string | undefined, min: number, max: number, failure: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value) || Number(value) < min || Number(value) > max)
    throw new CliFailure(failure, { value: value.slice(0, 40), max });
  return Number(value);
}

/** Who saved a policy from the command line: the operating-system user, as `enlace export` records it. */
const cliAuthor = (cli: Cli): string => `cli:${cli.io.env.USER ?? 'cli'}`;

function readPolicyFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new EnlaceError('import.unreadable', { file, detail: (e as Error).message });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CliFailure('policy.file-not-json', { file, detail: (e as Error).message.slice(0, 200) });
  }
}

/** `enlace policy show | set --file | history | preview --peer`. */
export function registerPolicyCommands(program: Command, run: Run, t: Translate): void {
  const policy = program.command('policy').description(t('cmd.policy'));

  policy
    .command('show')
    .description(t('cmd.policy.show'))
    .option('--json', t('opt.policy.json'))
    .action((o: { json?: boolean }) =>
      run(async (cli) => {
        const ctx = await cli.open();
        try {
          const doc = policyDocument(await ctx.release.refresh());
          if (o.json) cli.out(JSON.stringify(doc, null, 2));
          else printPolicy(cli, doc);
        } finally {
          await ctx.store.close();
        }
      }),
    );

  policy
    .command('set')
    .description(t('cmd.policy.set'))
    .requiredOption('--file <file>', t('opt.policy.file'))
    .action((o: { file: string }) =>
      run(async (cli) => {
        const input = readPolicyFile(o.file);
        const ctx = await cli.open();
        try {
          const doc = await savePolicy(ctx.release, input, cliAuthor(cli));
          cli.out(cli.t('policy.set.done', { version: doc.version }));
        } finally {
          await ctx.store.close();
        }
      }),
    );

  policy
    .command('history')
    .description(t('cmd.policy.history'))
    .option('--limit <n>', t('opt.policy.history-limit'))
    .option('--json', t('opt.policy.json'))
    .action((o: { limit?: string; json?: boolean }) =>
      run(async (cli) => {
        const limit = wholeNumber(o.limit, 1, MAX_HISTORY, 'policy.bad-limit') ?? 50;
        const ctx = await cli.open();
        try {
          const versions = (await ctx.release.history(limit)).map(policyDocument);
          if (o.json) {
            cli.out(JSON.stringify({ versions }, null, 2));
            return;
          }
          if (versions.length === 0) cli.out(cli.t('policy.history.none'));
          versions.forEach((v, i) => {
            const current = i === 0 ? cli.t('policy.history.current') : '';
            cli.out(cli.t('policy.history.row', { version: v.version, at: v.saved_at ?? '-', author: printable(v.author, 120), current }));
          });
        } finally {
          await ctx.store.close();
        }
      }),
    );

  policy
    .command('preview')
    .description(t('cmd.policy.preview'))
    .requiredOption('--peer <name>', t('opt.policy.peer'))
    .option('--id <stix-id>', t('opt.policy.id'), (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--collection <idOrAlias>', t('opt.policy.collection'))
    .option('--limit <n>', t('opt.policy.limit'))
    .option('--after <position>', t('opt.policy.after'))
    .option('--json', t('opt.policy.json'))
    .action((o: { peer: string; id: string[]; collection?: string; limit?: string; after?: string; json?: boolean }) =>
      run(async (cli) => {
        const limit = wholeNumber(o.limit, 1, PREVIEW_MAX_LIMIT, 'policy.bad-limit');
        const afterSeq = wholeNumber(o.after, 0, Number.MAX_SAFE_INTEGER, 'policy.bad-after');
        const ctx = await cli.open();
        try {
          const result = await previewRelease(ctx, {
            peer: o.peer,
            ...(o.id.length > 0 ? { ids: o.id } : {}),
            collection: o.collection,
            limit,
            afterSeq,
          });
          if (o.json) cli.out(JSON.stringify(result, null, 2));
          else printPreview(cli, result);
        } finally {
          await ctx.store.close();
        }
      }),
    );
}

/** What each reason did, at a glance: let through, held back, or cut out. */
const MARKS: Record<Effect, string> = { release: '✓', withhold: '✗', redact: '✂' };

function printRules(cli: Cli, r: PeerReleaseRules): void {
  const yesNo = (b: boolean) => cli.t(b ? 'policy.yes' : 'policy.no');
  const grading = r.min_grading
    ? `${r.min_grading.source_reliability}${r.min_grading.information_credibility}`
    : cli.t('policy.no-grading');
  cli.out(
    cli.t('policy.show.rules', {
      green: yesNo(r.allow_green),
      amber: yesNo(r.allow_amber),
      ceiling: r.ceiling.toUpperCase(),
      thirdParty: yesNo(r.allow_third_party),
      grading,
    }),
  );
}

function printPolicy(cli: Cli, doc: PolicyDocument): void {
  cli.out(
    doc.saved
      ? cli.t('policy.show.saved', { version: doc.version, at: doc.saved_at ?? '-', author: printable(doc.author, 120) })
      : cli.t('policy.show.builtin', { version: doc.version }),
  );
  cli.out(cli.t('policy.show.unmarked', { level: doc.policy.unmarked_as.toUpperCase() }));
  cli.out(cli.t('policy.show.default'));
  printRules(cli, doc.policy.default);
  for (const name of Object.keys(doc.policy.peers).sort()) {
    const rules = doc.policy.peers[name];
    if (!rules) continue;
    cli.out(cli.t('policy.show.peer', { peer: name }));
    printRules(cli, rules);
  }
}

function printPreview(cli: Cli, r: PreviewResult): void {
  cli.out(
    cli.t('policy.preview.header', {
      peer: r.peer.name,
      organisation: printable(r.peer.organisation, 120),
      country: r.peer.country,
      collection: r.collection.alias ?? r.collection.id,
      version: r.policy.version,
    }),
  );
  cli.out('');
  if (r.objects.length === 0) cli.out(cli.t('policy.preview.none'));
  for (const o of r.objects) {
    cli.out(
      cli.t('policy.preview.object', {
        id: o.id,
        type: o.type,
        name: o.name === undefined ? '' : `  "${printable(o.name, 120)}"`,
        version: o.version,
      }),
    );
    cli.out(cli.t(`policy.preview.${o.decision}`));
    for (const reason of o.reasons)
      cli.out(cli.t('policy.preview.reason', { mark: MARKS[reason.effect], text: printable(reason.text[cli.lang]) }));
    if (o.withheld_properties && o.withheld_properties.length > 0) {
      cli.out(cli.t('policy.preview.withheld', { list: printable(o.withheld_properties.join(', '), 2000) }));
    }
    cli.out('');
  }
  if (r.not_found) cli.out(cli.t('policy.preview.not-found', { ids: r.not_found.join(', ') }));
  cli.out(cli.t('policy.preview.summary', { ...r.summary }));
  if (r.more && r.next_after !== undefined) cli.out(cli.t('policy.preview.more', { after: r.next_after }));
}
