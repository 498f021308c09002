/**
 * The named places the map labels: border cities and the border states, from two small CSV files
 * shipped beside this code (data/README.md says where the facts come from). Checked line by line
 * at load, as the ports are: a bad edit names the line to fix instead of putting a city at sea.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { splitCsvLine } from '../border/ports.js';

export type Country = 'US' | 'MX';

export interface City {
  name: string;
  country: Country;
  lat: number;
  lon: number;
}

export interface StatePlace {
  /** ISO 3166-2, e.g. US-CA, MX-BCN. */
  code: string;
  country: Country;
  /** The state's name as each language writes it (New Mexico / Nuevo México). */
  name: { en: string; es: string };
  /** Census FIPS code of a U.S. state (its id in us-atlas); empty for Mexican states. */
  fips: string;
  labelLat: number;
  labelLon: number;
}

/** A shipped data file that does not say what it should; in both languages, for whoever fixes it. */
export class PlacesFileError extends Error {
  readonly file: string;
  readonly line: number;
  readonly en: string;
  readonly es: string;

  constructor(file: string, line: number, en: string, es: string) {
    super(`${file} line ${line}: ${en}`);
    this.name = 'PlacesFileError';
    this.file = file;
    this.line = line;
    this.en = en;
    this.es = es;
  }

  localized(lang: 'en' | 'es'): string {
    return lang === 'es' ? `${this.file} línea ${this.line}: ${this.es}` : this.message;
  }
}

/** Wider than the drawn region on purpose: the box only catches swapped or unsigned coordinates. */
const BOX = { minLat: 22, maxLat: 36, minLon: -120, maxLon: -95 };
export const CITIES_HEADER = 'name,country,lat,lon';
export const STATES_HEADER = 'code,country,name_en,name_es,fips,label_lat,label_lon';

interface Row {
  line: number;
  fields: string[];
}

function rows(text: string, file: string, header: string, width: number): Row[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== header)
    throw new PlacesFileError(file, 1, `the header must be "${header}"`, `el encabezado debe ser "${header}"`);
  const out: Row[] = [];
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const fields = splitCsvLine(raw);
    if (!fields) throw new PlacesFileError(file, i + 1, 'a quoted field is not closed', 'un campo entre comillas no está cerrado');
    if (fields.length !== width) {
      throw new PlacesFileError(
        file,
        i + 1,
        `expected ${width} fields, found ${fields.length}`,
        `se esperaban ${width} campos, hay ${fields.length}`,
      );
    }
    out.push({ line: i + 1, fields });
  }
  if (out.length === 0) throw new PlacesFileError(file, 2, 'nothing listed', 'no hay nada en la lista');
  return out;
}

function country(file: string, line: number, text: string): Country {
  if (text !== 'US' && text !== 'MX')
    throw new PlacesFileError(file, line, `country "${text}" must be US or MX`, `el país "${text}" debe ser US o MX`);
  return text;
}

function position(file: string, line: number, latText: string, lonText: string): { lat: number; lon: number } {
  const lat = Number(latText);
  const lon = Number(lonText);
  for (const [name, text, n] of [
    ['lat', latText, lat],
    ['lon', lonText, lon],
  ] as const) {
    if (text.trim() === '' || !Number.isFinite(n))
      throw new PlacesFileError(file, line, `${name} "${text}" is not a number`, `${name} "${text}" no es un número`);
  }
  if (lat < BOX.minLat || lat > BOX.maxLat || lon < BOX.minLon || lon > BOX.maxLon) {
    throw new PlacesFileError(
      file,
      line,
      `position ${lat}, ${lon} is not near the U.S.–Mexico border`,
      `la posición ${lat}, ${lon} no está cerca de la frontera México–EUA`,
    );
  }
  return { lat, lon };
}

function named(file: string, line: number, name: string): string {
  const n = name.trim();
  if (n === '' || n.length > 80)
    throw new PlacesFileError(
      file,
      line,
      'the name is empty or longer than 80 characters',
      'el nombre está vacío o tiene más de 80 caracteres',
    );
  return n;
}

export function parseCities(text: string, file: string): City[] {
  const seen = new Set<string>();
  return rows(text, file, CITIES_HEADER, 4).map(({ line, fields }) => {
    const [nameText, countryText, latText, lonText] = fields as [string, string, string, string];
    const name = named(file, line, nameText);
    const c = country(file, line, countryText);
    // Nogales is two cities, one each side: name and country together are what must be unique.
    const key = `${c}|${name}`;
    if (seen.has(key)) throw new PlacesFileError(file, line, `${name} (${c}) appears twice`, `${name} (${c}) aparece dos veces`);
    seen.add(key);
    return { name, country: c, ...position(file, line, latText, lonText) };
  });
}

export function parseStates(text: string, file: string): StatePlace[] {
  const seen = new Set<string>();
  return rows(text, file, STATES_HEADER, 7).map(({ line, fields }) => {
    const [code, countryText, nameEn, nameEs, fips, latText, lonText] = fields as [string, string, string, string, string, string, string];
    const c = country(file, line, countryText);
    if (!new RegExp(`^${c}-[A-Z]{2,3}$`).test(code)) {
      throw new PlacesFileError(
        file,
        line,
        `code "${code}" is not an ISO 3166-2 code of ${c}`,
        `el código "${code}" no es un código ISO 3166-2 de ${c}`,
      );
    }
    if (seen.has(code)) throw new PlacesFileError(file, line, `${code} appears twice`, `${code} aparece dos veces`);
    seen.add(code);
    if (c === 'US' ? !/^\d{2}$/.test(fips) : fips !== '') {
      throw new PlacesFileError(
        file,
        line,
        'fips must be two digits for a U.S. state and empty for a Mexican one',
        'fips debe tener dos dígitos para un estado de EUA y estar vacío para uno de México',
      );
    }
    const p = position(file, line, latText, lonText);
    return {
      code,
      country: c,
      name: { en: named(file, line, nameEn), es: named(file, line, nameEs) },
      fips,
      labelLat: p.lat,
      labelLon: p.lon,
    };
  });
}

/** Beside the compiled code (the build copies data/), else in the source tree when the copy was skipped. */
function dataFile(name: string): string {
  const candidates = [new URL(`./data/${name}`, import.meta.url), new URL(`../../../src/drones/map/data/${name}`, import.meta.url)].map(
    (u) => fileURLToPath(u),
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`${name} not found; looked in ${candidates.join(', ')}`);
  return found;
}

export function loadCities(): City[] {
  const file = dataFile('border-cities.csv');
  return parseCities(readFileSync(file, 'utf8'), file);
}

export function loadStates(): StatePlace[] {
  const file = dataFile('border-states.csv');
  return parseStates(readFileSync(file, 'utf8'), file);
}
