import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import pino from 'pino';
import { EnlaceError } from '../errors/index.js';
import { langOf, translate, type Lang } from '../i18n/index.js';
import type { NodeContext } from '../node/context.js';
import { openNode } from '../node/open.js';

/** What a run of `enlace` reads and writes: the process's own, or a test's. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: Writable;
  stderr: Writable;
  stdin: Readable & { isTTY?: boolean };
}

export const processIo = (): CliIo => ({ env: process.env, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });

/** Options every command shares, and the ways a command speaks to people. */
export interface Cli {
  dir: string;
  lang: Lang;
  io: CliIo;
  t: (key: string, params?: Record<string, string | number>) => string;
  out: (line: string) => void;
  err: (line: string) => void;
  /** The exit status the command ends with; 0 unless it sets another. */
  exitCode: number;
  /** Opens the node in `dir`; its log goes to stderr, errors only unless ENLACE_LOG_LEVEL says otherwise. */
  open: (logLevel?: string) => Promise<NodeContext>;
}

export function cliFrom(opts: { dir?: string; lang?: string }, io: CliIo = processIo()): Cli {
  const { env } = io;
  const lang = langOf(opts.lang ?? env.ENLACE_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG);
  const dir = resolve(opts.dir ?? env.ENLACE_DIR ?? '.enlace');
  return {
    dir,
    lang,
    io,
    t: (key, params) => translate(lang, 'cli', key, params),
    out: (line) => io.stdout.write(line + '\n'),
    err: (line) => io.stderr.write(line + '\n'),
    exitCode: 0,
    // Logs are for operators: on stderr, so that stdout stays what the command prints (a bundle, JSON).
    open: (logLevel = 'error') => openNode(dir, { env, log: pino({ level: env.ENLACE_LOG_LEVEL ?? logLevel }, io.stderr) }),
  };
}

/** A failure the command itself finds (not a service's), worded from the CLI's own catalogue. */
export class CliFailure extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'CliFailure';
  }
}

/** Renders any failure for a person, in their language; returns the exit code. */
export function reportFailure(cli: Cli, e: unknown): number {
  const message =
    e instanceof EnlaceError
      ? e.localized(cli.lang)
      : e instanceof CliFailure
        ? cli.t(e.key, e.params)
        : ((e as Error).message ?? String(e));
  cli.err(cli.t('error.prefix', { message }));
  return 1;
}
