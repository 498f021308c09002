/*
 * Texts for every code this module reports, in English and Mexican Spanish.
 * Keys: `crypto.<CryptoError code>` for thrown errors, `object-signature.<code>` for
 * verifyObjectSignature failures, `http-signature.<code>` for verifyRequest failures.
 * Failure results carry a technical `detail` (English, for logs); pass it as {{detail}}.
 */

export const cryptoMessages = {
  en: {
    'crypto.private-key-malformed': 'The private key could not be read: {{reason}}.',
    'crypto.private-key-not-ed25519': 'The private key is of type {{type}}; Enlace nodes sign with Ed25519.',
    'crypto.public-key-encoding': 'The public key is not a raw Ed25519 key in base64url: {{reason}}.',
    'crypto.public-key-length': 'The public key is {{length}} bytes long; an Ed25519 key has {{expected}}.',
    'crypto.public-key-not-ed25519': 'The key is of type {{type}}; Enlace nodes use Ed25519.',
    'crypto.fingerprint-malformed': '"{{value}}" is not a key fingerprint (64 hexadecimal digits).',
    'crypto.canonical-unsupported-value': 'The value at {{path}} ({{kind}}) cannot be represented in canonical JSON.',
    'crypto.canonical-too-deep': 'The value is nested deeper than {{max}} levels at {{path}}.',
    'crypto.canonical-cycle': 'The value refers back to itself at {{path}}.',
    'crypto.signer-invalid': 'The signing identity is not usable: {{reason}}.',
    'crypto.object-not-signable': 'The object cannot be signed: {{reason}}.',
    'crypto.request-invalid': 'The request cannot be signed: {{reason}}.',
    'crypto.password-too-long': 'The password is longer than {{max}} bytes.',
    'crypto.password-hash-malformed': 'The stored password hash is damaged ({{reason}}); reset the password.',
    'object-signature.unsigned': 'The object carries no originator signature.',
    'object-signature.malformed-signature': 'The object signature is malformed: {{detail}}.',
    'object-signature.unknown-key': 'The object is signed with a key this node does not know ({{detail}}).',
    'object-signature.signer-mismatch': 'The signing key belongs to another identity: {{detail}}.',
    'object-signature.bad-signature': 'The object signature does not verify: the object was altered or signed with another key.',
    'object-signature.unsupported-alg': 'The object is signed with an unsupported algorithm ({{detail}}); Enlace uses EdDSA (Ed25519).',
    'http-signature.missing-signature': 'The request carries no node signature ({{detail}}).',
    'http-signature.malformed-signature': 'The request signature is malformed: {{detail}}.',
    'http-signature.unknown-key': 'The request is signed with a key this node does not know ({{detail}}).',
    'http-signature.expired': 'The request signature is outside the accepted time window: {{detail}}. Check the clocks of both nodes.',
    'http-signature.replayed': 'The request was already received once (replayed nonce).',
    'http-signature.digest-mismatch': 'The request body does not match its Content-Digest: {{detail}}.',
    'http-signature.missing-component': 'The request signature does not cover what it must: {{detail}}.',
    'http-signature.bad-signature': 'The request signature does not verify: the request was altered or signed with another key.',
  },
  es: {
    'crypto.private-key-malformed': 'No se pudo leer la llave privada: {{reason}}.',
    'crypto.private-key-not-ed25519': 'La llave privada es de tipo {{type}}; los nodos Enlace firman con Ed25519.',
    'crypto.public-key-encoding': 'La llave pública no es una llave Ed25519 en base64url: {{reason}}.',
    'crypto.public-key-length': 'La llave pública mide {{length}} bytes; una llave Ed25519 mide {{expected}}.',
    'crypto.public-key-not-ed25519': 'La llave es de tipo {{type}}; los nodos Enlace usan Ed25519.',
    'crypto.fingerprint-malformed': '"{{value}}" no es una huella de llave (64 dígitos hexadecimales).',
    'crypto.canonical-unsupported-value': 'El valor en {{path}} ({{kind}}) no se puede representar en JSON canónico.',
    'crypto.canonical-too-deep': 'El valor está anidado a más de {{max}} niveles en {{path}}.',
    'crypto.canonical-cycle': 'El valor se refiere a sí mismo en {{path}}.',
    'crypto.signer-invalid': 'La identidad firmante no se puede usar: {{reason}}.',
    'crypto.object-not-signable': 'El objeto no se puede firmar: {{reason}}.',
    'crypto.request-invalid': 'La solicitud no se puede firmar: {{reason}}.',
    'crypto.password-too-long': 'La contraseña mide más de {{max}} bytes.',
    'crypto.password-hash-malformed': 'El hash de contraseña guardado está dañado ({{reason}}); restablezca la contraseña.',
    'object-signature.unsigned': 'El objeto no lleva la firma de su originador.',
    'object-signature.malformed-signature': 'La firma del objeto está mal formada: {{detail}}.',
    'object-signature.unknown-key': 'El objeto está firmado con una llave que este nodo no conoce ({{detail}}).',
    'object-signature.signer-mismatch': 'La llave firmante pertenece a otra identidad: {{detail}}.',
    'object-signature.bad-signature': 'La firma del objeto no es válida: el objeto fue alterado o firmado con otra llave.',
    'object-signature.unsupported-alg': 'El objeto está firmado con un algoritmo no admitido ({{detail}}); Enlace usa EdDSA (Ed25519).',
    'http-signature.missing-signature': 'La solicitud no lleva firma de nodo ({{detail}}).',
    'http-signature.malformed-signature': 'La firma de la solicitud está mal formada: {{detail}}.',
    'http-signature.unknown-key': 'La solicitud está firmada con una llave que este nodo no conoce ({{detail}}).',
    'http-signature.expired':
      'La firma de la solicitud está fuera del margen de tiempo aceptado: {{detail}}. Revise los relojes de ambos nodos.',
    'http-signature.replayed': 'La solicitud ya se había recibido (nonce repetido).',
    'http-signature.digest-mismatch': 'El cuerpo de la solicitud no coincide con su Content-Digest: {{detail}}.',
    'http-signature.missing-component': 'La firma de la solicitud no cubre lo que debe: {{detail}}.',
    'http-signature.bad-signature': 'La firma de la solicitud no es válida: la solicitud fue alterada o firmada con otra llave.',
  },
} as const satisfies { en: Record<string, string>; es: Record<string, string> };

export type CryptoMessageKey = keyof typeof cryptoMessages.en;
