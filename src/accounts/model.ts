import type { AccountRecord, PeerRecord } from '../store/types.js';

/** The roles people and tools hold on a node. */
export const ROLES = ['analyst', 'liaison', 'supervisor', 'admin', 'connector', 'sensor'] as const;
export type Role = (typeof ROLES)[number];

/** What a principal may do. Handlers ask for a permission, never for a role. */
export type Permission =
  | 'objects:read'
  | 'objects:write'
  | 'objects:delete'
  | 'peers:manage'
  | 'accounts:manage'
  | 'sync:run'
  | 'status:read'
  /** Read the transparency and access logs, and audit them against a partner's. */
  | 'audit:read'
  /** Read the release policy, its history, and preview what a partner would receive. */
  | 'policy:read'
  /** Save a new version of the release policy. */
  | 'policy:write'
  /** Accept or reject partners' proposals to change this node's objects (the originator's decision). */
  | 'proposals:decide'
  /** See the drone picture: tracks, incidents, alerts, evidence. */
  | 'drones:read'
  /** Send detections (CoT, TAK, Remote ID, GeoJSON) into the node. */
  | 'drones:ingest'
  /** Acknowledge drone alerts, for this node and visibly to the partner. */
  | 'drones:ack';

const grants: Record<Role, Permission[]> = {
  analyst: ['objects:read', 'objects:write', 'status:read', 'drones:read', 'drones:ack'],
  liaison: [
    'objects:read',
    'objects:write',
    'status:read',
    'sync:run',
    'audit:read',
    'policy:read',
    'proposals:decide',
    'drones:read',
    'drones:ack',
  ],
  supervisor: ['objects:read', 'status:read', 'audit:read', 'policy:read', 'proposals:decide', 'drones:read', 'drones:ack'],
  admin: [
    'objects:read',
    'objects:write',
    'objects:delete',
    'status:read',
    'sync:run',
    'peers:manage',
    'accounts:manage',
    'audit:read',
    'policy:read',
    'policy:write',
    'proposals:decide',
    'drones:read',
    'drones:ack',
    'drones:ingest',
  ],
  // Tools such as an OpenCTI instance or a MISP TAXII client: read and submit, nothing else.
  connector: ['objects:read', 'objects:write'],
  // A sensor or a partner system's gateway (TAK server, Remote ID receiver, radar): detections in, nothing out.
  sensor: ['drones:ingest'],
};

/** Who is making a request: one of this node's accounts, or a pinned partner node. */
export type Principal =
  | { kind: 'account'; account: AccountRecord; permissions: ReadonlySet<Permission> }
  | { kind: 'peer'; peer: PeerRecord; permissions: ReadonlySet<Permission> };

export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) for (const p of grants[r as Role] ?? []) out.add(p);
  return out;
}

/** Partner nodes read what the release policy lets them see and push their own objects. */
export const PEER_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>(['objects:read', 'objects:write']);

export function principalKey(p: Principal): string {
  return p.kind === 'account' ? `account:${p.account.id}` : `peer:${p.peer.name}`;
}

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}
