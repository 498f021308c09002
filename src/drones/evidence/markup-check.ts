/**
 * Test support (not used by the node): finds markup in a report that the report did not write.
 * Every `<` in the page must open or close one of the report's own elements; a `<` that came
 * from incident data must have been escaped to `&lt;`.
 */
/** Elements the report writes itself; a `<` followed by anything else came from data. */
const REPORT_TAGS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'header',
  'main',
  'footer',
  'section',
  'h1',
  'h2',
  'h3',
  'p',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'code',
  'span',
  'ul',
  'li',
  'figure',
  'figcaption',
  'svg',
  'rect',
  'polyline',
  'polygon',
  'circle',
  'text',
  'g',
  'line',
]);

export function foreignTags(page: string): string[] {
  const out: string[] = [];
  for (const m of page.matchAll(/<(\/?)([^\s>/]*)/g)) {
    const name = m[2] ?? '';
    if (m[0] === '<!DOCTYPE' || REPORT_TAGS.has(name)) continue;
    out.push(m[0]);
  }
  return out;
}
