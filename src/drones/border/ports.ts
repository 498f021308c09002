/**
 * The land ports of entry, shipped as a small CSV (see data/README.md for its source) and checked
 * line by line at load: a bad edit to the file must stop start-up with the line to fix, not put a
 * port in the sea.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EnlaceError } from '../../errors/index.js';
import type { PortOfEntry } from './model.js';

const HEADER = 'id,port_us,state_us,city_mx,state_mx,lat,lon,precision_m';
const STATES_US = new Set(['CA', 'AZ', 'NM', 'TX']);
// A generous box around the border: anything outside is a typo (swapped or unsigned coordinates).
const BOX = { minLat: 25, maxLat: 33.5, minLon: -118, maxLon: -96.5 };

/** Splits one CSV record; quotes allow commas in names ("Nogales, DeConcini"), "" is a quote. */
export function splitCsvLine(line: string): string[] | null {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) return null;
  out.push(field);
  return out;
}

function fail(file: string, line: number, en: string, es: string): never {
  throw new EnlaceError('drones.ports-invalid', { file, line, detail: { en, es } });
}

function number(file: string, line: number, name: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) {
    fail(file, line, `${name} "${text}" is not a number`, `${name} "${text}" no es un número`);
  }
  return n;
}

/** Parses and validates the CSV text; `file` only names the source in errors. */
export function parsePorts(text: string, file: string): PortOfEntry[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== HEADER) {
    fail(file, 1, `the header must be "${HEADER}"`, `el encabezado debe ser "${HEADER}"`);
  }
  const ports: PortOfEntry[] = [];
  const ids = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    const ln = i + 1;
    if (raw.trim() === '') continue;
    const f = splitCsvLine(raw);
    if (!f) fail(file, ln, 'a quoted field is not closed', 'un campo entre comillas no está cerrado');
    if (f.length !== 8) fail(file, ln, `expected 8 fields, found ${f.length}`, `se esperaban 8 campos, hay ${f.length}`);
    const [id, portUs, stateUs, cityMx, stateMx, latText, lonText, precText] = f as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))
      fail(file, ln, `id "${id}" is not a lower-case slug`, `el id "${id}" no es un identificador en minúsculas`);
    if (ids.has(id)) fail(file, ln, `id "${id}" appears twice`, `el id "${id}" aparece dos veces`);
    ids.add(id);
    for (const [name, v] of [
      ['port_us', portUs],
      ['city_mx', cityMx],
      ['state_mx', stateMx],
    ] as const) {
      if (v.trim() === '') fail(file, ln, `${name} is empty`, `${name} está vacío`);
    }
    if (!STATES_US.has(stateUs))
      fail(
        file,
        ln,
        `state_us "${stateUs}" is not a border state (CA, AZ, NM, TX)`,
        `state_us "${stateUs}" no es un estado fronterizo (CA, AZ, NM, TX)`,
      );
    const lat = number(file, ln, 'lat', latText);
    const lon = number(file, ln, 'lon', lonText);
    const precisionM = number(file, ln, 'precision_m', precText);
    if (lat < BOX.minLat || lat > BOX.maxLat || lon < BOX.minLon || lon > BOX.maxLon) {
      fail(
        file,
        ln,
        `position ${lat}, ${lon} is not near the U.S.–Mexico border`,
        `la posición ${lat}, ${lon} no está cerca de la frontera México–EUA`,
      );
    }
    if (!Number.isInteger(precisionM) || precisionM <= 0) {
      fail(
        file,
        ln,
        `precision_m "${precText}" must be a positive whole number of metres`,
        `precision_m "${precText}" debe ser un número entero positivo de metros`,
      );
    }
    ports.push({ id, portUs, stateUs: stateUs as PortOfEntry['stateUs'], cityMx, stateMx, lat, lon, precisionM });
  }
  if (ports.length === 0) fail(file, 2, 'no ports listed', 'no hay puertos');
  return ports;
}

/**
 * The shipped file: next to the compiled code (the build copies data/), or, when running from a
 * build that skipped the copy, from the source tree two levels above dist/.
 */
export function portsFilePath(): string {
  const candidates = [
    new URL('./data/us-mx-land-ports.csv', import.meta.url),
    new URL('../../../src/drones/border/data/us-mx-land-ports.csv', import.meta.url),
  ].map((u) => fileURLToPath(u));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`us-mx-land-ports.csv not found; looked in ${candidates.join(', ')}`);
  return found;
}

let cached: PortOfEntry[] | undefined;

export function loadPorts(): PortOfEntry[] {
  if (!cached) {
    const file = portsFilePath();
    cached = parsePorts(readFileSync(file, 'utf8'), file);
  }
  return cached;
}
