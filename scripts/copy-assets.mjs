#!/usr/bin/env node
// tsc only emits JavaScript; data files that code reads beside itself (src/**/data/) are copied
// into the same place under dist/ so the compiled code finds them.
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function dataDirs(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (!statSync(p).isDirectory()) continue;
    if (name === 'data') out.push(p);
    else dataDirs(p, out);
  }
  return out;
}

if (existsSync('src')) {
  for (const dir of dataDirs('src')) cpSync(dir, join('dist', relative('src', dir)), { recursive: true });
}
