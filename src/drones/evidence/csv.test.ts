import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cell, CSV_COLUMNS, CSV_CONTENT_TYPE, exportCsv } from './csv.js';
import { readCsv } from './csv-reader.js';
import { hostileIncident, sampleIncident } from './fixtures.js';

const rowsOf = (text: string) => readCsv(text);

describe('CSV export', () => {
  it('is RFC 4180: a header, CRLF line ends, one row per trail point and per timeline entry, in time order', () => {
    const view = sampleIncident();
    const file = exportCsv(view);
    assert.equal(file.contentType, CSV_CONTENT_TYPE);
    assert.match(file.filename, /\.csv$/);
    const text = file.body.toString('utf8');
    assert.equal(text.split('\r\n').length - 1, text.split('\n').length - 1, 'every line ends with CRLF');
    const [header, ...rows] = rowsOf(text);
    assert.deepEqual(header, [...CSV_COLUMNS]);
    assert.equal(rows.length, view.tracks.reduce((n, t) => n + t.trail.length, 0) + view.timeline.length);
    assert.ok(rows.every((r) => r.length === CSV_COLUMNS.length));
    const times = rows.map((r) => r[1] ?? '');
    assert.deepEqual(times, [...times].sort(), 'chronological');
    assert.ok(times.every((t) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(t)));

    const [a] = view.tracks;
    const p = a?.trail[0];
    assert.ok(a && p);
    assert.deepEqual(rows[0], [
      'trail',
      '2026-10-01T14:05:03.250Z',
      a.trackId,
      String(p.lat),
      String(p.lon),
      '120',
      'ANDURIL-LATTICE-7731',
      '{"classification":"hostile","airframe":"rotary-wing","callsign":"HALCON 7"}',
    ]);
    const crossing = rows.find((r) => r[0] === 'crossing');
    assert.deepEqual(crossing?.slice(5), ['', 'ANDURIL-LATTICE-7731', '{"from":"MX","to":"US","port":"San Ysidro"}']);
    const opened = rows.find((r) => r[0] === 'opened');
    assert.deepEqual(opened?.slice(3, 6), ['', '', ''], 'no position, no altitude');
    // At one instant a trail point comes before the timeline entry it caused.
    const atCrossing = rows.filter((r) => r[1] === crossing?.[1]).map((r) => r[0]);
    assert.deepEqual(atCrossing, ['trail', 'crossing']);
  });

  it('defuses partner text that a spreadsheet would run as a formula, and leaves its own numbers alone', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const text = cell(`${start}HYPERLINK("http://evil.example")`);
      const [[value]] = readCsv(`${text}\r\n`) as [[string]];
      assert.equal(value, `'${start}HYPERLINK("http://evil.example")`, JSON.stringify(start));
    }
    assert.equal(cell('trk-1'), 'trk-1');
    assert.equal(cell(-117.0298), '-117.0298');
    assert.equal(cell('a "quoted", text'), '"a ""quoted"", text"');
    assert.equal(cell(null), '');

    const view = hostileIncident();
    const rows = rowsOf(exportCsv(view).body.toString('utf8')).slice(1);
    const trailA = rows.find((r) => r[0] === 'trail' && r[2]?.startsWith('trk-'));
    assert.equal(trailA?.[6], `'+1-555 @SUM(A1) a,b"c\r\nd`, 'one cell, quotes doubled, line break kept inside');
    assert.ok(trailA?.[4]?.startsWith('-117.'), 'a negative longitude stays a number');
    const trailB = rows.find((r) => r[0] === 'trail' && !r[2]?.startsWith('trk-'));
    assert.equal(trailB?.[2], `'-trk'&<b>`);
    assert.equal(
      rows.length,
      view.tracks.reduce((n, t) => n + t.trail.length, 0) + view.timeline.length,
      'no row split by a hostile line break',
    );
    for (const r of rows)
      for (const c of r) assert.ok(!/^[=+\-@\t\r]/.test(c) || /^-?\d/.test(c), `cell ${JSON.stringify(c)} starts like a formula`);
  });

  it('gives the same bytes for the same version', () => {
    assert.equal(exportCsv(sampleIncident()).sha256, exportCsv(sampleIncident()).sha256);
  });
});
