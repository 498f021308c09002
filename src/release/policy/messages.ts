/**
 * English and Mexican Spanish templates for every reason the release evaluator gives. A reason's
 * `code` is a key here; `{{param}}` placeholders are filled from its `params` (ids, peer names,
 * TLP levels and selectors, which stay as they are in both languages).
 */

export const REASON_CODES = [
  'malformed.withhold',
  'echo.withhold',
  'unknown-marking.withhold',
  'tlp-red.withhold',
  'tlp-amber-strict.release',
  'tlp-amber-strict.withhold',
  'tlp-amber.release',
  'tlp-amber.withhold',
  'tlp-green.release',
  'tlp-green.withhold',
  'tlp-clear.release',
  'ceiling.withhold',
  'releasability.release',
  'releasability.withhold',
  'third-party.release',
  'third-party.policy',
  'third-party.h2',
  'third-party.not-named',
  'grading.release',
  'grading.ungraded',
  'grading.below',
  'grading.exempt',
  'granular.redact',
  'granular.bad-selector',
  'granular.protected',
  'granular.third-party',
  'granular.breaks-object',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** Codes of problems in policy data (parseReleasePolicy), besides the reasons of decisions. */
export const POLICY_ISSUE_CODES = ['policy-invalid'] as const;
export type MessageCode = ReasonCode | (typeof POLICY_ISSUE_CODES)[number];

const en: Record<MessageCode, string> = {
  'policy-invalid': 'The release policy is not valid at {{path}} ({{problem}}).',
  'malformed.withhold': 'The object is not well formed ({{problem}}), so it is withheld.',
  'echo.withhold': 'Peer {{peer}} originated this object; it is not sent back.',
  'unknown-marking.withhold': 'Marking {{marking}} is unknown to this node, so what it marks is withheld.',
  'tlp-red.withhold': 'TLP:RED never leaves this node.',
  'tlp-amber-strict.release': 'TLP:AMBER+STRICT released: the originator names {{organisation}}, the organisation of peer {{peer}}.',
  'tlp-amber-strict.withhold':
    'TLP:AMBER+STRICT goes only to the organisation the originator names; the organisation of peer {{peer}} is not named.',
  'tlp-amber.release': 'TLP:AMBER released: the policy allows AMBER for peer {{peer}}.',
  'tlp-amber.withhold': 'TLP:AMBER withheld: the policy does not allow AMBER for peer {{peer}}.',
  'tlp-green.release': 'TLP:GREEN released: the policy allows GREEN for peer {{peer}}.',
  'tlp-green.withhold': 'TLP:GREEN withheld: the policy does not allow GREEN for peer {{peer}}.',
  'tlp-clear.release': 'TLP:CLEAR may be released to anyone.',
  'ceiling.withhold': 'TLP:{{level}} is above the ceiling TLP:{{ceiling}} set for peer {{peer}}.',
  'releasability.release': 'Peer {{peer}} is on the releasability list of marking {{marking}}.',
  'releasability.withhold': 'Peer {{peer}} is not on the releasability list of marking {{marking}}.',
  'third-party.release': "Object of {{originator}} passed on to peer {{peer}}, whom the originator's marking names.",
  'third-party.policy': 'Object of another node ({{originator}}): the policy does not allow passing third-party objects to peer {{peer}}.',
  'third-party.h2':
    "Object of another node ({{originator}}) marked H2 by marking {{marking}}: no onward dissemination without the originator's permission.",
  'third-party.not-named': 'Object of another node ({{originator}}): no marking of the originator allows release to peer {{peer}}.',
  'grading.release': 'Grading {{grading}} meets the minimum {{minimum}} for peer {{peer}}.',
  'grading.ungraded': 'The object has no valid grading, and peer {{peer}} receives only graded objects (minimum {{minimum}}).',
  'grading.below': 'Grading {{grading}} is below the minimum {{minimum}} set for peer {{peer}}.',
  'grading.exempt': 'No grading needed: a {{type}} describes the node or its markings, not intelligence.',
  'granular.redact': 'Property {{selector}} removed: marking {{marking}} may not go to peer {{peer}}.',
  'granular.bad-selector':
    'Selector {{selector}} of marking {{marking}} (withheld from peer {{peer}}) selects nothing, so the whole object is withheld.',
  'granular.protected':
    'Property {{selector}} is marked {{marking}}, which may not go to peer {{peer}}, but it cannot be removed; the whole object is withheld.',
  'granular.third-party':
    "Part of this object of {{originator}} may not go to peer {{peer}}, and another node's object is never altered; it is withheld.",
  'granular.breaks-object':
    'Removing the properties peer {{peer}} may not receive would leave the object invalid ({{problem}} at {{path}}); it is withheld.',
};

const es: Record<MessageCode, string> = {
  'policy-invalid': 'La política de entrega no es válida en {{path}} ({{problem}}).',
  'malformed.withhold': 'El objeto no está bien formado ({{problem}}), por lo que se retiene.',
  'echo.withhold': 'El par {{peer}} originó este objeto; no se le devuelve.',
  'unknown-marking.withhold': 'Este nodo no conoce el marcado {{marking}}, por lo que se retiene lo que marca.',
  'tlp-red.withhold': 'TLP:RED nunca sale de este nodo.',
  'tlp-amber-strict.release': 'TLP:AMBER+STRICT entregado: el originador nombra a {{organisation}}, la organización del par {{peer}}.',
  'tlp-amber-strict.withhold':
    'TLP:AMBER+STRICT solo va a la organización que nombra el originador; la organización del par {{peer}} no está nombrada.',
  'tlp-amber.release': 'TLP:AMBER entregado: la política permite AMBER para el par {{peer}}.',
  'tlp-amber.withhold': 'TLP:AMBER retenido: la política no permite AMBER para el par {{peer}}.',
  'tlp-green.release': 'TLP:GREEN entregado: la política permite GREEN para el par {{peer}}.',
  'tlp-green.withhold': 'TLP:GREEN retenido: la política no permite GREEN para el par {{peer}}.',
  'tlp-clear.release': 'TLP:CLEAR puede entregarse a cualquiera.',
  'ceiling.withhold': 'TLP:{{level}} está por encima del tope TLP:{{ceiling}} fijado para el par {{peer}}.',
  'releasability.release': 'El par {{peer}} está en la lista de difusión del marcado {{marking}}.',
  'releasability.withhold': 'El par {{peer}} no está en la lista de difusión del marcado {{marking}}.',
  'third-party.release': 'Objeto de {{originator}} reenviado al par {{peer}}, a quien nombra el marcado del originador.',
  'third-party.policy': 'Objeto de otro nodo ({{originator}}): la política no permite reenviar objetos de terceros al par {{peer}}.',
  'third-party.h2': 'Objeto de otro nodo ({{originator}}) marcado H2 por el marcado {{marking}}: no se difunde sin permiso del originador.',
  'third-party.not-named': 'Objeto de otro nodo ({{originator}}): ningún marcado del originador permite entregarlo al par {{peer}}.',
  'grading.release': 'La evaluación {{grading}} cumple el mínimo {{minimum}} del par {{peer}}.',
  'grading.ungraded': 'El objeto no tiene una evaluación válida y el par {{peer}} solo recibe objetos evaluados (mínimo {{minimum}}).',
  'grading.below': 'La evaluación {{grading}} está por debajo del mínimo {{minimum}} fijado para el par {{peer}}.',
  'grading.exempt': 'No requiere evaluación: un objeto {{type}} describe al nodo o sus marcas, no es inteligencia.',
  'granular.redact': 'Propiedad {{selector}} eliminada: el marcado {{marking}} no puede ir al par {{peer}}.',
  'granular.bad-selector':
    'El selector {{selector}} del marcado {{marking}} (retenido al par {{peer}}) no selecciona nada, por lo que se retiene todo el objeto.',
  'granular.protected':
    'La propiedad {{selector}} lleva el marcado {{marking}}, que no puede ir al par {{peer}}, pero no puede eliminarse; se retiene todo el objeto.',
  'granular.third-party':
    'Parte de este objeto de {{originator}} no puede ir al par {{peer}} y nunca se altera el objeto de otro nodo; se retiene.',
  'granular.breaks-object':
    'Quitar las propiedades que el par {{peer}} no puede recibir dejaría el objeto inválido ({{problem}} en {{path}}); se retiene.',
};

/** Reason templates by language. */
export const messages: { en: Record<MessageCode, string>; es: Record<MessageCode, string> } = { en, es };

/** Fills a reason's (or a policy issue's) template; unknown placeholders stay visible rather than vanish. */
export function renderReason(lang: 'en' | 'es', code: MessageCode, params: Readonly<Record<string, string>>): string {
  return messages[lang][code].replace(/\{\{(\w+)\}\}/g, (m, k: string) => (Object.hasOwn(params, k) ? (params[k] ?? m) : m));
}
