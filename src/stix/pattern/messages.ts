/** What an analyst reads when a STIX pattern is refused; `{{at}}` is the 1-based character. */
import type { PatternErrorCode } from './errors.js';

type Texts = Record<PatternErrorCode, string>;

const en: Texts = {
  'too-long': 'the pattern is longer than {{max}} characters',
  'too-deep': 'the pattern nests deeper than {{max}} levels',
  empty: 'the pattern is empty',
  'unexpected-character': 'unexpected character "{{char}}" at character {{at}}',
  'unterminated-string': 'the quoted text opened at character {{at}} is never closed',
  'unterminated-comment': 'the comment opened at character {{at}} is never closed',
  'bad-escape': "only \\' and \\\\ may follow a backslash in quoted text (character {{at}})",
  'bad-hex': "the hex value at character {{at}} must be pairs of hex digits, h'0a1b'",
  'bad-binary': "the binary value at character {{at}} is not base64, b'…'",
  'leading-zero': 'the number {{text}} at character {{at}} may not start with 0',
  expected: 'expected {{expected}} at character {{at}}, found {{found}}',
  'unexpected-token': 'unexpected {{found}} at character {{at}}',
  'trailing-input': 'the pattern ends before {{found}} at character {{at}}',
  'bad-object-type': '"{{type}}" at character {{at}} is not a STIX object type (lower-case letters, digits and single hyphens, 3 to 250)',
  'bad-property-name': 'property name "{{name}}" at character {{at}} holds a hyphen: quote it, as in .\'{{name}}\'',
  'mixed-object-types':
    'comparisons joined by AND inside one observation must test one object type; at character {{at}} they test {{types}}',
  'bad-timestamp': "t'{{value}}' at character {{at}} is not a STIX timestamp (e.g. t'2026-01-31T12:00:00Z')",
  'start-after-stop': 'START {{start}} is not before STOP {{stop}} (character {{at}})',
  'not-positive': 'the number after {{what}} at character {{at}} must be greater than 0',
  'mixed-set': 'the set at character {{at}} mixes kinds of value ({{kinds}})',
  'bad-regex': 'the regular expression at character {{at}} is malformed ({{detail}})',
  'literal-type': '{{operator}} at character {{at}} takes a {{expected}} value',
};

const es: Texts = {
  'too-long': 'el patrón tiene más de {{max}} caracteres',
  'too-deep': 'el patrón anida más de {{max}} niveles',
  empty: 'el patrón está vacío',
  'unexpected-character': 'carácter inesperado «{{char}}» en el carácter {{at}}',
  'unterminated-string': 'el texto entre comillas abierto en el carácter {{at}} no se cierra',
  'unterminated-comment': 'el comentario abierto en el carácter {{at}} no se cierra',
  'bad-escape': "tras una barra invertida solo pueden ir \\' y \\\\ en un texto entre comillas (carácter {{at}})",
  'bad-hex': "el valor hexadecimal en el carácter {{at}} debe ser pares de dígitos hexadecimales, h'0a1b'",
  'bad-binary': "el valor binario en el carácter {{at}} no está en base64, b'…'",
  'leading-zero': 'el número {{text}} en el carácter {{at}} no puede empezar con 0',
  expected: 'se esperaba {{expected}} en el carácter {{at}} y se encontró {{found}}',
  'unexpected-token': '{{found}} inesperado en el carácter {{at}}',
  'trailing-input': 'el patrón termina antes de {{found}} en el carácter {{at}}',
  'bad-object-type': '«{{type}}» en el carácter {{at}} no es un tipo de objeto STIX (minúsculas, dígitos y guiones sencillos, de 3 a 250)',
  'bad-property-name': "el nombre de propiedad «{{name}}» en el carácter {{at}} lleva un guion: póngalo entre comillas, como .'{{name}}'",
  'mixed-object-types':
    'las comparaciones unidas por AND dentro de una observación deben probar un solo tipo de objeto; en el carácter {{at}} prueban {{types}}',
  'bad-timestamp': "t'{{value}}' en el carácter {{at}} no es una marca de tiempo STIX (p. ej. t'2026-01-31T12:00:00Z')",
  'start-after-stop': 'START {{start}} no es anterior a STOP {{stop}} (carácter {{at}})',
  'not-positive': 'el número tras {{what}} en el carácter {{at}} debe ser mayor que 0',
  'mixed-set': 'el conjunto en el carácter {{at}} mezcla tipos de valor ({{kinds}})',
  'bad-regex': 'la expresión regular en el carácter {{at}} está mal formada ({{detail}})',
  'literal-type': '{{operator}} en el carácter {{at}} requiere un valor {{expected}}',
};

/** The catalogue, keyed by error code; the assembly registers it with the others. */
export const patternMessages = { en, es };
