import type { Database } from "@/lib/db";
import { listConnections } from "@/lib/db/queries/connections";
import { findUserByEmail } from "@/lib/db/queries/users";
import type { ProviderConnection, User } from "@/lib/db/schema";
import { findSource } from "@/lib/providers/sources";
import type { CliConfig, ConfigAccount } from "./config";
import { CommandFailed, UsageError } from "./errors";

export interface ResolvedAccount {
  account: ConfigAccount;
  user: User;
  /** Undefined when the person has not linked this provider yet (only `qt auth` accepts that). */
  connection?: ProviderConnection;
}

export function findConfigAccount(config: CliConfig, name: string): ConfigAccount {
  const account = config.accounts.find((candidate) => candidate.name === name);
  if (!account) {
    const known = config.accounts.map((candidate) => candidate.name);
    throw new UsageError(
      `No account named "${name}" in the config${known.length ? ` (accounts: ${known.join(", ")})` : '; add it under "accounts"'}.`,
    );
  }
  return account;
}

export async function findConfigUser(db: Database, email: string): Promise<User> {
  const user = (await findUserByEmail(db, { email })) ?? (await findUserByEmail(db, { email: email.toLowerCase() }));
  if (!user) throw new UsageError(`No QT.run user has the email ${email}; sign up in the app first.`);
  return user;
}

/**
 * The QT.run user and connection a config account names: `connection_id` when given, else the
 * person's only account of that provider. Several of them without an id is ambiguous, so the
 * ids are listed to pick from.
 */
export async function resolveAccount(db: Database, account: ConfigAccount): Promise<ResolvedAccount> {
  if (!findSource(account.provider))
    throw new UsageError(`Account "${account.name}": unknown provider "${account.provider}".`);
  const user = await findConfigUser(db, account.user);
  const candidates = (await listConnections(db, { userId: user.id })).filter(
    (connection) =>
      connection.provider === account.provider && (!account.connection_id || connection.id === account.connection_id),
  );
  if (account.connection_id && !candidates.length)
    throw new UsageError(
      `Account "${account.name}": ${account.user} has no ${account.provider} connection ${account.connection_id}.`,
    );
  if (candidates.length > 1)
    throw new UsageError(
      `Account "${account.name}": ${account.user} has ${candidates.length} ${account.provider} accounts; ` +
        `set "connection_id" to one of: ${candidates.map((connection) => `${connection.id} (${connection.label ?? connection.externalUserId})`).join(", ")}.`,
    );
  return { account, user, connection: candidates[0] };
}

/** Like resolveAccount, for commands that read the account's data: it must be linked. */
export async function resolveLinkedAccount(
  db: Database,
  account: ConfigAccount,
): Promise<ResolvedAccount & { connection: ProviderConnection }> {
  const resolved = await resolveAccount(db, account);
  if (!resolved.connection)
    throw new CommandFailed(
      `Account "${account.name}": ${account.user} has no ${account.provider} account linked yet; run \`qt auth --account ${account.name}\`.`,
    );
  return { ...resolved, connection: resolved.connection };
}
