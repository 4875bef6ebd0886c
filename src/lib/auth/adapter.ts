import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { Adapter, AdapterAccount } from "next-auth/adapters";
import type { Database } from "@/lib/db";
import { accounts, users, verificationTokens } from "@/lib/db/schema";

/**
 * The Drizzle adapter on our own tables, minus token storage: a sign-in account only needs
 * to say who someone is. Provider tokens live in provider_connections, encrypted.
 */
export function createAuthAdapter(db: Database): Adapter {
  const adapter = DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    verificationTokensTable: verificationTokens,
    // Our tables carry extra columns the adapter's structural types do not expect.
  } as never) as unknown as Adapter;
  return {
    ...adapter,
    linkAccount: (account: AdapterAccount) =>
      adapter.linkAccount!({
        ...account,
        access_token: undefined,
        refresh_token: undefined,
        id_token: undefined,
      }),
  };
}
