import type { DecodeError, DecodeErrorReason } from './model.js';
import type { RemoteIdMessageCode } from './messages.js';
import { translate, type Lang } from '../../i18n/index.js';

// Kept apart from messages.ts: the i18n registry imports that file, and importing i18n back from it would be a cycle.
const keyOf: Record<DecodeErrorReason, RemoteIdMessageCode> = {
  length: 'decode.length',
  'unknown-type': 'decode.unknown-type',
  'reserved-value': 'decode.reserved-value',
  'invalid-text': 'decode.invalid-text',
  'latitude-range': 'decode.latitude-range',
  'longitude-range': 'decode.longitude-range',
  'pack-message-size': 'decode.pack-message-size',
  'pack-count': 'decode.pack-count',
  'pack-length': 'decode.pack-length',
  'pack-nested': 'decode.pack-nested',
};

/** The refusal as a sentence for an analyst or a log, in the reader's language. */
export function describeDecodeError(lang: Lang, error: DecodeError): string {
  const detail = translate(lang, 'remote-id', keyOf[error.reason], error.params);
  if (error.packIndex === undefined) return detail;
  return translate(lang, 'remote-id', 'decode.in-pack', { index: error.packIndex, detail });
}
