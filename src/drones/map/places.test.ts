import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CITIES_HEADER, loadCities, loadStates, parseCities, parseStates, PlacesFileError, STATES_HEADER } from './places.js';

function rejects(parse: () => unknown, line: number, fragment: string): void {
  assert.throws(parse, (e: unknown) => {
    assert.ok(e instanceof PlacesFileError, String(e));
    assert.equal(e.line, line);
    assert.ok(e.message.includes(fragment), e.message);
    assert.match(e.localized('es'), new RegExp(`línea ${line}\\b`));
    assert.notEqual(e.es, e.en);
    return true;
  });
}

describe('border places', () => {
  it('loads the shipped cities and states', () => {
    const cities = loadCities();
    assert.ok(cities.length >= 21);
    assert.ok(cities.some((c) => c.name === 'San Luis Río Colorado' && c.country === 'MX'));
    const states = loadStates();
    assert.equal(states.length, 10);
    assert.equal(states.find((s) => s.code === 'MX-NLE')?.name.es, 'Nuevo León');
  });

  it('names the line of bad city data', () => {
    rejects(() => parseCities('city,lat\n', 'c.csv'), 1, 'header');
    rejects(() => parseCities(`${CITIES_HEADER}\n`, 'c.csv'), 2, 'nothing listed');
    rejects(() => parseCities(`${CITIES_HEADER}\nTijuana,MX,32.5,-117\nYuma,AZ,32.7,-114.6\n`, 'c.csv'), 3, 'US or MX');
    rejects(() => parseCities(`${CITIES_HEADER}\nTijuana,MX,north,-117\n`, 'c.csv'), 2, 'lat "north"');
    rejects(() => parseCities(`${CITIES_HEADER}\nTijuana,MX,32.5,117\n`, 'c.csv'), 2, 'not near');
    rejects(() => parseCities(`${CITIES_HEADER}\nTijuana,MX,32.5,-117\nTijuana,MX,32.5,-117\n`, 'c.csv'), 3, 'twice');
    rejects(() => parseCities(`${CITIES_HEADER}\n"Tijuana,MX,32.5,-117\n`, 'c.csv'), 2, 'not closed');
    rejects(() => parseCities(`${CITIES_HEADER}\n${'x'.repeat(81)},MX,32.5,-117\n`, 'c.csv'), 2, 'longer than 80');
    rejects(() => parseCities(`${CITIES_HEADER}\nTijuana,MX,32.5\n`, 'c.csv'), 2, 'expected 4 fields');
    // The same name on both sides is two cities.
    assert.equal(parseCities(`${CITIES_HEADER}\nNogales,US,31.34,-110.93\nNogales,MX,31.30,-110.94\n`, 'c.csv').length, 2);
  });

  it('names the line of bad state data', () => {
    const ok = 'US-CA,US,California,California,06,33.6,-116.5';
    assert.equal(parseStates(`${STATES_HEADER}\n${ok}\n`, 's.csv').length, 1);
    rejects(() => parseStates(`${STATES_HEADER}\nCA,US,California,California,06,33.6,-116.5\n`, 's.csv'), 2, 'ISO 3166-2');
    rejects(() => parseStates(`${STATES_HEADER}\nMX-SON,US,Sonora,Sonora,06,29.8,-110.6\n`, 's.csv'), 2, 'ISO 3166-2');
    rejects(() => parseStates(`${STATES_HEADER}\nMX-SON,MX,Sonora,Sonora,26,29.8,-110.6\n`, 's.csv'), 2, 'fips');
    rejects(() => parseStates(`${STATES_HEADER}\n${ok}\n${ok}\n`, 's.csv'), 3, 'twice');
  });
});
