/**
 * Account administration in the console (administrators only): list, create, change roles,
 * disable. An administrator cannot disable themselves nor drop their own administrator role, so
 * a node is never left without someone able to administer it by a slip of the mouse. A disabled
 * account's sessions end at once; a role change applies from its next request.
 */
import { createAccount } from '../accounts/service.js';
import { ROLES, isRole } from '../accounts/model.js';
import { EnlaceError } from '../errors/index.js';
import type { NodeContext } from '../node/context.js';
import { formatTimestampUs } from '../stix/index.js';
import type { AccountRecord } from '../store/types.js';
import type { Viewer } from './model.js';
import { badRequest, bothLanguages } from './phrase.js';

export interface AccountView {
  username: string;
  displayName: string;
  roles: string[];
  disabled: boolean;
  locale: string | null;
  created: string;
}

export interface AccountChange {
  roles?: unknown;
  disabled?: boolean;
}

const viewOf = (a: AccountRecord): AccountView => ({
  username: a.username,
  displayName: a.displayName,
  roles: [...a.roles],
  disabled: a.disabled,
  locale: a.locale,
  created: formatTimestampUs(a.createdUs, 6),
});

export function requireAdmin(viewer: Viewer): void {
  if (!viewer.permissions.has('accounts:manage'))
    throw new EnlaceError('auth.forbidden', { action: bothLanguages('action.manage-accounts') });
}

export function readRoles(v: unknown): string[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > ROLES.length || !v.every((r) => typeof r === 'string' && isRole(r))) {
    throw badRequest('body.roles', { roles: ROLES.join(', ') });
  }
  return [...new Set(v as string[])];
}

export async function listAccounts(ctx: NodeContext, viewer: Viewer): Promise<AccountView[]> {
  requireAdmin(viewer);
  return (await ctx.store.listAccounts()).map(viewOf);
}

export async function addAccount(
  ctx: NodeContext,
  viewer: Viewer,
  input: { username: string; password: string; displayName?: string; roles: unknown },
): Promise<AccountView> {
  requireAdmin(viewer);
  const roles = readRoles(input.roles);
  return viewOf(
    await createAccount(ctx.store, { username: input.username, password: input.password, displayName: input.displayName, roles }),
  );
}

/** Changes roles and/or the disabled flag; `onChanged` lets remembered credentials be forgotten. */
export async function changeAccount(
  ctx: NodeContext,
  viewer: Viewer,
  username: string,
  change: AccountChange,
  endSessionsOf: (accountId: string) => Promise<void>,
): Promise<AccountView> {
  requireAdmin(viewer);
  const account = username.length <= 64 ? await ctx.store.getAccountByUsername(username) : null;
  if (!account) throw new EnlaceError('console.account-unknown', { username: username.slice(0, 64) });
  const roles = change.roles === undefined ? account.roles : readRoles(change.roles);
  const disabled = change.disabled ?? account.disabled;
  if (account.id === viewer.accountId) {
    if (disabled) throw new EnlaceError('console.own-account', { action: bothLanguages('action.disable') });
    if (!roles.includes('admin')) throw new EnlaceError('console.own-account', { action: bothLanguages('action.drop-admin') });
  }
  const updated: AccountRecord = { ...account, roles, disabled };
  await ctx.store.updateAccount(updated);
  if (disabled) await endSessionsOf(account.id);
  return viewOf(updated);
}

/** The language the console speaks to this account. */
export async function setLocale(ctx: NodeContext, viewer: Viewer, locale: 'en' | 'es-MX'): Promise<void> {
  const account = await ctx.store.getAccount(viewer.accountId);
  if (!account) throw new EnlaceError('console.session-required');
  await ctx.store.updateAccount({ ...account, locale });
}
