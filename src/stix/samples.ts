/**
 * One valid object of every type Enlace validates, for tests here and elsewhere (the lead checks
 * them against the official schemas too). Ids and timestamps are fixed.
 */
import { NODE_IDENTITY_EXTENSION_ID, PHONE_NUMBER_EXTENSION_ID, SIGNATURE_EXTENSION_ID, VEHICLE_EXTENSION_ID } from './enlace-ids.js';
import type { StixObject } from './model.js';
import { TLP2_MARKING_IDS } from './tlp.js';

const T0 = '2026-11-27T17:52:37.123Z';
const T1 = '2026-11-28T08:00:00.000Z';

/** Sample identifiers, `type--uuid` with fixed UUIDv4s. */
export const SAMPLE_IDS = {
  usNode: 'identity--0b3b1f4e-7f0a-4c1e-9a56-5f2d9c1e4a10',
  actor: 'threat-actor--6d179234-61fc-40c4-ae86-3d53308d8e65',
  indicator: 'indicator--33fe3b22-0201-47cf-85d0-97c02164528d',
  ipv4: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd',
  software: 'software--a1827f6d-ca53-5605-9e93-4316cd22a00a',
  file: 'file--e277603e-1060-5ad4-9937-c26c97f1ca68',
  observed: 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf',
  location: 'location--a6e9345f-5a15-4c29-8bb3-7dcc5d168d64',
} as const;

const sdo = (type: string, uuid: string, props: Record<string, unknown>): StixObject => ({
  type,
  spec_version: '2.1',
  id: `${type}--${uuid}`,
  created: T0,
  modified: T0,
  ...props,
});

const sco = (type: string, uuid: string, props: Record<string, unknown>): StixObject => ({
  type,
  spec_version: '2.1',
  id: `${type}--${uuid}`,
  ...props,
});

/** A signature extension entry of the right shape (not a real signature). */
export const SAMPLE_SIGNATURE = {
  extension_type: 'property-extension',
  signer: SAMPLE_IDS.usNode,
  key_fingerprint: '3f'.repeat(32),
  jws: 'eyJhbGciOiJFZERTQSIsImI2NCI6ZmFsc2V9..bXktc2lnbmF0dXJlLWJ5dGVz',
};

export const VALID_SAMPLES: Readonly<Record<string, StixObject>> = {
  'attack-pattern': sdo('attack-pattern', '7e33a43e-e34b-40ec-89da-36c9bb2cacd5', {
    name: 'Drone drop over the border fence',
    kill_chain_phases: [{ kill_chain_name: 'enlace-smuggling', phase_name: 'delivery' }],
    external_references: [{ source_name: 'capec', external_id: 'CAPEC-163' }],
  }),
  campaign: sdo('campaign', '8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', {
    name: 'Operation Tule',
    first_seen: '2026-01-01T00:00:00Z',
    last_seen: '2026-06-01T00:00:00Z',
  }),
  'course-of-action': sdo('course-of-action', '70b3d5f6-374b-4488-8688-729b6eedac5b', { name: 'Inspect northbound trucks' }),
  grouping: sdo('grouping', '5e3c5d3c-6a3e-4c4e-9a5d-1f7a3f5e2b10', {
    context: 'suspicious-activity',
    object_refs: [SAMPLE_IDS.indicator, SAMPLE_IDS.actor],
  }),
  identity: sdo('identity', '0b3b1f4e-7f0a-4c1e-9a56-5f2d9c1e4a10', {
    name: 'US node',
    identity_class: 'organization',
    sectors: ['government-national'],
    extensions: { [NODE_IDENTITY_EXTENSION_ID]: { extension_type: 'property-extension', country: 'US', node: true } },
  }),
  incident: sdo('incident', '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d', { name: 'Drone incursion at Nogales' }),
  indicator: sdo('indicator', '33fe3b22-0201-47cf-85d0-97c02164528d', {
    name: 'C2 address',
    indicator_types: ['malicious-activity'],
    pattern: "[ipv4-addr:value = '198.51.100.3']",
    pattern_type: 'stix',
    valid_from: '2026-11-27T00:00:00Z',
    valid_until: '2027-11-27T00:00:00Z',
    created_by_ref: SAMPLE_IDS.usNode,
    object_marking_refs: [TLP2_MARKING_IDS.amber],
    extensions: { [SIGNATURE_EXTENSION_ID]: SAMPLE_SIGNATURE },
  }),
  infrastructure: sdo('infrastructure', '38c47d93-d984-4fd9-b87b-d69d0841628d', {
    name: 'Stash house',
    infrastructure_types: ['staging'],
  }),
  'intrusion-set': sdo('intrusion-set', 'da1065ce-972c-4605-8755-9cd1074e3b5a', { name: 'Cell 7', aliases: ['Los Siete'] }),
  location: sdo('location', 'a6e9345f-5a15-4c29-8bb3-7dcc5d168d64', {
    name: 'Nogales crossing',
    latitude: 31.3326,
    longitude: -110.9381,
    precision: 50,
    country: 'MX',
    administrative_area: 'MX-SON',
  }),
  malware: sdo('malware', 'fdd60b30-b67c-41e3-b0b9-f01faf20d111', {
    name: 'Poison Ivy',
    is_family: true,
    malware_types: ['remote-access-trojan'],
  }),
  'malware-analysis': sdo('malware-analysis', 'd25dc1b9-8f5a-4a3f-8a53-3c0e5f2c2a11', {
    product: 'sandbox',
    result: 'malicious',
    sample_ref: SAMPLE_IDS.file,
  }),
  note: sdo('note', '0c7b5b88-8ff7-4a4d-aa9d-feb398cd0062', { content: 'Seen again on 2026-11-27.', object_refs: [SAMPLE_IDS.actor] }),
  'observed-data': sdo('observed-data', 'b67d30ff-02ac-498a-92f9-32f845f448cf', {
    first_observed: '2026-11-27T10:00:00Z',
    last_observed: '2026-11-27T11:00:00Z',
    number_observed: 3,
    object_refs: [SAMPLE_IDS.ipv4],
  }),
  opinion: sdo('opinion', 'b01efc25-77b4-4003-b18b-f6e24b5cd9f7', { opinion: 'agree', object_refs: [SAMPLE_IDS.indicator] }),
  report: sdo('report', 'e33ffe07-2f4c-48d8-b0af-ee2619d765cf', {
    name: 'Weekly precursor report',
    published: '2026-11-27T00:00:00Z',
    report_types: ['threat-report'],
    object_refs: [SAMPLE_IDS.indicator, SAMPLE_IDS.actor],
  }),
  'threat-actor': sdo('threat-actor', '6d179234-61fc-40c4-ae86-3d53308d8e65', {
    name: 'El Ingeniero',
    threat_actor_types: ['crime-syndicate'],
    roles: ['director'],
  }),
  tool: sdo('tool', 'ce45f721-af14-4fc0-938c-000c16186418', { name: 'Quadcopter', tool_types: ['delivery'] }),
  vulnerability: sdo('vulnerability', 'c7cab3fb-0822-43a5-b1ba-c9bab34361a2', {
    name: 'CVE-2012-0158',
    external_references: [{ source_name: 'cve', external_id: 'CVE-2012-0158' }],
  }),
  relationship: sdo('relationship', '6598bf44-1c10-4218-af9f-75b5b71c23a7', {
    relationship_type: 'indicates',
    source_ref: SAMPLE_IDS.indicator,
    target_ref: SAMPLE_IDS.actor,
    start_time: T0,
    stop_time: T1,
  }),
  sighting: sdo('sighting', 'ee20065d-2555-424f-ad9e-0f8428623c75', {
    sighting_of_ref: SAMPLE_IDS.indicator,
    count: 2,
    first_seen: T0,
    last_seen: T1,
    where_sighted_refs: [SAMPLE_IDS.usNode, SAMPLE_IDS.location],
    observed_data_refs: [SAMPLE_IDS.observed],
  }),
  'language-content': sdo('language-content', 'b86b3482-6b4d-4c4e-8f5a-5e5b0c5d6a7e', {
    object_ref: SAMPLE_IDS.actor,
    object_modified: T0,
    contents: { 'es-MX': { name: 'El Ingeniero', description: 'Jefe de logística.' } },
  }),
  'marking-definition': {
    type: 'marking-definition',
    spec_version: '2.1',
    id: 'marking-definition--a2b1c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    created: T0,
    name: 'H1',
    definition_type: 'statement',
    definition: { statement: "Not for use in court without the originator's permission." },
  },
  artifact: sco('artifact', '6f437177-6e48-5cf8-9d9e-872a2bddd641', { mime_type: 'text/plain', payload_bin: 'aGVsbG8=' }),
  'autonomous-system': sco('autonomous-system', 'f720c34b-98ae-597f-ade5-27ef187498bd', { number: 15139, name: 'Example AS' }),
  directory: sco('directory', '93c0a9b0-520d-545d-9094-1a08ddf46b05', { path: 'C:\\Windows\\System32' }),
  'domain-name': sco('domain-name', '3c10e93f-798e-5a26-a0c1-08156efab7f5', { value: 'example.com' }),
  'email-addr': sco('email-addr', '2d77a846-6264-5d51-b586-e43822ea1ea3', { value: 'john@example.com', display_name: 'John' }),
  'email-message': sco('email-message', '72b7698f-10c2-565a-a2a6-b4996a2f2265', {
    is_multipart: false,
    subject: 'Shipment',
    body: 'Tuesday.',
    from_ref: 'email-addr--2d77a846-6264-5d51-b586-e43822ea1ea3',
  }),
  file: sco('file', 'e277603e-1060-5ad4-9937-c26c97f1ca68', {
    name: 'manifest.pdf',
    size: 1024,
    hashes: { 'SHA-256': 'ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c' },
  }),
  'ipv4-addr': sco('ipv4-addr', 'ff26c055-6336-5bc5-b98d-13d6226742dd', { value: '198.51.100.0/24' }),
  'ipv6-addr': sco('ipv6-addr', '1e61d36c-a16c-53b7-a80f-2a00161c96b1', { value: '2001:db8::/32' }),
  'mac-addr': sco('mac-addr', '65cfcf98-8a6e-5a1b-8f61-379ac4f92d00', { value: 'd2:fb:49:24:37:18' }),
  mutex: sco('mutex', 'fba44954-d4e4-5d3b-814c-2b17dd8de300', { name: '__CLEANSWEEP__' }),
  'network-traffic': sco('network-traffic', '2568d22a-8998-58eb-99ec-3c8ca74f527d', {
    src_ref: SAMPLE_IDS.ipv4,
    dst_port: 443,
    protocols: ['ipv4', 'tcp'],
  }),
  process: sco('process', 'f52a906a-0dfc-40bd-92f1-e7778ead38a9', { pid: 1221, command_line: './run' }),
  software: sco('software', 'a1827f6d-ca53-5605-9e93-4316cd22a00a', { name: 'Word', vendor: 'Microsoft', version: '2002' }),
  url: sco('url', 'c1477287-23ac-5971-a010-5c287877fa60', { value: 'https://example.com/research/index.html' }),
  'user-account': sco('user-account', '0d5b424b-93b8-5cd8-ac36-306e1789d63c', { user_id: '1001', account_login: 'jdoe' }),
  'windows-registry-key': sco('windows-registry-key', '2ba37ae7-2745-5082-9dfd-9486dad41016', {
    key: 'hkey_local_machine\\system\\bar\\foo',
  }),
  'x509-certificate': sco('x509-certificate', '463d7b2a-8516-5a50-a3d7-6f801465d5de', {
    issuer: 'C=ZA, O=Thawte',
    serial_number: '36:f7:d4:32:f4:ab:70:ea:d3:ce:98:6e:ea:99:93:49:32:0a:b7:06',
  }),
  'phone-number': sco('phone-number', 'c3a3d6a0-9c34-5e36-9d9d-7f9f6d5a0b11', {
    value: '+526671234567',
    country: 'MX',
    carrier: 'Telcel',
    extensions: { [PHONE_NUMBER_EXTENSION_ID]: { extension_type: 'new-sco' } },
  }),
  vehicle: sco('vehicle', '9b7f3a52-64b7-5b6e-8d3a-2c1f0e9d8c7b', {
    license_plate: 'VNB-123-A',
    plate_region: 'MX-SIN',
    vin: '1HGCM82633A004352',
    make: 'Nissan',
    model: 'NP300',
    color: 'white',
    year: 2019,
    extensions: { [VEHICLE_EXTENSION_ID]: { extension_type: 'new-sco' } },
  }),
};
