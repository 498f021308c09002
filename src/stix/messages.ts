/**
 * English and Mexican Spanish templates for every validation issue code. Placeholders are
 * `{{param}}`, filled from the issue's `params`. Parameter values are technical tokens (property
 * names, JSON types, identifiers) and stay as they are in both languages.
 */
import type { IssueCode } from './issues.js';

const en: Record<IssueCode, string> = {
  'not-an-object': 'The value must be a JSON object.',
  'not-json': 'The value is not JSON data (undefined, a function, NaN or Infinity).',
  'invalid-json': 'The text is not valid JSON.',
  'forbidden-key': 'The property name "{{key}}" is not allowed anywhere in an object.',
  'too-deep': 'Nesting deeper than {{max}} levels is not allowed.',
  'string-too-long': 'Text longer than {{max}} bytes is not allowed.',
  'array-too-long': 'Lists longer than {{max}} items are not allowed.',
  'key-too-long': 'A property name is longer than {{max}} characters.',
  required: 'The property "{{property}}" is required.',
  'invalid-type': 'Expected a value of type {{expected}}.',
  'empty-string': 'The text must not be empty.',
  'empty-list': 'The list must not be empty.',
  'empty-object': 'The object must not be empty.',
  'invalid-type-name':
    'The type name must have 3 to 250 characters among a-z, 0-9 and hyphen, start and end with a letter or digit, and not contain "--".',
  'invalid-property-name': 'The property name "{{property}}" is invalid: use 3 to 250 characters among a-z, 0-9 and _.',
  'reserved-property': 'The property name "{{property}}" is reserved by STIX.',
  'property-not-allowed': 'The property "{{property}}" is not allowed here.',
  'invalid-identifier': 'Not a valid STIX identifier (type--UUID).',
  'id-type-mismatch': 'The identifier must start with "{{expected}}--".',
  'invalid-uuid-version': 'The UUID of this identifier must be of version {{allowed}}.',
  'ref-type-not-allowed': 'This reference must point to an object of type: {{allowed}}.',
  'invalid-timestamp': 'Not a valid timestamp (YYYY-MM-DDTHH:mm:ss[.fraction]Z, in UTC).',
  'timestamp-precision': 'The timestamp needs at least {{digits}} digits of fractional seconds.',
  'spec-version': 'spec_version must be "{{expected}}".',
  'modified-before-created': 'modified must not be earlier than created.',
  'time-order': '{{later}} must not be earlier than {{earlier}}.',
  'time-order-strict': '{{later}} must be later than {{earlier}}.',
  'out-of-range': 'The value must be between {{min}} and {{max}}.',
  'not-in-enum': 'The value must be one of: {{allowed}}.',
  'invalid-format': 'The value does not have the expected format ({{format}}).',
  'invalid-hash': 'Not a valid {{algorithm}} hash.',
  'exactly-one-of': 'Exactly one of these properties is required: {{properties}}.',
  'at-least-one-of': 'At least one of these properties is required: {{properties}}.',
  requires: 'The property "{{property}}" can only be used together with "{{other}}".',
  'selector-not-found': 'The selector "{{selector}}" does not point to anything in this object.',
  'self-reference': 'A marking definition cannot mark itself.',
  'tlp-mismatch': 'This marking does not match the published TLP {{level}} marking definition.',
  'unknown-type': 'Unknown object type "{{type}}": it is not a STIX 2.1 type and no known extension defines it.',
  'invalid-extension-key':
    '"{{key}}" is not a valid extension key (an extension-definition identifier or a predefined extension of this type).',
  'unknown-extension': 'The extension {{extension}} is not known to this node.',
  'extension-type-mismatch': 'The extension {{extension}} is declared only as: {{expected}}.',
  'extension-not-applicable': 'The extension {{extension}} cannot be applied to objects of type "{{type}}".',
  'extension-unusable': 'The extension {{extension}} cannot be used: its schema was refused.',
  'schema-remote-ref': 'The schema of {{extension}} refers to another document ({{ref}}); only local references are allowed.',
  'schema-unsafe-pattern': 'The schema of {{extension}} has a regular expression that could take too long to evaluate: {{pattern}}',
  'schema-unsupported-dialect': 'The schema of {{extension}} uses an unsupported JSON Schema version: {{dialect}}.',
  'schema-invalid': 'The schema of {{extension}} is not a valid JSON Schema ({{detail}}).',
  'schema-violation': 'The value does not satisfy the schema of extension {{extension}} (rule "{{keyword}}").',
  'too-many-issues': 'Too many problems: the list stops at {{max}}.',
};

const es: Record<IssueCode, string> = {
  'not-an-object': 'El valor debe ser un objeto JSON.',
  'not-json': 'El valor no es un dato JSON (undefined, una función, NaN o Infinity).',
  'invalid-json': 'El texto no es JSON válido.',
  'forbidden-key': 'El nombre de propiedad "{{key}}" no está permitido en ninguna parte de un objeto.',
  'too-deep': 'No se permite un anidamiento de más de {{max}} niveles.',
  'string-too-long': 'No se permiten textos de más de {{max}} bytes.',
  'array-too-long': 'No se permiten listas de más de {{max}} elementos.',
  'key-too-long': 'Un nombre de propiedad tiene más de {{max}} caracteres.',
  required: 'La propiedad "{{property}}" es obligatoria.',
  'invalid-type': 'Se esperaba un valor de tipo {{expected}}.',
  'empty-string': 'El texto no debe estar vacío.',
  'empty-list': 'La lista no debe estar vacía.',
  'empty-object': 'El objeto no debe estar vacío.',
  'invalid-type-name':
    'El nombre de tipo debe tener de 3 a 250 caracteres entre a-z, 0-9 y guion, empezar y terminar con letra o dígito, y no contener "--".',
  'invalid-property-name': 'El nombre de propiedad "{{property}}" no es válido: use de 3 a 250 caracteres entre a-z, 0-9 y _.',
  'reserved-property': 'El nombre de propiedad "{{property}}" está reservado por STIX.',
  'property-not-allowed': 'La propiedad "{{property}}" no está permitida aquí.',
  'invalid-identifier': 'No es un identificador STIX válido (tipo--UUID).',
  'id-type-mismatch': 'El identificador debe comenzar con "{{expected}}--".',
  'invalid-uuid-version': 'El UUID de este identificador debe ser de la versión {{allowed}}.',
  'ref-type-not-allowed': 'Esta referencia debe apuntar a un objeto de tipo: {{allowed}}.',
  'invalid-timestamp': 'No es una marca de tiempo válida (AAAA-MM-DDTHH:mm:ss[.fracción]Z, en UTC).',
  'timestamp-precision': 'La marca de tiempo necesita al menos {{digits}} dígitos de fracción de segundo.',
  'spec-version': 'spec_version debe ser "{{expected}}".',
  'modified-before-created': 'modified no debe ser anterior a created.',
  'time-order': '{{later}} no debe ser anterior a {{earlier}}.',
  'time-order-strict': '{{later}} debe ser posterior a {{earlier}}.',
  'out-of-range': 'El valor debe estar entre {{min}} y {{max}}.',
  'not-in-enum': 'El valor debe ser uno de: {{allowed}}.',
  'invalid-format': 'El valor no tiene el formato esperado ({{format}}).',
  'invalid-hash': 'No es un hash {{algorithm}} válido.',
  'exactly-one-of': 'Se requiere exactamente una de estas propiedades: {{properties}}.',
  'at-least-one-of': 'Se requiere al menos una de estas propiedades: {{properties}}.',
  requires: 'La propiedad "{{property}}" solo puede usarse junto con "{{other}}".',
  'selector-not-found': 'El selector "{{selector}}" no apunta a nada en este objeto.',
  'self-reference': 'Una definición de marcado no puede marcarse a sí misma.',
  'tlp-mismatch': 'Este marcado no coincide con la definición de marcado TLP {{level}} publicada.',
  'unknown-type': 'Tipo de objeto desconocido "{{type}}": no es un tipo de STIX 2.1 y ninguna extensión conocida lo define.',
  'invalid-extension-key':
    '"{{key}}" no es una clave de extensión válida (un identificador extension-definition o una extensión predefinida de este tipo).',
  'unknown-extension': 'Este nodo no conoce la extensión {{extension}}.',
  'extension-type-mismatch': 'La extensión {{extension}} solo está declarada como: {{expected}}.',
  'extension-not-applicable': 'La extensión {{extension}} no puede aplicarse a objetos de tipo "{{type}}".',
  'extension-unusable': 'La extensión {{extension}} no puede usarse: su esquema fue rechazado.',
  'schema-remote-ref': 'El esquema de {{extension}} remite a otro documento ({{ref}}); solo se permiten referencias locales.',
  'schema-unsafe-pattern': 'El esquema de {{extension}} tiene una expresión regular cuya evaluación podría tardar demasiado: {{pattern}}',
  'schema-unsupported-dialect': 'El esquema de {{extension}} usa una versión de JSON Schema no admitida: {{dialect}}.',
  'schema-invalid': 'El esquema de {{extension}} no es un JSON Schema válido ({{detail}}).',
  'schema-violation': 'El valor no cumple el esquema de la extensión {{extension}} (regla "{{keyword}}").',
  'too-many-issues': 'Demasiados problemas: la lista se detiene en {{max}}.',
};

/** Templates per language, keyed by issue code. */
export const messages: { en: Record<IssueCode, string>; es: Record<IssueCode, string> } = { en, es };

/** Renders one issue in the given language (the lead's i18n layer may use its own renderer). */
export function renderIssue(issue: { code: IssueCode; params?: Record<string, string | number> }, lang: 'en' | 'es' = 'en'): string {
  const template = messages[lang][issue.code];
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = issue.params?.[name];
    return value === undefined ? whole : String(value);
  });
}

export default messages;
