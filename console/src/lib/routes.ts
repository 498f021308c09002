/**
 * The console's addresses. Every screen has its own, under /console/, so that a link to an
 * object can be pasted into a message to a colleague and the browser's back button works.
 */

export const BASE = '/console/';

export type Route =
  | { name: 'overview' }
  | { name: 'intelligence'; search: string }
  | { name: 'object'; id: string }
  | { name: 'release'; peer: string | null; id: string | null }
  | { name: 'audit'; peer: string | null }
  | { name: 'admin' }
  | { name: 'drones'; incident: string | null }
  | { name: 'not-found'; path: string };

export type Section = 'overview' | 'drones' | 'intelligence' | 'release' | 'audit' | 'admin';

export const SECTIONS: readonly Section[] = ['overview', 'drones', 'intelligence', 'release', 'audit', 'admin'];

/** What each screen needs: a user who lacks it does not see the screen in the navigation. */
export const SECTION_PERMISSIONS: Readonly<Record<Section, readonly string[]>> = {
  overview: ['status:read'],
  drones: ['drones:read'],
  intelligence: ['objects:read'],
  release: ['policy:read'],
  audit: ['audit:read'],
  admin: ['accounts:manage', 'peers:manage'],
};

export function canOpen(section: Section, permissions: readonly string[]): boolean {
  return SECTION_PERMISSIONS[section].some((p) => permissions.includes(p));
}

function param(search: string, name: string): string | null {
  const v = new URLSearchParams(search).get(name);
  return v === null || v === '' ? null : v;
}

export function parseRoute(pathname: string, search: string): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname === BASE.slice(0, -1) ? '' : null;
  if (path === null) return { name: 'not-found', path: pathname };
  const parts = path.split('/').filter((p) => p !== '');
  const [first, second] = parts;
  if (parts.length === 0 || (parts.length === 1 && first === 'overview')) return { name: 'overview' };
  if (parts.length === 1 && first === 'intelligence') return { name: 'intelligence', search };
  if (parts.length === 2 && first === 'objects' && second !== undefined) {
    let id: string;
    try {
      id = decodeURIComponent(second);
    } catch {
      return { name: 'not-found', path: pathname };
    }
    return { name: 'object', id };
  }
  if (parts.length === 1 && first === 'release') return { name: 'release', peer: param(search, 'peer'), id: param(search, 'id') };
  if (parts.length === 1 && first === 'audit') return { name: 'audit', peer: param(search, 'peer') };
  if (parts.length === 1 && first === 'admin') return { name: 'admin' };
  if (parts.length === 1 && first === 'drones') return { name: 'drones', incident: param(search, 'incident') };
  return { name: 'not-found', path: pathname };
}

function withQuery(path: string, query: Record<string, string | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== null && v !== '') p.set(k, v);
  const s = p.toString();
  return s === '' ? path : `${path}?${s}`;
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'overview':
      return BASE;
    case 'intelligence':
      return `${BASE}intelligence${route.search}`;
    case 'object':
      return `${BASE}objects/${encodeURIComponent(route.id)}`;
    case 'release':
      return withQuery(`${BASE}release`, { peer: route.peer, id: route.id });
    case 'audit':
      return withQuery(`${BASE}audit`, { peer: route.peer });
    case 'admin':
      return `${BASE}admin`;
    case 'drones':
      return withQuery(`${BASE}drones`, { incident: route.incident });
    case 'not-found':
      return route.path;
  }
}

/** The navigation entry a screen belongs to (an object page belongs to Intelligence). */
export function sectionOf(route: Route): Section | null {
  switch (route.name) {
    case 'object':
      return 'intelligence';
    case 'not-found':
      return null;
    default:
      return route.name;
  }
}

export const objectHref = (id: string): string => hrefOf({ name: 'object', id });
