/**
 * Texts for the store's error codes, in English and Mexican Spanish. The lead's i18n layer
 * renders them; `{{param}}` placeholders take the values of `StoreError.params`.
 */
export const en: Record<string, string> = {
  'store.collection_not_found': 'Collection "{{collectionId}}" does not exist.',
  'store.collection_exists': 'A collection with id or alias "{{key}}" already exists.',
  'store.invalid_collection': 'Collection field "{{field}}" is invalid.',
  'store.invalid_version': 'Version {{index}} of the batch has an invalid "{{field}}" and the batch was not stored.',
  'store.invalid_query': 'Query parameter "{{field}}" is invalid.',
  'store.too_many_filter_values': 'Filter "{{field}}" lists {{count}} values; at most {{max}} are allowed.',
  'store.invalid_limit': 'Page limit {{limit}} is invalid; it must be a whole number from 1 to {{max}}.',
  'store.peer_conflict': 'Another peer already uses this identity or key fingerprint ({{name}}).',
  'store.account_exists': 'The username "{{username}}" is already taken.',
  'store.account_not_found': 'Account "{{accountId}}" does not exist.',
  'store.token_exists': 'This API token is already registered.',
  'store.invalid_schema': 'PostgreSQL schema name "{{schema}}" is invalid; use lowercase letters, digits and _.',
  'store.migration_failed': 'Database migration "{{migration}}" failed: {{reason}}',
  'store.corrupt_record': 'Stored record {{table}}/{{key}} is unreadable: {{reason}}',
  'store.open_failed': 'Cannot open the database file {{file}}: {{reason}}',
  'store.unreachable': 'Cannot reach PostgreSQL at {{url}}: {{reason}}',
  'store.invalid_pool_size': 'The PostgreSQL pool size {{poolSize}} is invalid; it must be a whole number from 1 to 1000.',
  'store.audit_conflict':
    'The audit log now holds {{size}} entries, so an append starting at entry {{firstIndex}} was refused; another writer got there first.',
  'store.invalid_audit_record': 'Audit log field "{{field}}" is invalid.',
  'store.policy_version_taken':
    'Release policy version {{version}} was already saved, by someone else at the same time; reload the policy and try again.',
};

export const es: Record<string, string> = {
  'store.collection_not_found': 'La colección "{{collectionId}}" no existe.',
  'store.collection_exists': 'Ya existe una colección con id o alias "{{key}}".',
  'store.invalid_collection': 'El campo "{{field}}" de la colección no es válido.',
  'store.invalid_version': 'La versión {{index}} del lote tiene un "{{field}}" no válido y el lote no se guardó.',
  'store.invalid_query': 'El parámetro de consulta "{{field}}" no es válido.',
  'store.too_many_filter_values': 'El filtro "{{field}}" trae {{count}} valores; se permiten {{max}} como máximo.',
  'store.invalid_limit': 'El límite de página {{limit}} no es válido; debe ser un entero de 1 a {{max}}.',
  'store.peer_conflict': 'Otro nodo par ya usa esta identidad o huella de llave ({{name}}).',
  'store.account_exists': 'El nombre de usuario "{{username}}" ya está en uso.',
  'store.account_not_found': 'La cuenta "{{accountId}}" no existe.',
  'store.token_exists': 'Este token de API ya está registrado.',
  'store.invalid_schema': 'El nombre de esquema de PostgreSQL "{{schema}}" no es válido; use minúsculas, dígitos y _.',
  'store.migration_failed': 'Falló la migración de la base de datos "{{migration}}": {{reason}}',
  'store.corrupt_record': 'El registro guardado {{table}}/{{key}} no se puede leer: {{reason}}',
  'store.open_failed': 'No se puede abrir el archivo de base de datos {{file}}: {{reason}}',
  'store.unreachable': 'No se puede conectar a PostgreSQL en {{url}}: {{reason}}',
  'store.invalid_pool_size': 'El tamaño del pool de PostgreSQL {{poolSize}} no es válido; debe ser un entero de 1 a 1000.',
  'store.audit_conflict':
    'La bitácora de auditoría ya tiene {{size}} entradas, así que se rechazó agregar a partir de la entrada {{firstIndex}}; otro proceso escribió primero.',
  'store.invalid_audit_record': 'El campo "{{field}}" de la bitácora de auditoría no es válido.',
  'store.policy_version_taken':
    'La versión {{version}} de la política de divulgación ya fue guardada por otra persona al mismo tiempo; vuelva a cargar la política e intente de nuevo.',
};
