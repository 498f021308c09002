/**
 * What the console reads from its node, as the console contract (issue 4) and the existing
 * /api/v1 handlers give it. Types only: the server checks what it sends, the console trusts its
 * own node's answers to have these shapes.
 */

export type Locale = 'en' | 'es-MX';

export type TlpLevel = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

export interface SessionUser {
  username: string;
  displayName: string;
  roles: string[];
  permissions: string[];
  locale: Locale | null;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
  expiresAt: string;
}

/** The public card a node shows before sign-in (GET /enlace/node-card). */
export interface NodeCard {
  name: string;
  identity_id: string;
  organisation: string;
  country: string;
  fingerprint: string;
  url: string;
}

export interface NodeInfo extends NodeCard {
  public_key: string;
  api_root: string;
  store: string;
  collections: { id: string; alias: string | null; title: string; objects: number }[];
}

export interface Originator {
  id: string;
  /** The organisation as pinned here; the identity id when the originator is not known here. */
  name: string;
  /** ISO 3166-1 alpha-2; null when the originator is not known here. */
  country: string | null;
  self: boolean;
  peer: string | null;
}

export interface ListItem {
  id: string;
  type: string;
  name: string | null;
  version: string;
  created: string | null;
  modified: string | null;
  dateAdded: string;
  originator: Originator;
  tlp: TlpLevel | null;
  grading: string | null;
  labels: string[];
  revoked: boolean;
  collection: string;
}

export interface ObjectPage {
  items: ListItem[];
  next: string | null;
}

export interface PeerStatus {
  peer: string;
  url: string;
  fingerprint: string;
  state: 'ok' | 'failing' | 'never-synced';
  lastSuccess: string | null;
  lastAttempt: string | null;
  lastFailure: string | null;
  lastFailureReason: string | null;
  consecutiveFailures: number;
  lagObjects: { incoming: number; outgoing: number };
  lagSeconds: number;
  pulledTotal: number;
  pushedTotal: number;
  rejectedTotal: number;
  recentRejections: { direction: 'received' | 'sent'; objectId: string | null; reason: string; at: string }[];
  revokedByPeer: number;
  audit: {
    state: 'ok' | 'failing' | 'never';
    lastSuccess: string | null;
    lastFailure: string | null;
    lastFailureCode: string | null;
    lastFailureReason: string | null;
    peerTreeSize: number | null;
    ownTreeSize: number | null;
  };
}

export type AlertKind = 'sync-failing' | 'audit-failing' | 'rejections' | 'proposals-pending';

export interface OverviewAlert {
  kind: AlertKind;
  peer?: string;
  count?: number;
  since?: string;
}

export interface Overview {
  node: { name: string; organisation: string; country: string; fingerprint: string; identityId: string };
  peers: PeerStatus[];
  today: { received: number; sent: number };
  alerts: OverviewAlert[];
}

export type StixObject = { id: string; type: string } & Record<string, unknown>;

export const SIGNATURE_PROBLEMS = [
  'unsigned',
  'malformed-signature',
  'unknown-key',
  'signer-mismatch',
  'bad-signature',
  'unsupported-alg',
  'not-originator',
] as const;

export interface SignatureCheck {
  valid: boolean;
  signer: string | null;
  /** The signer as people know it (organisation), when pinned here. */
  signerName: string | null;
  fingerprint: string | null;
  /** Why it does not verify: one of SIGNATURE_PROBLEMS. */
  reason?: string;
}

export interface VersionInfo {
  version: string;
  dateAdded: string;
  revoked: boolean;
  contentHash: string;
  signature: SignatureCheck;
}

export interface ObjectRef {
  id: string;
  type: string;
  name: string | null;
}

export interface RelationshipInfo {
  id: string;
  relationship_type: string;
  source: ObjectRef;
  target: ObjectRef;
}

export interface ObjectDetail {
  object: StixObject;
  item: ListItem;
  versions: VersionInfo[];
  translations: Record<string, Record<string, string>>;
  relationships: RelationshipInfo[];
  related: { notes: ListItem[]; opinions: ListItem[]; sightings: ListItem[]; proposals: ListItem[] };
  actions: { note: boolean; propose: boolean; revoke: boolean; release: boolean };
  /** Our own objects, for readers of the release policy: what each partner receives of the newest version. */
  release?: ReleaseSummary[];
}

export interface ReleaseSummary {
  peer: string;
  decision: Effect;
  reasons: { rule: string; effect: Effect; text: { en: string; es: string } }[];
  withheld_properties?: string[];
}

export type Effect = 'release' | 'withhold' | 'redact';

export interface PreviewReason {
  rule: string;
  effect: Effect;
  code: string;
  params: Record<string, string>;
  text: { en: string; es: string };
}

export interface PreviewItem {
  id: string;
  type: string;
  name?: string;
  version: string;
  seq: number;
  latest: boolean;
  originator: string;
  decision: Effect;
  reasons: PreviewReason[];
  withheld_properties?: string[];
  released?: Record<string, unknown>;
}

export interface PreviewResult {
  peer: { name: string; identity_id: string; organisation: string; country: string };
  policy: { version: number; author: string; saved: boolean };
  collection: { id: string; alias: string | null; title: string };
  mode: 'latest' | 'versions';
  objects: PreviewItem[];
  not_found?: string[];
  summary: { release: number; redact: number; withhold: number; total: number };
  more: boolean;
  next_after?: number;
}

export const CEILINGS = ['clear', 'green', 'amber', 'amber+strict'] as const;
export type Ceiling = (typeof CEILINGS)[number];
export const SOURCE_RELIABILITY = ['A', 'B', 'C', 'X'] as const;
export type SourceReliability = (typeof SOURCE_RELIABILITY)[number];
export const INFORMATION_CREDIBILITY = [1, 2, 3, 4] as const;

export interface PeerRules {
  allow_green: boolean;
  allow_amber: boolean;
  ceiling: Ceiling;
  min_grading?: { source_reliability: SourceReliability; information_credibility: number };
  allow_third_party: boolean;
}

export interface ReleasePolicy {
  version: number;
  updated_at: string;
  unmarked_as: TlpLevel;
  default: PeerRules;
  peers: Record<string, PeerRules>;
}

export interface PolicyDocument {
  version: number;
  author: string;
  saved_at: string | null;
  saved: boolean;
  policy: ReleasePolicy;
}

export interface AuditDiscrepancy {
  code: string;
  message: string;
  params: Record<string, unknown>;
  head?: { origin: string; received: string | null };
}

export interface AuditVerdict {
  ok: boolean;
  peer: string;
  checked_at: string;
  logs: { name: string; log_id: string; tree_size: number; heads: number }[];
  matched: number;
  pending: number;
  truncated: boolean;
  discrepancies: AuditDiscrepancy[];
}

export interface HeldHead {
  log: string;
  log_id: string;
  status: 'own' | 'accepted' | 'inconsistent';
  received: string;
  tree_head: unknown;
}

export interface AccessRecord {
  seq: number;
  at: string;
  account: string;
  action: 'view' | 'export' | 'evidence';
  object_id: string;
  version: string;
  content_hash: string | null;
  intact: boolean;
}

export interface Account {
  username: string;
  displayName: string;
  roles: string[];
  disabled: boolean;
  locale?: string | null;
}

export const ROLES = ['analyst', 'liaison', 'supervisor', 'admin', 'connector', 'sensor'] as const;

export interface ProposalView {
  id: string;
  created: string;
  proposer: string;
  mine: boolean;
  target_ref: string;
  target_version: string;
  target_current_version: string | null;
  target_originator: string | null;
  changes: Record<string, unknown>;
  removals: string[];
  rationale: string;
  state: 'pending' | 'accepted' | 'rejected' | 'withdrawn';
  stale: boolean;
  response?: { id: string; decision: 'accepted' | 'rejected'; reason?: string; resulting_version?: string; created: string };
}

/*
 * The border drone picture (issue 5): copied from the node's src/drones/model.ts and
 * src/drones/map/geography.ts, which the browser build cannot import. Keep them in step.
 */

export type DetectionSource = 'cot' | 'tak-protobuf' | 'remote-id' | 'geojson';
export type Classification = 'hostile' | 'suspect' | 'unknown' | 'friendly';
export type Airframe = 'rotary-wing' | 'fixed-wing' | 'unknown';
export type PilotLocationKind = 'takeoff' | 'live' | 'fixed';
export type Side = 'US' | 'MX';
export type Heading = 'towards' | 'away' | 'along';

export interface PilotLocation {
  lat: number;
  lon: number;
  kind: PilotLocationKind;
  t: number;
}

export interface RawPayload {
  format: 'cot-xml' | 'tak-protobuf' | 'remote-id' | 'geojson';
  encoding: 'utf8' | 'base64';
  data: string;
  sha256: string;
}

export interface TrackPoint {
  t: number;
  lat: number;
  lon: number;
  altM: number | null;
  sensor: string;
  source: DetectionSource;
}

export interface TrackBorder {
  side: Side;
  /** Positive on the U.S. side. */
  signedDistanceM: number;
  heading: Heading;
  groundSpeedMps: number;
  courseDeg: number | null;
  predictedCrossingAt: number | null;
  nearestPort: { id: string; name: string; cityMx: string; distanceM: number };
}

/** A live track as the map receives it (times in ms since the epoch). */
export interface TrackView {
  id: string;
  uids: string[];
  remoteIds: string[];
  sensors: string[];
  sources: DetectionSource[];
  classification: Classification;
  exercise: boolean;
  airframe: Airframe;
  callsign: string | null;
  firstSeen: number;
  lastSeen: number;
  staleAt: number;
  latest: TrackPoint;
  pilot: PilotLocation | null;
  takeoff: { lat: number; lon: number; t: number } | null;
  border: TrackBorder;
  confirmedSide: Side | null;
  /** The newest points, oldest first (at most 60). */
  trail: TrackPoint[];
  /** 'local' for this node's sensors, else the peer's name. */
  origin: string;
  originCountry: string;
}

export type RuleKind = 'crossing' | 'approach' | 'geofence' | 'payload-drop' | 'loitering';
export const RULE_KINDS: readonly RuleKind[] = ['crossing', 'approach', 'geofence', 'payload-drop', 'loitering'];
export type TimelineKind = RuleKind | 'opened' | 'track-joined' | 'pilot-located' | 'closed';

export interface TimelineEntry {
  at: number;
  kind: TimelineKind;
  trackId: string | null;
  lat: number | null;
  lon: number | null;
  params: Record<string, string | number>;
}

export interface IncidentTrack {
  trackId: string;
  uids: string[];
  remoteIds: string[];
  sensors: string[];
  classification: Classification;
  airframe: Airframe;
  callsign: string | null;
  trail: Array<{ t: number; lat: number; lon: number; altM: number | null }>;
  pilot: PilotLocation | null;
  takeoff: { lat: number; lon: number; t: number } | null;
  border: TrackBorder;
  lastSeen: number;
  staleAt: number;
}

export interface EvidenceItem {
  at: number;
  sensor: string;
  trackId: string;
  raw: RawPayload;
}

export interface IncidentView {
  id: string;
  status: 'open' | 'closed';
  openedAt: number;
  updatedAt: number;
  closedAt: number | null;
  originCountry: string;
  rules: RuleKind[];
  tracks: IncidentTrack[];
  timeline: TimelineEntry[];
  evidence: EvidenceItem[];
  /** 'local', or the name of the peer whose node detected it. */
  origin: string;
  version: string;
}

export interface Alert {
  /** `<incident id>/<rule>`. */
  id: string;
  incidentId: string;
  rule: RuleKind;
  origin: string;
  originCountry: string;
  raisedAt: number;
  level: 1 | 2 | 3;
  state: 'open' | 'acknowledged';
  acknowledgedAt: number | null;
  acknowledgedBy: { account: string; country: string } | null;
  lat: number;
  lon: number;
  params: Record<string, string | number>;
}

export interface Picture {
  now: number;
  /** This node's country. */
  country: string;
  tracks: TrackView[];
  incidents: IncidentView[];
  alerts: Alert[];
}

export type StreamEvent =
  | { type: 'tracks'; updated: TrackView[]; removed: string[] }
  | { type: 'incident'; incident: IncidentView }
  | { type: 'alert'; alert: Alert };

export type LonLat = [number, number];
export type Ring = LonLat[];

export interface GeoRegion {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface GeoState {
  code: string;
  country: Side;
  name: { en: string; es: string };
  label: LonLat;
  /** Empty for Mexican states: the node ships their names only. */
  rings: Ring[];
}

export interface GeoPort {
  id: string;
  name: string;
  cityMx: string;
  stateUs: string;
  stateMx: string;
  lat: number;
  lon: number;
}

export interface GeoCity {
  name: string;
  country: Side;
  lat: number;
  lon: number;
}

/** GET /api/v1/drones/geography: what the map draws under the tracks. */
export interface Geography {
  region: GeoRegion;
  border: LonLat[];
  countries: { us: Ring[]; mx: Ring[] };
  states: GeoState[];
  ports: GeoPort[];
  cities: GeoCity[];
}
