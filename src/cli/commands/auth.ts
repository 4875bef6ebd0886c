import type { Database } from "@/lib/db";
import { completeMfaChallenge, linkWithPassword, type LinkOutcome } from "@/lib/connections/credential-link";
import { refreshIfDue } from "@/lib/connections/refresh";
import { hasErrorCode } from "@/lib/errors";
import { findCredentialProvider } from "@/lib/providers/credential-index";
import { getAppUrl } from "@/lib/providers/routing";
import { getSourceOrThrow } from "@/lib/providers/sources";
import { findConfigAccount, resolveAccount } from "../accounts";
import { forgetPendingSignIn, readPendingSignIn, savePendingSignIn } from "../cache";
import { stringOption, type Command, type CommandContext } from "../command";
import type { ConfigAccount } from "../config";
import { EXIT_FAILED, EXIT_OK, UsageError } from "../errors";
import { ask } from "../prompt";

type AccountResult = { account: string; state: string; message: string; isFailed: boolean; expiresAt?: string | null };

export const authCommand: Command = {
  name: "auth",
  summary: "link the config's password accounts, or refresh the tokens of accounts already linked",
  help: `qt auth [--account NAME] [--code CODE] [--json]

  For every account in the config (or only --account): a linked account's tokens are refreshed
  when they are due; a Garmin Connect or COROS Training Hub account not linked yet is signed in
  with "password" (or the variable "password_env" names; asked for on a terminal).
  Accounts of OAuth providers (Strava, Garmin, Oura, …) are connected in the app's
  Settings → Connected sources, never here.
  --code CODE       the code a provider sent for a sign-in that asked for one (needs --account)`,
  options: { account: { type: "string" }, code: { type: "string" } },
  async run(context) {
    const name = stringOption(context.values, "account");
    const code = stringOption(context.values, "code");
    if (code && !name) throw new UsageError("--code needs --account NAME: the account whose sign-in asked for it.");
    const accounts = name ? [findConfigAccount(context.config, name)] : context.config.accounts;
    if (!accounts.length) throw new UsageError('The config names no accounts; add them under "accounts".');
    const db = await context.db();
    const results: AccountResult[] = [];
    for (const account of accounts) {
      const result = await authOne(db, context, account, code).catch((error: unknown): AccountResult => ({
        account: account.name,
        state: "failed",
        message: error instanceof Error ? error.message : String(error),
        isFailed: true,
      }));
      results.push(result);
      if (!context.isJson)
        (result.isFailed ? context.output.error : context.output.result)(`${result.account}: ${result.message}`);
    }
    if (context.isJson)
      context.output.json({ accounts: results.map((result) => ({ ...result, isFailed: undefined })) });
    return results.some((result) => result.isFailed) ? EXIT_FAILED : EXIT_OK;
  },
};

async function authOne(
  db: Database,
  context: CommandContext,
  account: ConfigAccount,
  code: string | undefined,
): Promise<AccountResult> {
  const { user, connection } = await resolveAccount(db, account);
  const source = getSourceOrThrow(account.provider);
  const credentialSource = findCredentialProvider(account.provider);
  const base = { account: account.name, isFailed: false };
  if (code) return finishSignIn(db, context, { account, userId: user.id, code });

  if (connection) {
    try {
      const tokens = await refreshIfDue(db, connection);
      const expiresAt = tokens.expiresAt?.toISOString() ?? null;
      return {
        ...base,
        state: "valid",
        expiresAt,
        message: `linked (${source.name}), tokens valid${expiresAt ? ` until ${expiresAt}` : ""}.`,
      };
    } catch (error) {
      // A password account whose tokens are refused for good can be signed in again in place.
      if (!credentialSource || !hasErrorCode(error, "PROVIDER_AUTH_EXPIRED")) throw error;
      context.output.verbose(`${account.name}: ${(error as Error).message}; signing in again.`);
    }
  }
  if (!credentialSource)
    return {
      ...base,
      state: "not_linked",
      isFailed: true,
      message: `${source.name} is connected through its own sign-in page, which a command line cannot show: open ${getAppUrl()}/dashboard/settings as ${account.user} and connect it there.`,
    };
  const password = await passwordFor(context, account);
  const outcome = await linkWithPassword(db, {
    userId: user.id,
    family: credentialSource.family,
    input: {
      username: account.username ?? account.user,
      password,
      region: credentialSource.region,
      autoSignIn: account.auto_sign_in,
      label: account.label,
    },
  });
  return describeOutcome(context, account, outcome);
}

async function passwordFor(context: CommandContext, account: ConfigAccount): Promise<string> {
  if (account.password) return account.password;
  if (account.password_env) {
    const value = process.env[account.password_env];
    if (value) return value;
    throw new UsageError(`${account.name}: the variable ${account.password_env} ("password_env") is not set.`);
  }
  if (!context.isInteractive)
    throw new UsageError(`${account.name}: no "password" or "password_env" in the config, and no terminal to ask on.`);
  return ask(`Password for ${account.username ?? account.user} (${account.provider}): `, { isSecret: true });
}

async function finishSignIn(
  db: Database,
  context: CommandContext,
  params: { account: ConfigAccount; userId: string; code: string },
): Promise<AccountResult> {
  const { account } = params;
  const pending = await readPendingSignIn(context.cacheDir, account.name);
  if (!pending || Date.parse(pending.expiresAt) < Date.now())
    throw new UsageError(
      `${account.name}: no sign-in is waiting for a code; run \`qt auth --account ${account.name}\` first.`,
    );
  const family = findCredentialProvider(account.provider)!.family;
  const outcome = await completeMfaChallenge(db, {
    userId: params.userId,
    family,
    input: { challengeId: pending.challengeId, code: params.code },
  });
  if (outcome.kind !== "invalid_code") await forgetPendingSignIn(context.cacheDir, account.name);
  return describeOutcome(context, account, outcome);
}

async function describeOutcome(
  context: CommandContext,
  account: ConfigAccount,
  outcome: LinkOutcome,
): Promise<AccountResult> {
  const base = { account: account.name };
  switch (outcome.kind) {
    case "linked":
      return {
        ...base,
        state: "linked",
        isFailed: false,
        expiresAt: outcome.connection.expiresAt?.toISOString() ?? null,
        message: `${outcome.isNew ? "linked" : "signed in again"} (${outcome.source.name}); its first sync is queued for the app.`,
      };
    case "mfa_required": {
      const expiresAt = new Date(Date.now() + 10 * 60_000).toISOString();
      await savePendingSignIn(context.cacheDir, account.name, { challengeId: outcome.challengeId, expiresAt });
      if (context.isInteractive) {
        const code = await ask(`Code ${outcome.source.familyName} sent (${outcome.method}): `);
        const db = await context.db();
        const resolved = await resolveAccount(db, account);
        return finishSignIn(db, context, { account, userId: resolved.user.id, code });
      }
      return {
        ...base,
        state: "code_required",
        isFailed: true,
        message: `${outcome.source.familyName} sent a code (${outcome.method}); within 10 minutes run \`qt auth --account ${account.name} --code CODE\`.`,
      };
    }
    case "invalid_credentials":
      return {
        ...base,
        state: "invalid_credentials",
        isFailed: true,
        message: `${outcome.source.familyName} refused the username or password.`,
      };
    case "invalid_code":
      return {
        ...base,
        state: "invalid_code",
        isFailed: true,
        message: "That code was not accepted; try again with the right one.",
      };
    case "rejected_tokens":
      return { ...base, state: "rejected_tokens", isFailed: true, message: outcome.message };
    case "blocked":
      return {
        ...base,
        state: "blocked",
        isFailed: true,
        message: `${outcome.source.familyName} is refusing automated sign-ins; not tried again before ${outcome.retryAt.toISOString()}.`,
      };
    default: {
      const unknown: never = outcome;
      throw new Error(`Unknown sign-in outcome ${JSON.stringify(unknown)}`);
    }
  }
}
