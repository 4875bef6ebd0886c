import type { ProviderConnection } from "@/lib/db/schema";
import type { BodyRecord, SampleRecord } from "@/lib/sync/records";
import type { SyncFetch } from "@/lib/sync/types";
import type { AuthorizedFetch } from "@/lib/connections/connection-access";
import type { TokenSet } from "./base-types";

// Two provider capabilities around weigh-ins: serving their history for a walk over a range of
// days (lib/weight/sync-weight.ts), and accepting weigh-ins forwarded from another source
// (lib/weight/forward.ts).

export interface WeightHistoryContext {
  /** Paced, authenticated, waits out 429s (sync/sync-fetch.ts). */
  fetch: SyncFetch;
  tokens(): TokenSet;
}

/** Civil days [from, to), "YYYY-MM-DD". */
export interface CivilWindow {
  from: string;
  to: string;
}

export interface WeightHistory {
  /** How far back "all" reaches. */
  earliestDate: string;
  /** The widest window one list covers: each window is fetched and committed on its own. */
  windowDays: number;
  /**
   * Days past today (UTC) the walk starts from: a civil "today" east of UTC is already
   * tomorrow's date.
   */
  horizonDays: number;
  /** Whether the grant lets it read weight at all (a scope the person may have unticked). */
  canRead(tokens: TokenSet): boolean;
  /** The person's latest height as the provider knows it (a sample in metres), or null. */
  fetchHeight(context: WeightHistoryContext): Promise<SampleRecord | null>;
  /** Every weigh-in in the window, all pages, each with the provider's id as externalId. */
  fetchWindow(context: WeightHistoryContext, window: CivilWindow): Promise<BodyRecord[]>;
}

/** One weigh-in to hand to a destination. */
export interface ForwardedWeighIn {
  /** Our body_measurements id, to mark it synced or failed. */
  id: string;
  measuredAt: Date;
  weightKg: number;
  bmi: number | null;
  bodyFatPercent: number | null;
}

export type ForwardOutcome = { id: string; isAccepted: true } | { id: string; isAccepted: false; message: string };

/**
 * An account that accepts weigh-ins (Garmin Connect through a credential-linked account; the
 * official Garmin Health API is read-only). `upload` sends the weigh-ins and says per weigh-in whether it was taken; it throws only when it could
 * send nothing (the account refused the sign-in, the service is down).
 */
export interface WeightDestination {
  /** Whether this linked account can take weigh-ins (e.g. only credential accounts). */
  accepts(connection: Pick<ProviderConnection, "authKind" | "status">): boolean;
  /** `fetch` is the account's, opened by the caller (connections/connection-fetch.ts). */
  upload(
    fetch: AuthorizedFetch,
    params: {
      weighIns: ForwardedWeighIn[];
      /** The person's IANA zone: a destination that files weigh-ins by wall-clock time uses it. */
      timeZone: string;
    },
  ): Promise<ForwardOutcome[]>;
}
