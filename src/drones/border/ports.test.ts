import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EnlaceError } from '../../errors/index.js';
import { loadPorts, parsePorts, splitCsvLine } from './ports.js';

const HEADER = 'id,port_us,state_us,city_mx,state_mx,lat,lon,precision_m';

function rejects(text: string, line: number, fragment: string): void {
  assert.throws(
    () => parsePorts(text, 'ports.csv'),
    (e: unknown) => {
      assert.ok(e instanceof EnlaceError);
      assert.equal(e.code, 'drones.ports-invalid');
      assert.match(e.message, new RegExp(`line ${line}\\b`));
      assert.ok(e.message.includes(fragment), e.message);
      assert.match(e.localized('es'), new RegExp(`línea ${line}\\b`));
      return true;
    },
  );
}

describe('ports of entry', () => {
  it('loads the shipped file: 36 ports, west to east, from San Ysidro to Brownsville', () => {
    const ports = loadPorts();
    assert.equal(ports.length, 36);
    assert.equal(ports[0]!.id, 'san-ysidro');
    const deConcini = ports.find((p) => p.id === 'nogales-deconcini');
    assert.equal(deConcini?.portUs, 'Nogales, DeConcini');
    assert.equal(deConcini?.stateUs, 'AZ');
  });

  it('splits quoted fields', () => {
    assert.deepEqual(splitCsvLine('a,"b, c","say ""hi""",d'), ['a', 'b, c', 'say "hi"', 'd']);
    assert.equal(splitCsvLine('a,"open'), null);
  });

  it('names the line of bad data', () => {
    rejects('id,name\n', 1, 'header');
    rejects(`${HEADER}\na,A,CA,B,BC,32.5,-117,500\nb,B,CA,C,BC,north,-117,500\n`, 3, 'lat "north"');
    rejects(`${HEADER}\na,A,CA,B,BC,32.5,117,500\n`, 2, 'not near');
    rejects(`${HEADER}\na,A,FL,B,BC,32.5,-117,500\n`, 2, 'FL');
    rejects(`${HEADER}\na,A,CA,B,BC,32.5,-117,500\na,A,CA,B,BC,32.5,-117,500\n`, 3, 'twice');
    rejects(`${HEADER}\na,A,CA,B,BC,32.5,-117\n`, 2, 'expected 8 fields');
    rejects(`${HEADER}\na,A,CA,B,BC,32.5,-117,-5\n`, 2, 'precision_m');
    rejects(`${HEADER}\n`, 2, 'no ports');
  });
});
