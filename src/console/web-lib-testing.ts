/**
 * Loads the web console's pure modules (console/src/lib) for node:test. They are built by Vite and
 * live outside this compiler's rootDir, so they are transpiled with TypeScript into a temporary
 * folder and imported from there; they use no DOM, so Node runs them as the browser does. Their
 * shapes are restated here as far as the tests use them.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const LIB = fileURLToPath(new URL('../../console/src/lib/', import.meta.url));

export type Locale = 'en' | 'es-MX';
export type Json = Record<string, unknown>;

export interface LocaleLib {
  pickLocale(languages: readonly string[]): Locale;
  translationFor(t: Json, locale: Locale, objectLang: string | undefined): { lang: string; fields: Record<string, string> } | null;
}
export interface FormatLib {
  formatDateTime(iso: string, locale: Locale, timeZone?: string): string;
  formatRelative(iso: string, now: Date, locale: Locale): string;
  formatNumber(n: number, locale: Locale): string;
  formatDuration(seconds: number, locale: Locale): string;
  countryName(code: string, locale: Locale): string;
  groupFingerprint(hex: string): string;
  shortId(id: string): string;
  microsToIso(us: unknown): string | null;
}
export interface Filters {
  q: string;
  types: string[];
  origin: string;
  marking: string;
  grading: string[];
  labels: string[];
  since: string;
  revoked: string;
}
export interface FiltersLib {
  EMPTY_FILTERS: Filters;
  filtersFromSearch(search: string): Filters;
  filtersToSearch(f: Filters): string;
  toApiQuery(f: Filters, page?: { cursor?: string | null; limit?: number }): Json;
  activeFilterCount(f: Filters): number;
  toggled(list: readonly string[], value: string): string[];
  dayStartIso(day: string): string | undefined;
}
export interface StixLib {
  TLP2_MARKING_IDS: Record<string, string>;
  GRADING_EXTENSION_ID: string;
  tlpOfRefs(refs: unknown): string | null;
  parseGrading(code: string | null): { reliability: string; credibility: number } | null;
  gradingTone(code: string | null): string;
  gradingOfObject(o: Json): string | null;
  orderedProperties(o: Json): [string, unknown][];
  valueKind(v: unknown): string;
  peerTone(p: { state: string; lagSeconds: number }): string;
}
export interface GraphLib {
  MAX_NEIGHBOURS: number;
  BOX: { width: number; height: number };
  layoutGraph(
    center: { id: string; type: string; name: string | null },
    rels: Json[],
    size?: { width: number; height: number },
  ): {
    nodes: { id: string; x: number; y: number; center: boolean }[];
    edges: { from: string; to: string; label: string }[];
    hidden: number;
    width: number;
    height: number;
  };
  borderPoint(a: { x: number; y: number }, b: { x: number; y: number }): { x: number; y: number };
}
export type Route = Json & { name: string };
export interface RoutesLib {
  parseRoute(pathname: string, search: string): Route;
  hrefOf(route: Route): string;
  canOpen(section: string, permissions: readonly string[]): boolean;
}
export interface PolicyLib {
  draftOf(p: Json): Json;
  policyBody(d: Json): Json;
  setMinGrading(r: Json, reliability: string, credibility: number): Json;
  ruleWarnings(r: Json): string[];
}
export interface CreateLib {
  EMPTY_DRAFT: Json;
  createProblems(d: Json): string[];
  createBody(d: Json, now: Date): Json;
}
export interface ApiError extends Error {
  status: number;
  code: string;
  title: string | null;
  description: string | null;
}
export interface ApiClient {
  setCsrfToken(token: string | null): void;
  get<T>(path: string, query?: Json, o?: { expectUnauthorized?: boolean }): Promise<T>;
  post<T>(path: string, body?: unknown, o?: { expectUnauthorized?: boolean }): Promise<T>;
  delete<T>(path: string): Promise<T>;
}
export interface ApiLib {
  ApiClient: new (o: { locale: () => string; onUnauthorized: () => void; fetch?: typeof fetch }) => ApiClient;
  buildQuery(q: Json | undefined): string;
  isApiError(e: unknown): e is ApiError;
}

export interface WebLib {
  locale: LocaleLib;
  format: FormatLib;
  filters: FiltersLib;
  stix: StixLib;
  graph: GraphLib;
  routes: RoutesLib;
  policy: PolicyLib;
  create: CreateLib;
  api: ApiLib;
}

/** Registers the hooks that load console/src/lib around one test file; the result reads it. */
export function webLib(): () => WebLib {
  let dir = '';
  let loaded: WebLib | null = null;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'enlace-web-lib-'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    for (const file of readdirSync(LIB).filter((f) => f.endsWith('.ts'))) {
      const out = ts.transpileModule(readFileSync(join(LIB, file), 'utf8'), {
        fileName: file,
        compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      });
      writeFileSync(join(dir, file.replace(/\.ts$/, '.js')), out.outputText);
    }
    const load = async <T>(name: string): Promise<T> => (await import(pathToFileURL(join(dir, `${name}.js`)).href)) as T;
    loaded = {
      locale: await load<LocaleLib>('locale'),
      format: await load<FormatLib>('format'),
      filters: await load<FiltersLib>('filters'),
      stix: await load<StixLib>('stix'),
      graph: await load<GraphLib>('graph'),
      routes: await load<RoutesLib>('routes'),
      policy: await load<PolicyLib>('policy'),
      create: await load<CreateLib>('create'),
      api: await load<ApiLib>('api'),
    };
  });
  after(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    assert.ok(loaded, 'console/src/lib was not loaded');
    return loaded;
  };
}
