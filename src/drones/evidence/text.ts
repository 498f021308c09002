/**
 * Making partner-supplied text safe to place in the files: everything in an incident view may
 * come from another country's node, so every string is treated as hostile markup.
 */

/*
 * Characters XML 1.0 forbids even as references (C0 controls other than tab, LF, CR; U+FFFE/F)
 * and lone surrogates, which have no UTF-8 form. Replaced rather than dropped, so a reader sees
 * that something was there.
 */
const UNREPRESENTABLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const representable = (text: string): string => text.replace(UNREPRESENTABLE, '\uFFFD');

const XML_TEXT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content or a double- or single-quoted attribute, in XML, SVG or HTML. */
export function escapeMarkup(text: string): string {
  return representable(text).replace(/[&<>"']/g, (c) => XML_TEXT[c] ?? c);
}

/**
 * For XML attributes: also keeps tab and line breaks, which attribute-value normalisation would
 * otherwise turn into spaces.
 */
export function escapeXmlAttribute(text: string): string {
  return escapeMarkup(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** ISO 8601 UTC with milliseconds. */
export const isoTime = (t: number): string => new Date(t).toISOString();

/**
 * The start of an export's file name: the incident id and version in characters every file
 * system and Content-Disposition header accept.
 */
export function fileStem(id: string, version: string): string {
  const clean = (s: string, max: number) =>
    s
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, max) || 'x';
  return `${clean(id, 120)}_${clean(version.replace(/:/g, '-'), 40)}`;
}
