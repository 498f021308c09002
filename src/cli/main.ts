#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { cliFrom, reportFailure, type Cli } from './context.js';
import { registerAdminCommands } from './commands/admin.js';
import { registerDataCommands } from './commands/data.js';
import { registerNodeCommands } from './commands/node.js';
import { registerPeerCommands } from './commands/peers.js';

/** Builds the `enlace` program; exported so that tests can run commands in-process. */
export function buildProgram(): Command {
  const early = cliFrom(earlyOptions(process.argv));
  const program = new Command('enlace')
    .description(early.t('program.description'))
    .option('--dir <dir>', early.t('opt.dir'))
    .option('--lang <lang>', early.t('opt.lang'))
    .exitOverride();
  const run = async (fn: (cli: Cli) => Promise<void>): Promise<void> => {
    const cli = cliFrom(program.opts<{ dir?: string; lang?: string }>());
    try {
      await fn(cli);
    } catch (e) {
      process.exitCode = reportFailure(cli, e);
    }
  };
  registerNodeCommands(program, run);
  registerPeerCommands(program, run);
  registerDataCommands(program, run);
  registerAdminCommands(program, run);
  return program;
}

/** `--lang` must be known before commander renders help texts. */
function earlyOptions(argv: string[]): { dir?: string; lang?: string } {
  const i = argv.indexOf('--lang');
  const eq = argv.find((a) => a.startsWith('--lang='));
  return { lang: i >= 0 ? argv[i + 1] : eq?.slice('--lang='.length) };
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    process.exitCode = reportFailure(cliFrom(earlyOptions(process.argv)), e);
  }
}

await main();
