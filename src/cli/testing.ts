/**
 * Runs the built `enlace` command as a child process for tests (not used by the node), and keeps
 * track of every child so that an `after` hook can kill whatever a failed test left running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { CLI_ENTRY } from '../demo/nodes.js';
import { runEnlace } from './program.js';

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const running = new Set<ChildProcess>();

/** The environment a person with an English locale would have; `env` adds or overrides. */
export function cliEnv(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env, LANG: 'C', ENLACE_LOG_LEVEL: 'silent' };
  for (const k of ['LC_ALL', 'LC_MESSAGES', 'ENLACE_LANG', 'ENLACE_DIR', 'DATABASE_URL', 'ENLACE_DB_SCHEMA', 'ENLACE_PASSWORD'])
    delete out[k];
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/**
 * Runs `enlace <args>` inside the test process (the same code as the command, without the cost
 * of starting Node): standard input is not a terminal, output is collected.
 */
export async function enlace(args: string[], opts: { env?: Record<string, string | undefined>; input?: string } = {}): Promise<CliRun> {
  const collect = () => {
    const stream = new PassThrough();
    let text = '';
    stream.setEncoding('utf8').on('data', (d: string) => (text += d));
    return { stream, text: () => text };
  };
  const stdout = collect();
  const stderr = collect();
  const code = await runEnlace([process.execPath, CLI_ENTRY, ...args], {
    env: cliEnv(opts.env),
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin: Readable.from([opts.input ?? '']),
  });
  // Let the collectors see the last writes.
  await new Promise((r) => setImmediate(r));
  return { code, signal: null, stdout: stdout.text(), stderr: stderr.text() };
}

/** Starts `enlace <args>` as a child process; `done` settles when it exits (never rejects). */
export function spawnCli(
  args: string[],
  opts: { env?: Record<string, string | undefined>; input?: string } = {},
): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [CLI_ENTRY, ...args], { env: cliEnv(opts.env), stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin?.end(opts.input ?? '');
  const done = new Promise<CliRun>((resolve) => {
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
    child.once('error', (e) => {
      running.delete(child);
      resolve({ code: null, signal: null, stdout, stderr: stderr + String(e) });
    });
  });
  return { child, done };
}

/** Runs `enlace <args>` to the end; a run longer than `timeoutMs` is killed and fails the test. */
export async function runCli(
  args: string[],
  opts: { env?: Record<string, string | undefined>; input?: string; timeoutMs?: number } = {},
): Promise<CliRun> {
  const { child, done } = spawnCli(args, opts);
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
  const r = await done;
  clearTimeout(timer);
  if (r.signal === 'SIGKILL') throw new Error(`enlace ${args.join(' ')} timed out\n${r.stderr}`);
  return r;
}

/** Registers a child started some other way (e.g. `startNode`), so that `killAll` reaches it. */
export function track(child: ChildProcess): ChildProcess {
  if (child.exitCode === null && child.signalCode === null) {
    running.add(child);
    child.once('exit', () => running.delete(child));
  }
  return child;
}

/** Kills every child still running and waits until each has exited. */
export async function killAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
  running.clear();
}

/** Kills one child and waits for it to be gone. */
export async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** A node driven only through `enlace` (in-process), in its own directory; `init` is left to the test. */
export interface CliNode {
  dir: string;
  run(args: string[], opts?: { env?: Record<string, string | undefined>; input?: string }): Promise<CliRun>;
}

export function cliNode(dir: string): CliNode {
  return { dir, run: (args, opts = {}) => enlace(['--dir', dir, ...args], opts) };
}
