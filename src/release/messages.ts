/**
 * Texts of the release module beside the evaluator's reasons (policy/messages.ts): the reason
 * preview gives for the rule about newest versions (applied by the feed, not by the evaluator),
 * and the particulars of refused policies and preview requests, in English and Mexican Spanish.
 * Data only: the i18n module imports it (namespace `release-api`).
 */
export const releaseMessages = {
  en: {
    'newest-version.withhold':
      'The newest version ({{newest}}) of this object may not go to peer {{peer}}, so no older version of it goes either.',
    'policy.not-an-object': 'the policy must be a JSON object',
    'policy.too-large': 'the policy is over {{max}} bytes',
    'policy.too-deep': 'the policy nests deeper than {{max}} levels',
    'policy.problems': '{{count}} problem(s): {{list}}',
    'policy.more-problems': '{{list}} and {{more}} more',
    'peers.none': '(none)',
    'body.over': 'more than {{max}}',
    'param.unknown': 'unknown parameter "{{name}}"',
    'param.repeated': 'parameter "{{name}}" given more than once',
    'param.missing': 'parameter "{{name}}" is missing',
    'param.invalid': 'the value "{{value}}" of parameter "{{name}}" is not valid',
    'param.range': 'parameter "{{name}}" must be a whole number from {{min}} to {{max}}',
    'param.too-many': 'at most {{max}} values of parameter "{{name}}"',
    'action.policy-read': 'read the release policy',
    'action.policy-write': 'change the release policy',
    'action.preview': 'preview what a partner receives',
  },
  es: {
    'newest-version.withhold':
      'La versión más reciente ({{newest}}) de este objeto no puede ir al par {{peer}}, por lo que tampoco va ninguna versión anterior.',
    'policy.not-an-object': 'la política debe ser un objeto JSON',
    'policy.too-large': 'la política excede {{max}} bytes',
    'policy.too-deep': 'la política tiene más de {{max}} niveles de anidamiento',
    'policy.problems': '{{count}} problema(s): {{list}}',
    'policy.more-problems': '{{list}} y {{more}} más',
    'peers.none': '(ninguno)',
    'body.over': 'más de {{max}}',
    'param.unknown': 'parámetro desconocido "{{name}}"',
    'param.repeated': 'el parámetro "{{name}}" aparece más de una vez',
    'param.missing': 'falta el parámetro "{{name}}"',
    'param.invalid': 'el valor "{{value}}" del parámetro "{{name}}" no es válido',
    'param.range': 'el parámetro "{{name}}" debe ser un número entero de {{min}} a {{max}}',
    'param.too-many': 'como máximo {{max}} valores del parámetro "{{name}}"',
    'action.policy-read': 'consultar la política de divulgación',
    'action.policy-write': 'cambiar la política de divulgación',
    'action.preview': 'ver qué recibe un socio',
  },
};

export type ReleaseMessageKey = keyof typeof releaseMessages.en;
