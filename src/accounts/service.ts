import { randomUUID } from 'node:crypto';
import { hashApiToken, hashPassword, newApiToken, verifyPassword } from '../crypto/index.js';
import { EnlaceError } from '../errors/index.js';
import type { Store, AccountRecord } from '../store/types.js';
import { ROLES, isRole, permissionsOf, type Principal } from './model.js';

export interface NewAccount {
  username: string;
  displayName?: string;
  password: string;
  roles: string[];
  locale?: string | null;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;
const MIN_PASSWORD = 10;

/** Creates an account; the password is kept only as a scrypt hash. */
export async function createAccount(store: Store, a: NewAccount): Promise<AccountRecord> {
  if (!USERNAME.test(a.username)) throw new EnlaceError('account.bad-username', { username: a.username.slice(0, 64) });
  if (a.password.length < MIN_PASSWORD) throw new EnlaceError('account.short-password', { min: MIN_PASSWORD });
  const badRole = a.roles.find((r) => !isRole(r));
  if (badRole !== undefined || a.roles.length === 0)
    throw new EnlaceError('account.bad-role', { role: (badRole ?? '').slice(0, 40), roles: ROLES.join(', ') });
  if (await store.getAccountByUsername(a.username)) throw new EnlaceError('account.exists', { username: a.username });
  const record: AccountRecord = {
    id: randomUUID(),
    username: a.username,
    displayName: a.displayName ?? a.username,
    passwordHash: await hashPassword(a.password),
    roles: a.roles,
    locale: a.locale ?? null,
    disabled: false,
    createdUs: Date.now() * 1000,
  };
  await store.createAccount(record);
  return record;
}

/** Issues an API token for an account; the token is returned once and only its hash is kept. */
export async function issueApiToken(store: Store, accountId: string, label: string): Promise<string> {
  const { token, hash } = newApiToken();
  await store.createApiToken({ id: randomUUID(), accountId, label, tokenHash: hash, createdUs: Date.now() * 1000, lastUsedUs: null });
  return token;
}

function principalOf(account: AccountRecord): Principal {
  return { kind: 'account', account, permissions: permissionsOf(account.roles) };
}

/** Checks a username and password (or an API token given as the password, as TAXII clients do). */
export async function authenticatePassword(store: Store, username: string, password: string): Promise<Principal | null> {
  const account = await store.getAccountByUsername(username);
  if (!account || account.disabled) return null;
  if (password.startsWith('enl_')) {
    const byToken = await authenticateToken(store, password);
    return byToken && byToken.kind === 'account' && byToken.account.id === account.id ? byToken : null;
  }
  return (await verifyPassword(password, account.passwordHash)) ? principalOf(account) : null;
}

/** Checks a bearer API token. */
export async function authenticateToken(store: Store, token: string): Promise<Principal | null> {
  if (token.length > 200) return null;
  const record = await store.getApiTokenByHash(hashApiToken(token));
  if (!record) return null;
  const account = await store.getAccount(record.accountId);
  if (!account || account.disabled) return null;
  await store.touchApiToken(record.id, Date.now() * 1000);
  return principalOf(account);
}
