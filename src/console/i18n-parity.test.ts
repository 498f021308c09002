/**
 * The web console's two message catalogues (console/src/i18n/en.json and es-MX.json) say the
 * same things, and the console's screens say nothing outside them. The console is built by Vite,
 * not by this compiler, so its files are read from the repository as text.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

/** The repository's console/src, from dist/console/ where this file runs compiled. */
const CONSOLE_SRC = fileURLToPath(new URL('../../console/src/', import.meta.url));
const LANGUAGES = ['en', 'es-MX'] as const;
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

function catalogue(lang: string): Record<string, Json> {
  return JSON.parse(readFileSync(join(CONSOLE_SRC, 'i18n', `${lang}.json`), 'utf8')) as Record<string, Json>;
}

/** Dotted keys to leaf values, as i18next reads nested catalogues. */
function flatten(node: Json, prefix = '', out = new Map<string, Json>()): Map<string, Json> {
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    for (const [k, v] of Object.entries(node)) flatten(v, prefix === '' ? k : `${prefix}.${k}`, out);
  } else {
    out.set(prefix, node);
  }
  return out;
}

/** A key without its plural suffix: "count_one" and "count_other" are one message. */
const baseOf = (key: string): string => key.replace(PLURAL, '');

function variables(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([A-Za-z0-9_]+)[^}]*\}\}/g)].map((m) => m[1] as string))].sort();
}

const flat = Object.fromEntries(LANGUAGES.map((l) => [l, flatten(catalogue(l))])) as Record<(typeof LANGUAGES)[number], Map<string, Json>>;

describe('console message catalogues', () => {
  it('every message exists in both languages', () => {
    const bases = LANGUAGES.map((l) => new Set([...flat[l].keys()].map(baseOf)));
    const [en, es] = bases as [Set<string>, Set<string>];
    assert.deepEqual(
      [...en].filter((k) => !es.has(k)),
      [],
      'in en.json but not in es-MX.json',
    );
    assert.deepEqual(
      [...es].filter((k) => !en.has(k)),
      [],
      'in es-MX.json but not in en.json',
    );
  });

  it('every value is text, and none is empty', () => {
    for (const lang of LANGUAGES) {
      for (const [key, value] of flat[lang]) {
        assert.equal(typeof value, 'string', `${lang}: ${key} is not text`);
        assert.notEqual((value as string).trim(), '', `${lang}: ${key} is empty`);
      }
    }
  });

  it('plural messages have every form their language needs', () => {
    for (const lang of LANGUAGES) {
      const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      const plurals = new Set([...flat[lang].keys()].filter((k) => PLURAL.test(k)).map(baseOf));
      for (const base of plurals) {
        for (const form of needed) assert.ok(flat[lang].has(`${base}_${form}`), `${lang}: ${base}_${form} is missing`);
      }
    }
  });

  it('both languages fill in the same values ({{…}})', () => {
    const byBase = (lang: (typeof LANGUAGES)[number]) => {
      const out = new Map<string, Set<string>>();
      for (const [key, value] of flat[lang]) {
        const set = out.get(baseOf(key)) ?? new Set<string>();
        for (const v of variables(String(value))) set.add(v);
        out.set(baseOf(key), set);
      }
      return out;
    };
    const en = byBase('en');
    const es = byBase('es-MX');
    for (const [key, vars] of en) {
      assert.deepEqual([...(es.get(key) ?? [])].sort(), [...vars].sort(), `${key} fills in different values in es-MX`);
    }
  });
});

function sources(dir: string, ext: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, ext, out);
    else if (name.endsWith(ext)) out.push(p);
  }
  return out;
}

/** The source without comments, so that a comment is never mistaken for text on screen. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/**
 * Text between JSX tags that is written in the source instead of coming from a catalogue: a run
 * of words between ">" and "<" with no expression in it. Code between a type's angle brackets
 * has braces, parentheses or "=" in it, which UI copy written this way does not.
 */
function jsxLiterals(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/>([^<>{}();=]*\p{L}[^<>{}();=]*)<\//gu)) found.push((m[1] as string).trim());
  for (const m of text.matchAll(/>\s*([^<>{}();=]*\p{L}[^<>{}();=]*?)\s*<[A-Za-z]/gu)) found.push((m[1] as string).trim());
  for (const m of text.matchAll(/\b(placeholder|title|aria-label|alt|label)="([^"]*\p{L}[^"]*)"/gu)) found.push(`${m[1]}="${m[2]}"`);
  return found;
}

describe('console screens', () => {
  const files = sources(CONSOLE_SRC, '.tsx');
  const en = flat.en;
  const enBases = new Set([...en.keys()].map(baseOf));

  it('has screens to check', () => {
    assert.ok(files.length >= 10, `expected the console's .tsx files under ${CONSOLE_SRC}`);
  });

  it('write no text outside the message catalogues', () => {
    const offenders: string[] = [];
    for (const file of files) {
      for (const literal of jsxLiterals(withoutComments(readFileSync(file, 'utf8'))))
        offenders.push(`${relative(CONSOLE_SRC, file)}: ${literal}`);
    }
    assert.deepEqual(offenders, [], 'text written into the screens instead of en.json / es-MX.json');
  });

  it('ask only for messages that exist', () => {
    const missing: string[] = [];
    for (const file of [...files, ...sources(CONSOLE_SRC, '.ts')]) {
      const text = withoutComments(readFileSync(file, 'utf8'));
      for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_.+-]+)'/g)) {
        if (!enBases.has(m[1] as string)) missing.push(`${relative(CONSOLE_SRC, file)}: ${m[1]}`);
      }
      // A key built at run time ("tlp.label.${level}"): its fixed part must name a group of messages.
      for (const m of text.matchAll(/\bt\(\s*`([A-Za-z0-9_.+-]+)\$\{/g)) {
        const prefix = m[1] as string;
        if (![...enBases].some((k) => k.startsWith(prefix))) missing.push(`${relative(CONSOLE_SRC, file)}: ${prefix}…`);
      }
    }
    assert.deepEqual(missing, [], 'messages asked for but absent from en.json');
  });
});
