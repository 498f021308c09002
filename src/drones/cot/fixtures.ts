/** CoT documents for tests: one builder so each test states only what it changes. */

/** 2026-11-27T18:00:00Z, the node's clock in every test. */
export const NOW_US = Date.UTC(2026, 10, 27, 18, 0, 0) * 1000;

export interface EventParts {
  uid?: string;
  type?: string;
  how?: string;
  time?: string;
  start?: string;
  stale?: string;
  lat?: string;
  lon?: string;
  hae?: string;
  ce?: string;
  le?: string;
  detail?: string;
}

/** Every attribute is written unless named in `omit`; leaving out lat, lon and hae drops the point. */
export function cotEvent(parts: EventParts = {}, omit: readonly (keyof EventParts)[] = []): string {
  const p: Required<EventParts> = {
    uid: 'MX-SEDENA-RF-0042',
    type: 'a-h-A-M-H-Q',
    how: 'm-g',
    time: '2026-11-27T17:59:58.250Z',
    start: '2026-11-27T17:59:58.250Z',
    stale: '2026-11-27T18:01:58.250Z',
    // Otay Mesa, just south of the line east of Tijuana.
    lat: '32.5419',
    lon: '-116.9702',
    hae: '180.5',
    ce: '25',
    le: '15',
    detail: '',
    ...parts,
  };
  const attr = (name: keyof EventParts) => (omit.includes(name) ? '' : ` ${name}="${p[name]}"`);
  const point =
    omit.includes('lat') && omit.includes('lon') && omit.includes('hae')
      ? ''
      : `<point${attr('lat')}${attr('lon')}${attr('hae')}${attr('ce')}${attr('le')}/>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<event version="2.0"${attr('uid')}${attr('type')}${attr('how')}${attr('time')}${attr('start')}${attr('stale')}>` +
    `${point}<detail>${p.detail}</detail></event>`
  );
}
