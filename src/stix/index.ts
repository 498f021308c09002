/**
 * STIX 2.1 for Enlace: the object model, timestamps and identifiers, the validator every
 * incoming object passes, the extension mechanism and Enlace's own definitions, and TLP.
 */
export * from './model.js';
export * from './enlace-ids.js';
export { parseStixTimestamp, formatTimestampUs, MIN_TIMESTAMP_US, MAX_TIMESTAMP_US } from './timestamp.js';
export {
  parseIdentifier,
  isValidIdentifier,
  isValidTypeName,
  isValidPropertyName,
  typeOfIdentifier,
  FORBIDDEN_KEYS,
  type ParsedIdentifier,
} from './identifier.js';
export { uuidV5, scoId, STIX_SCO_NAMESPACE } from './uuid.js';
export { ISSUE_CODES, MAX_ISSUES, type IssueCode, type ValidationIssue } from './issues.js';
export { messages, renderIssue } from './messages.js';
export { STRUCTURE_LIMITS } from './structure.js';
export {
  validateStixObject,
  validateObject,
  parseStixObject,
  defaultExtensionRegistry,
  type ValidationResult,
  type ValidateOptions,
} from './validate.js';
export { validateBundle, type BundleOptions, type BundleValidationResult } from './bundle.js';
export { ExtensionRegistry, type RegisterOptions, type RegisteredExtension } from './extensions.js';
export {
  ENLACE_BUILTIN_EXTENSIONS,
  ENLACE_BUILTIN_OBJECTS,
  ENLACE_PROJECT_IDENTITY_OBJECT,
  ENLACE_TRANSLATIONS,
  ENLACE_DEFINITIONS_CREATED,
  createDefaultRegistry,
  registerBuiltins,
  defineEnlaceExtension,
  type BuiltinExtension,
} from './enlace-definitions.js';
export {
  TLP_LEVELS,
  TLP_EXTENSION_ID,
  TLP2_MARKING_IDS,
  TLP1_MARKING_IDS,
  TLP2_MARKINGS,
  TLP1_MARKINGS,
  TLP_EXTENSION_DEFINITION,
  TLP_EXTENSION_SCHEMA,
  tlpLevelOf,
  tlpLevelOfMarking,
  mostRestrictiveTlp,
  type TlpLevel,
} from './tlp.js';
