import { Command, CommanderError } from 'commander';
import { cliFrom, reportFailure, type Cli, type CliIo } from './context.js';
import { registerAdminCommands } from './commands/admin.js';
import { registerAuditCommands } from './commands/audit.js';
import { registerDataCommands } from './commands/data.js';
import { registerNodeCommands } from './commands/node.js';
import { registerPeerCommands } from './commands/peers.js';
import { registerPolicyCommands } from './commands/policy.js';
import { registerProposalCommands } from './commands/proposal.js';

/** Commander's own headings, as it passes them to `styleTitle`. */
const HELP_TITLES: Record<string, string> = {
  'Usage:': 'help.usage',
  'Options:': 'help.options',
  'Commands:': 'help.commands',
  'Arguments:': 'help.arguments',
  'Global Options:': 'help.global-options',
};

/**
 * Builds the `enlace` program for one run. Commands leave their exit status in `status.code`.
 * `argv` is only read here for `--lang`, which help texts need before commander parses anything.
 */
export function buildProgram(argv: string[], io: CliIo, status: { code: number }): Command {
  const early = cliFrom(earlyOptions(argv), io);
  const program = new Command('enlace');
  // Set before any subcommand is added: subcommands copy these settings when created.
  program
    .exitOverride()
    // Usage errors are written by `runEnlace`, in the reader's language, from the error's code.
    .configureOutput({ outputError: () => undefined, writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .configureHelp({ styleTitle: (title) => (HELP_TITLES[title] ? early.t(HELP_TITLES[title]) : title) })
    .helpOption('-h, --help', early.t('help.option'))
    .helpCommand('help [command]', early.t('help.command'))
    .description(early.t('program.description'))
    .option('--dir <dir>', early.t('opt.dir'))
    .option('--lang <lang>', early.t('opt.lang'));
  const run = async (fn: (cli: Cli) => Promise<void>): Promise<void> => {
    const cli = cliFrom(program.opts<{ dir?: string; lang?: string }>(), io);
    try {
      await fn(cli);
      status.code = cli.exitCode;
    } catch (e) {
      status.code = reportFailure(cli, e);
    }
  };
  registerNodeCommands(program, run, early.t);
  registerPeerCommands(program, run, early.t);
  registerDataCommands(program, run, early.t);
  registerAdminCommands(program, run, early.t);
  registerAuditCommands(program, run, early.t);
  registerPolicyCommands(program, run, early.t);
  registerProposalCommands(program, run, early.t);
  return program;
}

/** `--lang` must be known before commander renders help texts. */
function earlyOptions(argv: string[]): { dir?: string; lang?: string } {
  const i = argv.indexOf('--lang');
  const eq = argv.find((a) => a.startsWith('--lang='));
  return { lang: i >= 0 ? argv[i + 1] : eq?.slice('--lang='.length) };
}

/** A usage error commander found, in the reader's language (commander words them in English only). */
function usageError(cli: Cli, e: CommanderError): string {
  const quoted = /'([^']*)'/.exec(e.message)?.[1] ?? '';
  const suggestion = /Did you mean (?:one of )?(.+?)\?/i.exec(e.message)?.[1];
  const hint = suggestion ? cli.t('usage.did-you-mean', { value: suggestion }) : '';
  const kind = e.code.replace(/^commander\./, '');
  const known = [
    'unknownCommand',
    'unknownOption',
    'missingArgument',
    'optionMissingArgument',
    'missingMandatoryOptionValue',
    'excessArguments',
  ];
  const text = known.includes(kind)
    ? cli.t(`usage.${kind}`, { value: quoted, hint })
    : cli.t('usage.other', { value: e.message.replace(/^error: /, '') });
  return `${cli.t('error.prefix', { message: text })}\n${cli.t('usage.see-help')}`;
}

/**
 * Runs `enlace` with these arguments (`argv` as in `process.argv`) and returns the exit status:
 * 0, 1 when the command failed, 2 for a usage error.
 */
export async function runEnlace(argv: string[], io: CliIo): Promise<number> {
  const status = { code: 0 };
  try {
    await buildProgram(argv, io, status).parseAsync(argv);
    return status.code;
  } catch (e) {
    const cli = cliFrom(earlyOptions(argv), io);
    if (e instanceof CommanderError) {
      // Help already went out (on stderr when it stands for an error, e.g. no command given).
      const helpShown = ['commander.help', 'commander.helpDisplayed', 'commander.version'].includes(e.code);
      if (!helpShown) io.stderr.write(usageError(cli, e) + '\n');
      return e.exitCode === 0 ? 0 : 2;
    }
    return reportFailure(cli, e);
  }
}
