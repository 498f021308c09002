export { AlertBook, DEFAULT_ESCALATE_AFTER_MS, type AlertBookOptions, type AlertChange, type Acknowledgement } from './book.js';
export {
  StreamHub,
  formatSse,
  mergeTracks,
  SSE_KEEPALIVE,
  DEFAULT_FLUSH_MS,
  DEFAULT_MAX_QUEUED,
  type StreamHubOptions,
  type SubscribeOptions,
} from './hub.js';
export { renderAlert, ruleName, type RenderedAlert, type RenderOptions } from './render.js';
export { AlertRefusal, RULE_KINDS, type AlertRefusalReason } from './refusal.js';
