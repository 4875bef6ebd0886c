import { randomBytes } from "node:crypto";
import { decryptJson, encryptJson } from "@/lib/crypto/encryption";
import type { Database } from "@/lib/db";
import { setConnectionLogin, upsertConnection } from "@/lib/db/queries/connections";
import { findOAuthState, insertOAuthState, releaseOAuthState, spendOAuthState } from "@/lib/db/queries/oauth-states";
import type { ProviderConnection } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { enqueueConnectionSync } from "@/lib/jobs";
import { findCredentialProvider, findCredentialProviderFor } from "@/lib/providers/credential-index";
import { CredentialLoginError } from "@/lib/providers/credential-errors";
import { createCredentialContext } from "@/lib/providers/credential-routing";
import type {
  CredentialLogin,
  CredentialProviderDefinition,
  CredentialRegion,
  LoginStep,
} from "@/lib/providers/credential-types";
import { hashState } from "./connect";
import { sealTokens } from "./credentials";
import { accountKeyOf, countSignIn, forgetSignInRefusals, pauseSignIns, signInPausedUntil } from "./credential-limits";
import type { CredentialLoginInput, MfaCodeInput, TokenImportInput } from "./credential-schemas";

const CHALLENGE_LIFETIME_MS = 10 * 60_000;

/** How a password sign-in, its code step or a token import ended; the route and the form each word it. */
export type LinkOutcome =
  | { kind: "linked"; source: CredentialProviderDefinition; connection: ProviderConnection; isNew: boolean }
  | { kind: "mfa_required"; source: CredentialProviderDefinition; challengeId: string; method: string }
  | { kind: "invalid_credentials"; source: CredentialProviderDefinition }
  | { kind: "invalid_code"; source: CredentialProviderDefinition }
  | { kind: "rejected_tokens"; source: CredentialProviderDefinition; message: string }
  /** The provider refuses automated sign-ins (429/403): nothing is asked again before retryAt. */
  | { kind: "blocked"; source: CredentialProviderDefinition; retryAt: Date };

/** What an MFA challenge keeps, sealed, for up to ten minutes. */
interface PendingChallenge {
  pending: Record<string, unknown>;
  accountKey: string;
  /** Only when the person ticked "sign in again automatically". */
  login?: CredentialLogin;
}

type LinkParams = { userId: string; family: string; appUrl?: string };

function sourceFor(family: string, region: CredentialRegion): CredentialProviderDefinition {
  const source = findCredentialProviderFor(family, region);
  if (!source) throw new AppError("INVALID_INPUT", `region: ${family} cannot be linked in region "${region}".`);
  return source;
}

/**
 * Links an account with the person's own password. The password goes to the provider once and
 * is kept (sealed) only with `autoSignIn`; what does the work afterwards are the tokens. Attempts
 * are counted per person and account, and an account the provider blocked is not tried again
 * before its pause ends.
 */
export async function linkWithPassword(
  db: Database,
  params: LinkParams & { input: CredentialLoginInput },
): Promise<LinkOutcome> {
  const { input } = params;
  const source = sourceFor(params.family, input.region);
  const subject = {
    userId: params.userId,
    provider: source.slug,
    accountKey: accountKeyOf(source.slug, input.username),
  };
  const pausedUntil = await signInPausedUntil(db, subject);
  if (pausedUntil) return { kind: "blocked", source, retryAt: pausedUntil };
  await countSignIn(db, subject);
  const login = { username: input.username, password: input.password };
  const step = await attempt(db, source, subject, () =>
    source.auth.login(createCredentialContext(source, params.appUrl), login),
  );
  if ("kind" in step && step.kind !== "linked" && step.kind !== "mfa_required") return step;
  if (step.kind === "mfa_required") {
    const challengeId = randomBytes(24).toString("base64url");
    const sealed: PendingChallenge = {
      pending: step.pending,
      accountKey: subject.accountKey,
      login: input.autoSignIn ? login : undefined,
    };
    await insertOAuthState(db, {
      stateHash: hashState(challengeId),
      userId: params.userId,
      provider: source.slug,
      label: input.label?.trim() || null,
      encryptedSecret: encryptJson(sealed),
      // No browser redirect: the code comes back to /api/<family>/login/mfa.
      redirectUri: "",
      expiresAt: new Date(Date.now() + CHALLENGE_LIFETIME_MS),
    });
    return { kind: "mfa_required", source, challengeId, method: step.method };
  }
  return save(db, { ...params, source, step, label: input.label, login: input.autoSignIn ? login : null, subject });
}

/** The code the provider sent: finishes the sign-in a challenge was kept for. A wrong code may be typed again. */
export async function completeMfaChallenge(
  db: Database,
  params: LinkParams & { input: MfaCodeInput },
): Promise<LinkOutcome> {
  const stateHash = hashState(params.input.challengeId);
  const row = await spendOAuthState(db, { stateHash });
  const source = row ? findCredentialProvider(row.provider) : undefined;
  const isUsable =
    row && source && row.userId === params.userId && source.family === params.family && row.expiresAt > new Date();
  if (!isUsable || !row.encryptedSecret || !source.auth.completeMfa) {
    const known = row ?? (await findOAuthState(db, { stateHash }));
    throw new AppError(
      "INVALID_INPUT",
      `challengeId: ${known ? "this sign-in was already finished or has expired" : "unknown"}; sign in again.`,
    );
  }
  const sealed = decryptJson<PendingChallenge>(row.encryptedSecret);
  const subject = { userId: params.userId, provider: source.slug, accountKey: sealed.accountKey };
  await countSignIn(db, subject).catch(async (error: unknown) => {
    await releaseOAuthState(db, { stateHash });
    throw error;
  });
  const completeMfa = source.auth.completeMfa;
  const step = await attempt(db, source, subject, () =>
    completeMfa(createCredentialContext(source, params.appUrl), sealed.pending, params.input.code),
  );
  if (step.kind === "invalid_code") await releaseOAuthState(db, { stateHash });
  if (step.kind !== "linked" && step.kind !== "mfa_required") return step;
  if (step.kind === "mfa_required")
    throw new AppError("PROVIDER_UNAVAILABLE", `${source.familyName} asked for a second code; sign in again.`);
  return save(db, { ...params, source, step, label: row.label, login: sealed.login ?? null, subject });
}

/** Tokens another tool wrote (garth's files), for when the provider refuses automated sign-ins. */
export async function importTokenFiles(
  db: Database,
  params: LinkParams & { input: TokenImportInput },
): Promise<LinkOutcome> {
  const { input } = params;
  const family = sourceFor(params.family, input.region ?? "global");
  const region = input.region ?? family.auth.tokenFileRegion?.(input.files) ?? "global";
  const source = sourceFor(params.family, region);
  const importTokens = source.auth.importTokens;
  if (!importTokens) throw new AppError("INVALID_INPUT", `files: ${source.name} has no token files to import.`);
  const step = await attempt(db, source, null, () =>
    importTokens(createCredentialContext(source, params.appUrl), input.files),
  );
  if (step.kind !== "linked") return step as LinkOutcome;
  return save(db, { ...params, source, step, label: input.label, login: null, subject: null });
}

type Failure = Exclude<LinkOutcome, { kind: "linked" } | { kind: "mfa_required" }>;

/** Runs one provider step, turning its refusals into outcomes; a block pauses this account's sign-ins. */
async function attempt(
  db: Database,
  source: CredentialProviderDefinition,
  subject: { userId: string; provider: string; accountKey: string } | null,
  step: () => Promise<LoginStep>,
): Promise<LoginStep | Failure> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof CredentialLoginError)) throw error;
    switch (error.reason) {
      case "invalid_credentials":
        return { kind: "invalid_credentials", source };
      case "invalid_code":
        return { kind: "invalid_code", source };
      case "rejected_tokens":
        return { kind: "rejected_tokens", source, message: error.message };
      case "blocked": {
        const retryAt = subject ? await pauseSignIns(db, subject) : new Date(Date.now() + 3_600_000);
        return { kind: "blocked", source, retryAt };
      }
      default: {
        const unknown: never = error.reason;
        throw new Error(`Unhandled sign-in failure ${String(unknown)}`);
      }
    }
  }
}

/** One row per account: signing in to a linked account again renews its tokens in place. */
async function save(
  db: Database,
  params: LinkParams & {
    source: CredentialProviderDefinition;
    step: Extract<LoginStep, { kind: "linked" }>;
    label: string | null | undefined;
    login: CredentialLogin | null;
    subject: { userId: string; provider: string; accountKey: string } | null;
  },
): Promise<LinkOutcome> {
  const { step } = params;
  // Signed in from another region than the account's own (COROS): linked as its own region's.
  const source =
    step.homeRegion && step.homeRegion !== params.source.region
      ? sourceFor(params.source.family, step.homeRegion)
      : params.source;
  const { connection, isNew } = await db.transaction(async (tx) => {
    const saved = await upsertConnection(tx, {
      userId: params.userId,
      provider: source.slug,
      externalUserId: step.identity.externalUserId,
      label: params.label?.trim() || step.identity.displayName || null,
      authKind: "credentials",
      encryptedCredentials: sealTokens(step.tokens),
      expiresAt: step.tokens.expiresAt ?? null,
      scopes: step.tokens.scopes,
    });
    // Each sign-in is the person's choice again: unticked, a password kept before is forgotten.
    await setConnectionLogin(tx, {
      connectionId: saved.connection.id,
      encryptedLogin: params.login ? encryptJson(params.login) : null,
    });
    return saved;
  });
  if (params.subject) await forgetSignInRefusals(db, params.subject);
  if (source.sync)
    await enqueueConnectionSync(db, {
      userId: params.userId,
      connectionId: connection.id,
      kind: isNew ? "backfill" : "sync",
      reason: "connected",
    });
  return { kind: "linked", source, connection, isNew };
}
