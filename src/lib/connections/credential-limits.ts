import { createHash } from "node:crypto";
import { getEnv } from "@/env";
import type { Database } from "@/lib/db";
import { countAttempt } from "@/lib/db/queries/auth-throttles";
import { clearSignInRefusals, findSignInPause, recordSignInRefusal } from "@/lib/db/queries/sign-in-backoffs";
import { AppError } from "@/lib/errors";

const HOUR_MS = 3_600_000;
/** One person trying many accounts of a provider gets a few accounts' worth of sign-ins, not unlimited. */
const PERSON_ACCOUNTS = 4;

/** The account a sign-in is for, without keeping its username: a hash, lower-cased and per provider. */
export function accountKeyOf(provider: string, username: string): string {
  return createHash("sha256").update(`${provider}:${username.trim().toLowerCase()}`).digest("hex").slice(0, 32);
}

export type SignInSubject = { userId: string; provider: string; accountKey: string };

/**
 * Counts a password sign-in (or MFA code) against the person-and-account limit and the person's
 * overall one, in the database so restarts and other processes share them. Counted before the
 * provider is asked, successes included: the limit protects the provider's patience with us as
 * much as the account. Past either, AppError RATE_LIMITED says until when.
 */
export async function countSignIn(db: Database, subject: SignInSubject, now = new Date()): Promise<void> {
  const perAccount = getEnv().QT_CREDENTIAL_SIGN_INS_PER_HOUR;
  const counts = await Promise.all([
    countAttempt(db, {
      key: `credential-sign-in:${subject.userId}:${subject.provider}:${subject.accountKey}`,
      now,
      windowMs: HOUR_MS,
    }),
    countAttempt(db, { key: `credential-sign-in:${subject.userId}`, now, windowMs: HOUR_MS }),
  ]);
  const limits = [perAccount, perAccount * PERSON_ACCOUNTS];
  const exceeded = counts.filter((count, index) => count.attempts > limits[index]!);
  if (!exceeded.length) return;
  const retryAt = new Date(Math.max(...exceeded.map((count) => count.windowEndsAt.getTime())));
  throw new AppError(
    "RATE_LIMITED",
    `Too many sign-in attempts for this account (at most ${perAccount} an hour). Try again after ${retryAt.toISOString().slice(11, 16)} UTC.`,
    { retryAt: retryAt.toISOString() },
  );
}

/** Until when the provider asked us to leave this account alone (a 429 or 403 at sign-in), if it did. */
export async function signInPausedUntil(db: Database, subject: SignInSubject, now = new Date()): Promise<Date | null> {
  const until = await findSignInPause(db, subject);
  return until && until > now ? until : null;
}

/** The provider refused an automated sign-in: hours of quiet, doubling with every refusal in a row. */
export function pauseSignIns(db: Database, subject: SignInSubject, now = new Date()): Promise<Date> {
  return recordSignInRefusal(db, { ...subject, now, baseHours: getEnv().QT_CREDENTIAL_BACKOFF_HOURS });
}

export const forgetSignInRefusals = (db: Database, subject: SignInSubject) => clearSignInRefusals(db, subject);
