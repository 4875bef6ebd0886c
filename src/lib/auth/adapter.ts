import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { Adapter, AdapterAccount } from "next-auth/adapters";
import type { Database } from "@/lib/db";
import { accounts, users, verificationTokens } from "@/lib/db/schema";

/**
 * The Drizzle adapter on our own tables, minus token storage: a sign-in account only needs
 * to say who someone is. Provider tokens live in provider_connections, encrypted.
 */
export function createAuthAdapter(db: Database): Adapter {
  // Our tables carry extra columns the adapter's structural types do not expect, and
  // @auth/core's adapter types differ in detail from next-auth v4's.
  const adapter = DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    verificationTokensTable: verificationTokens,
  } as never) as unknown as Adapter;
  const linkAccount = adapter.linkAccount!.bind(adapter) as (account: AdapterAccount) => Promise<void>;
  return {
    ...adapter,
    linkAccount: (account: AdapterAccount) =>
      linkAccount({ ...account, access_token: undefined, refresh_token: undefined, id_token: undefined }),
  } as Adapter;
}
