import { resolve } from 'node:path';
import { EnlaceError } from '../errors/index.js';
import { langOf, translate, type Lang } from '../i18n/index.js';

/** Options every command shares, and the two ways a command speaks to people. */
export interface Cli {
  dir: string;
  lang: Lang;
  t: (key: string, params?: Record<string, string | number>) => string;
  out: (line: string) => void;
  err: (line: string) => void;
}

export function cliFrom(opts: { dir?: string; lang?: string }, env: NodeJS.ProcessEnv = process.env): Cli {
  const lang = langOf(opts.lang ?? env.ENLACE_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG);
  return {
    dir: resolve(opts.dir ?? env.ENLACE_DIR ?? '.enlace'),
    lang,
    t: (key, params) => translate(lang, 'cli', key, params),
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
  };
}

/** Renders any failure for a person, in their language; returns the exit code. */
export function reportFailure(cli: Cli, e: unknown): number {
  const message = e instanceof EnlaceError ? e.localized(cli.lang) : (e as Error).message ?? String(e);
  cli.err(cli.t('error.prefix', { message }));
  return 1;
}
