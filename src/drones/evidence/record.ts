import type { IncidentView } from '../model.js';
import { exchangedVersion, type NodeContext } from '../../node/context.js';

/**
 * Notes in the node's transparency log that `account` took an evidence file out of this incident
 * version: an access entry `evidence` whose contentHash is the file's SHA-256. Await it before the
 * file is handed over, so that no export leaves unrecorded; anyone can later recompute the file
 * from the same version and find its digest in the log.
 * @throws AuditError entry-invalid when the account, id, version or digest cannot be logged
 */
export async function recordEvidenceExport(ctx: NodeContext, account: string, view: IncidentView, file: { sha256: string }): Promise<void> {
  await ctx.exchanges.accessed(account, 'evidence', [exchangedVersion(view.id, view.version, file.sha256)]);
}
