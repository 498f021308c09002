/*
 * Texts for every code this module reports, in English and Mexican Spanish. Keys are
 * `audit.<code>`: AuditError codes (thrown for bad calls) and Discrepancy codes (compareLogs
 * verdicts). `{{param}}` placeholders take the values of `params`.
 */

export const en: Record<string, string> = {
  'audit.size-out-of-range': 'Tree size {{size}} is not one this log ever had (it has {{max}} entries).',
  'audit.index-out-of-range': 'Entry {{index}} does not exist in a log of {{size}} entries.',
  'audit.entry-invalid': 'Audit log entry field "{{field}}" is invalid: {{reason}}.',
  'audit.append-conflict':
    'Another writer appended to the audit log first (expected position {{expected}}, got {{actual}}); reopen the log.',
  'audit.storage-inconsistent': 'The audit log storage is inconsistent: {{reason}}.',
  'audit.tree-head-invalid': 'The tree head cannot be signed: {{reason}}.',
  'audit.body-missing': 'Audit log entry {{index}} is missing from storage.',
  'audit.no-tree-head': 'Log {{log}} has no valid signed tree head to check it against.',
  'audit.head-malformed': 'Tree head #{{position}} of log {{log}} is malformed: {{detail}}.',
  'audit.head-forged': 'Tree head #{{position}} of log {{log}} is forged: {{detail}}.',
  'audit.log-rewritten': 'Log {{log}} was rewritten: its signed head at size {{size1}} is not a prefix of its head at size {{size2}}.',
  'audit.log-truncated': 'Log {{log}} signed a head for {{treeSize}} entries but now holds only {{size}}.',
  'audit.log-too-large': 'Log {{log}} holds {{size}} entries, more than the {{max}} an audit reads; only its tree heads were checked.',
  'audit.entry-altered': 'Entry {{index}} of log {{log}} was altered: its hash does not match the signed tree head.',
  'audit.entry-unreadable': 'Entry {{index}} of log {{log}} cannot be read: {{detail}}.',
  'audit.entries-swapped':
    'Entries {{index1}} and {{index2}} of log {{log}} were swapped: each holds what the signed tree head commits to at the other position.',
  'audit.entry-missing': 'Entry {{index}} of log {{log}} was deleted: the log has a hole at that position.',
  'audit.peer-unreachable': 'The log of {{peer}} could not be read: {{detail}}.',
  'audit.entry-dropped':
    'Log {{log}} has no "{{direction}}" entry for {{objectId}} version {{version}}, which log {{otherLog}} records at position {{otherSeq}}.',
  'audit.content-mismatch':
    '{{objectId}} version {{version}} was sent by {{sender}} with content hash {{sentHash}} but received by {{receiver}} with {{receivedHash}}.',
  'audit.entries-reordered':
    '{{objectId}} version {{version}} is out of order: sent at position {{sentSeq}} of log {{sender}}, received at position {{receivedSeq}} of log {{receiver}}.',
};

export const es: Record<string, string> = {
  'audit.size-out-of-range': 'El tamaño de árbol {{size}} no corresponde a ningún estado de esta bitácora (tiene {{max}} entradas).',
  'audit.index-out-of-range': 'La entrada {{index}} no existe en una bitácora de {{size}} entradas.',
  'audit.entry-invalid': 'El campo "{{field}}" de la entrada de bitácora no es válido: {{reason}}.',
  'audit.append-conflict':
    'Otro proceso agregó primero a la bitácora de auditoría (se esperaba la posición {{expected}}, llegó {{actual}}); vuelva a abrir la bitácora.',
  'audit.storage-inconsistent': 'El almacenamiento de la bitácora de auditoría es inconsistente: {{reason}}.',
  'audit.tree-head-invalid': 'No se puede firmar la cabeza de árbol: {{reason}}.',
  'audit.body-missing': 'La entrada {{index}} de la bitácora de auditoría falta en el almacenamiento.',
  'audit.no-tree-head': 'La bitácora {{log}} no tiene ninguna cabeza de árbol firmada válida contra la cual verificarla.',
  'audit.head-malformed': 'La cabeza de árbol n.º {{position}} de la bitácora {{log}} está mal formada: {{detail}}.',
  'audit.head-forged': 'La cabeza de árbol n.º {{position}} de la bitácora {{log}} es falsificada: {{detail}}.',
  'audit.log-rewritten':
    'La bitácora {{log}} fue reescrita: su cabeza firmada de tamaño {{size1}} no es prefijo de su cabeza de tamaño {{size2}}.',
  'audit.log-truncated': 'La bitácora {{log}} firmó una cabeza de {{treeSize}} entradas pero ahora solo tiene {{size}}.',
  'audit.log-too-large':
    'La bitácora {{log}} tiene {{size}} entradas, más de las {{max}} que lee una auditoría; solo se verificaron sus cabezas de árbol.',
  'audit.entry-altered': 'La entrada {{index}} de la bitácora {{log}} fue alterada: su hash no coincide con la cabeza de árbol firmada.',
  'audit.entry-unreadable': 'No se puede leer la entrada {{index}} de la bitácora {{log}}: {{detail}}.',
  'audit.entries-swapped':
    'Las entradas {{index1}} y {{index2}} de la bitácora {{log}} fueron intercambiadas: cada una contiene lo que la cabeza de árbol firmada compromete en la posición de la otra.',
  'audit.entry-missing': 'La entrada {{index}} de la bitácora {{log}} fue borrada: la bitácora tiene un hueco en esa posición.',
  'audit.peer-unreachable': 'No se pudo leer la bitácora de {{peer}}: {{detail}}.',
  'audit.entry-dropped':
    'La bitácora {{log}} no tiene una entrada "{{direction}}" de {{objectId}} versión {{version}}, que la bitácora {{otherLog}} registra en la posición {{otherSeq}}.',
  'audit.content-mismatch':
    '{{objectId}} versión {{version}} fue enviado por {{sender}} con hash de contenido {{sentHash}} pero recibido por {{receiver}} con {{receivedHash}}.',
  'audit.entries-reordered':
    '{{objectId}} versión {{version}} está fuera de orden: enviado en la posición {{sentSeq}} de la bitácora {{sender}}, recibido en la posición {{receivedSeq}} de la bitácora {{receiver}}.',
};

/** Both languages, keyed as above. */
export const auditMessages = { en, es };
