/**
 * Type-specific rules of the STIX Cyber-observable Objects (STIX 2.1 §6). The objects Enlace
 * works with daily (addresses, domains, files, accounts) are checked closely; the rarer ones
 * (process, registry keys, certificates) get their types and references checked.
 */
import { isIPv6 } from 'node:net';
import type { Check, ObjectRule } from './checks.js';
import {
  atLeastOne,
  bool,
  dict,
  exactlyOne,
  int,
  list,
  obj,
  oneOf,
  ref,
  refList,
  requires,
  str,
  strList,
  timeOrder,
  ts,
} from './checks.js';
import { base64, hashes, hex, url } from './common.js';
import type { ScoType } from './model.js';

const text = str();
const name = str({ nonEmpty: true });

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?:\/(?:3[0-2]|[12]?\d))?$/;
const MAC = /^(?:[0-9a-f]{2}:){5}[0-9a-f]{2}$/;
const DOMAIN = /^[^\s/\\@:]{1,253}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const IPV6_PREFIX = /^(?:12[0-8]|1[01]\d|[1-9]?\d)$/;

/** An IPv6 address (`::1`), optionally as a CIDR block (`2001:db8::/32`). */
const ipv6Value: Check = (v, path, c) => {
  if (typeof v !== 'string') return c.issues.add(path, 'invalid-type', { expected: 'string' });
  const slash = v.indexOf('/');
  const address = slash < 0 ? v : v.slice(0, slash);
  const prefixOk = slash < 0 || IPV6_PREFIX.test(v.slice(slash + 1));
  if (!prefixOk || !isIPv6(address)) c.issues.add(path, 'invalid-format', { format: 'ipv6' });
};

const ADDRESS_TYPES = ['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'] as const;
const FILE_TIMES = { ctime: ts, mtime: ts, atime: ts };

/** Reports an object that has none of its type's own properties (only `type`, `id`…). */
function someOwnProperty(rule: ObjectRule): ObjectRule {
  const own = [...Object.keys(rule.props), 'extensions'];
  const previous = rule.refine;
  return {
    ...rule,
    refine(o, path, c) {
      if (!own.some((k) => o[k] !== undefined)) c.issues.add(path, 'at-least-one-of', { properties: own.join(', ') });
      previous?.(o, path, c);
    },
  };
}

const MIME_PART: ObjectRule = {
  props: { body: text, body_raw_ref: ref(['artifact', 'file']), content_type: text, content_disposition: text },
  refine: (o, path, c) => exactlyOne(o, ['body', 'body_raw_ref'], path, c),
};

const ipAddress = (value: Check, resolvesTo: readonly string[]): ObjectRule => ({
  props: { value, resolves_to_refs: refList(resolvesTo), belongs_to_refs: refList(['autonomous-system']) },
  required: ['value'],
});

/** Predefined extensions (STIX 2.1 §6), the only `*-ext` keys an SCO may carry. */
export const SCO_PREDEFINED_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  file: ['archive-ext', 'ntfs-ext', 'pdf-ext', 'raster-image-ext', 'windows-pebinary-ext'],
  'network-traffic': ['http-request-ext', 'icmp-ext', 'socket-ext', 'tcp-ext'],
  process: ['windows-process-ext', 'windows-service-ext'],
  'user-account': ['unix-account-ext'],
};

export const SCO_RULES: Readonly<Record<ScoType, ObjectRule>> = {
  artifact: {
    props: {
      mime_type: text,
      payload_bin: base64,
      url,
      hashes,
      encryption_algorithm: oneOf(['AES-256-GCM', 'ChaCha20-Poly1305', 'mime-type-indicated']),
      decryption_key: text,
    },
    refine(o, path, c) {
      exactlyOne(o, ['payload_bin', 'url'], path, c);
      requires(o, 'url', 'hashes', path, c);
      requires(o, 'decryption_key', 'encryption_algorithm', path, c);
    },
  },
  'autonomous-system': {
    props: { number: int(0, 4_294_967_295), name: text, rir: text },
    required: ['number'],
  },
  directory: {
    props: { path: name, path_enc: text, ...FILE_TIMES, contains_refs: refList(['file', 'directory']) },
    required: ['path'],
  },
  'domain-name': {
    props: {
      value: str({ pattern: DOMAIN, format: 'domain-name' }),
      resolves_to_refs: refList(['ipv4-addr', 'ipv6-addr', 'domain-name']),
    },
    required: ['value'],
  },
  'email-addr': {
    props: { value: str({ pattern: EMAIL, format: 'email' }), display_name: text, belongs_to_ref: ref(['user-account']) },
    required: ['value'],
  },
  'email-message': {
    props: {
      is_multipart: bool,
      date: ts,
      content_type: text,
      from_ref: ref(['email-addr']),
      sender_ref: ref(['email-addr']),
      to_refs: refList(['email-addr']),
      cc_refs: refList(['email-addr']),
      bcc_refs: refList(['email-addr']),
      message_id: text,
      subject: text,
      received_lines: list(text, { allowEmpty: true }),
      additional_header_fields: dict(),
      body: text,
      body_multipart: list(obj(MIME_PART)),
      raw_email_ref: ref(['artifact']),
    },
    required: ['is_multipart'],
    refine(o, path, c) {
      if (o['is_multipart'] === true && o['body'] !== undefined) {
        c.issues.add(path + '/body', 'property-not-allowed', { property: 'body' });
      }
      if (o['is_multipart'] === false && o['body_multipart'] !== undefined) {
        c.issues.add(path + '/body_multipart', 'property-not-allowed', { property: 'body_multipart' });
      }
    },
  },
  file: {
    props: {
      hashes,
      size: int(0),
      name: text,
      name_enc: text,
      magic_number_hex: hex,
      mime_type: text,
      ...FILE_TIMES,
      parent_directory_ref: ref(['directory']),
      contains_refs: refList(),
      content_ref: ref(['artifact']),
    },
    refine: (o, path, c) => atLeastOne(o, ['hashes', 'name'], path, c),
  },
  'ipv4-addr': ipAddress(str({ pattern: IPV4, format: 'ipv4' }), ['mac-addr']),
  'ipv6-addr': ipAddress(ipv6Value, ['mac-addr']),
  'mac-addr': {
    props: { value: str({ pattern: MAC, format: 'mac' }) },
    required: ['value'],
  },
  mutex: {
    props: { name },
    required: ['name'],
  },
  'network-traffic': {
    props: {
      start: ts,
      end: ts,
      is_active: bool,
      src_ref: ref(ADDRESS_TYPES),
      dst_ref: ref(ADDRESS_TYPES),
      src_port: int(0, 65_535),
      dst_port: int(0, 65_535),
      protocols: strList,
      src_byte_count: int(0),
      dst_byte_count: int(0),
      src_packets: int(0),
      dst_packets: int(0),
      ipfix: dict(),
      src_payload_ref: ref(['artifact']),
      dst_payload_ref: ref(['artifact']),
      encapsulates_refs: refList(['network-traffic']),
      encapsulated_by_ref: ref(['network-traffic']),
    },
    required: ['protocols'],
    refine(o, path, c) {
      atLeastOne(o, ['src_ref', 'dst_ref'], path, c);
      if (o['is_active'] === true && o['end'] !== undefined) {
        c.issues.add(path + '/end', 'property-not-allowed', { property: 'end' });
      }
      timeOrder(o, 'start', 'end', false, path, c);
    },
  },
  process: someOwnProperty({
    props: {
      is_hidden: bool,
      pid: int(0),
      created_time: ts,
      cwd: text,
      command_line: text,
      environment_variables: dict(),
      opened_connection_refs: refList(['network-traffic']),
      creator_user_ref: ref(['user-account']),
      image_ref: ref(['file']),
      parent_ref: ref(['process']),
      child_refs: refList(['process']),
    },
  }),
  software: {
    props: { name, cpe: text, swid: text, languages: strList, vendor: text, version: text },
    required: ['name'],
  },
  url: {
    props: { value: url },
    required: ['value'],
  },
  'user-account': someOwnProperty({
    props: {
      user_id: text,
      credential: text,
      account_login: text,
      account_type: text,
      display_name: text,
      is_service_account: bool,
      is_privileged: bool,
      can_escalate_privs: bool,
      is_disabled: bool,
      account_created: ts,
      account_expires: ts,
      credential_last_changed: ts,
      account_first_login: ts,
      account_last_login: ts,
    },
  }),
  'windows-registry-key': someOwnProperty({
    props: {
      key: text,
      values: list(obj({ props: { name: text, data: text, data_type: text } })),
      modified_time: ts,
      creator_user_ref: ref(['user-account']),
      number_of_subkeys: int(0),
    },
  }),
  'x509-certificate': someOwnProperty({
    props: {
      is_self_signed: bool,
      hashes,
      version: text,
      serial_number: text,
      signature_algorithm: text,
      issuer: text,
      validity_not_before: ts,
      validity_not_after: ts,
      subject: text,
      subject_public_key_algorithm: text,
      subject_public_key_modulus: text,
      subject_public_key_exponent: int(0),
      x509_v3_extensions: dict(),
    },
    refine: (o, path, c) => timeOrder(o, 'validity_not_before', 'validity_not_after', false, path, c),
  }),
};
