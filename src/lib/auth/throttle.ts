import type { Database } from "@/lib/db";
import { clearAttempts, countAttempt, deleteExpiredAttempts, uncountAttempt } from "@/lib/db/queries/auth-throttles";

const MINUTE = 60_000;

/**
 * Per account, a handful of guesses; per client address more, since a household or an office
 * shares one. When the address is unknown (no trusted proxy) every client shares that budget,
 * which still stops password spraying across accounts.
 */
export const THROTTLE_LIMITS = {
  signInAccount: { max: 5, windowMs: 15 * MINUTE },
  signInClient: { max: 30, windowMs: 15 * MINUTE },
  signUpClient: { max: 10, windowMs: 15 * MINUTE },
} as const;

type Limit = (typeof THROTTLE_LIMITS)[keyof typeof THROTTLE_LIMITS];

export class TooManyAttemptsError extends Error {
  readonly retryAt: Date;

  constructor(retryAt: Date) {
    // Minutes are enough; the person reads this on the sign-in form.
    super(`Too many attempts. Try again at ${retryAt.toISOString().slice(11, 16)} UTC.`);
    this.name = "TooManyAttemptsError";
    this.retryAt = retryAt;
  }
}

const keys = {
  signInAccount: (email: string) => `sign-in:account:${email}`,
  signInClient: (client: string) => `sign-in:client:${client}`,
  signUpClient: (client: string) => `sign-up:client:${client}`,
};

// Counted before the password is checked, so parallel guesses are throttled as well.
async function countAgainst(db: Database, entries: Array<[string, Limit]>, now: Date): Promise<void> {
  await deleteExpiredAttempts(db, { now });
  const counts = await Promise.all(
    entries.map(([key, limit]) => countAttempt(db, { key, now, windowMs: limit.windowMs })),
  );
  const exceeded = counts.filter((count, index) => count.attempts > entries[index]![1].max);
  if (exceeded.length === 0) return;
  throw new TooManyAttemptsError(new Date(Math.max(...exceeded.map((count) => count.windowEndsAt.getTime()))));
}

export function countSignInAttempt(db: Database, params: { email: string; client: string; now: Date }): Promise<void> {
  return countAgainst(
    db,
    [
      [keys.signInAccount(params.email), THROTTLE_LIMITS.signInAccount],
      [keys.signInClient(params.client), THROTTLE_LIMITS.signInClient],
    ],
    params.now,
  );
}

/** The right password: the account's count starts over and the address gets its attempt back. */
export async function forgiveSignInAttempt(
  db: Database,
  params: { email: string; client: string; now: Date },
): Promise<void> {
  await clearAttempts(db, { key: keys.signInAccount(params.email) });
  await uncountAttempt(db, { key: keys.signInClient(params.client), now: params.now });
}

export function countSignUpAttempt(db: Database, params: { client: string; now: Date }): Promise<void> {
  return countAgainst(db, [[keys.signUpClient(params.client), THROTTLE_LIMITS.signUpClient]], params.now);
}

/** An account was created: only "already exists" answers, the ones that tell something, stay counted. */
export function forgiveSignUpAttempt(db: Database, params: { client: string; now: Date }): Promise<void> {
  return uncountAttempt(db, { key: keys.signUpClient(params.client), now: params.now });
}
