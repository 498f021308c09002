import type { Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../schema.js';
import { migration0001 } from './0001_initial.js';
import { migration0002 } from './0002_audit_log.js';
import { migration0003 } from './0003_release_policies.js';
import { migration0004 } from './0004_audit_exchanges.js';
import { migration0005 } from './0005_console_sessions.js';

/**
 * The migrations compiled into the program, so that a node never depends on finding migration
 * files on disk at run time. Names sort in the order they must run; never rename one.
 */
export function staticMigrations(dialect: Dialect): MigrationProvider {
  const all: Record<string, Migration> = {
    '0001_initial': migration0001(dialect),
    '0002_audit_log': migration0002(dialect),
    '0003_release_policies': migration0003(),
    '0004_audit_exchanges': migration0004(),
    '0005_console_sessions': migration0005(dialect),
  };
  return { getMigrations: async () => all };
}
