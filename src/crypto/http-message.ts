/*
 * The signature base of RFC 9421 §2.5, for requests: component values (derived components of
 * §2.2 and header fields of §2.1), one line each, then the `@signature-params` line.
 */

/** Header values as Node's IncomingHttpHeaders / OutgoingHttpHeaders carry them. */
export type HeaderValue = string | number | readonly string[] | undefined;
export type HeaderMap = Readonly<Record<string, HeaderValue>>;

/** The parts of a request that HTTP signatures look at. */
export interface HttpMessage {
  method: string;
  /** Absolute URL of the request, as the client addressed it (scheme, host, path, query). */
  url: string;
  headers: HeaderMap;
}

/** Why a base could not be built: a covered component is absent, or something is ill-formed. */
export class SignatureBaseError extends Error {
  constructor(
    readonly kind: 'missing-component' | 'malformed',
    message: string,
  ) {
    super(message);
    this.name = 'SignatureBaseError';
  }
}

/** A request ready for base building: method upper-cased, URL parsed, header names lower-cased. */
export interface PreparedMessage {
  method: string;
  target: URL;
  headers: Map<string, string>;
}

const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,32}$/;
const FIELD_NAME = /^[!#$%&'*+\-.^_`|~0-9a-z]{1,128}$/;
// The base is US-ASCII (RFC 9421 §2.5); anything else, or a line break, could forge extra lines.
const BASE_SAFE_VALUE = /^[\x20-\x7e\t]*$/;
const MAX_URL_CHARS = 8192;

/** Parses and normalises a request once, so every component is read from the same view. */
export function prepareMessage(message: HttpMessage): PreparedMessage {
  if (typeof message.method !== 'string' || !METHOD.test(message.method)) {
    throw new SignatureBaseError('malformed', 'method is not an HTTP token');
  }
  if (typeof message.url !== 'string' || message.url.length > MAX_URL_CHARS) {
    throw new SignatureBaseError('malformed', 'request URL missing or too long');
  }
  let target: URL;
  try {
    target = new URL(message.url);
  } catch {
    throw new SignatureBaseError('malformed', 'request URL is not absolute');
  }
  target.hash = '';
  // Fetch upper-cases the standard methods it sends; both ends compare the upper-cased form.
  return { method: message.method.toUpperCase(), target, headers: normaliseHeaders(message.headers) };
}

/** Lower-cases names and combines repeated fields with ", " (RFC 9421 §2.1), trimming each value. */
export function normaliseHeaders(headers: HeaderMap): Map<string, string> {
  const out = new Map<string, string>();
  if (headers === null || typeof headers !== 'object') return out;
  for (const [rawName, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const name = rawName.toLowerCase();
    const values = typeof raw === 'string' || typeof raw === 'number' ? [String(raw)] : Array.isArray(raw) ? raw.map(String) : [];
    if (values.length === 0) continue;
    const joined = values.map((v) => v.trim()).join(', ');
    const earlier = out.get(name);
    out.set(name, earlier === undefined ? joined : `${earlier}, ${joined}`);
  }
  return out;
}

/** The value of one covered component (no component parameters are supported). */
export function componentValue(name: string, msg: PreparedMessage): string {
  const path = msg.target.pathname || '/';
  switch (name) {
    case '@method':
      return msg.method;
    case '@target-uri':
      return msg.target.href;
    case '@authority':
      return msg.target.host;
    case '@scheme':
      return msg.target.protocol.slice(0, -1);
    case '@request-target':
      return path + msg.target.search;
    case '@path':
      return path;
    case '@query':
      return msg.target.search || '?';
  }
  if (name.startsWith('@')) throw new SignatureBaseError('malformed', `derived component ${name.slice(0, 40)} is not supported`);
  if (!FIELD_NAME.test(name)) throw new SignatureBaseError('malformed', 'covered field names must be lowercase tokens');
  const value = msg.headers.get(name);
  if (value === undefined) throw new SignatureBaseError('missing-component', `${name} is covered but absent`);
  return value;
}

/**
 * Builds the signature base: `"<component>": <value>` lines, then `"@signature-params": <params>`
 * where `signatureParams` is the serialised inner list from Signature-Input.
 */
export function buildSignatureBase(msg: PreparedMessage, covered: readonly string[], signatureParams: string): string {
  let base = '';
  for (const name of covered) {
    const value = componentValue(name, msg);
    if (!BASE_SAFE_VALUE.test(value)) {
      throw new SignatureBaseError('malformed', `${name} holds characters a signature base cannot carry`);
    }
    base += `"${name}": ${value}\n`;
  }
  return `${base}"@signature-params": ${signatureParams}`;
}
