import type { Database } from "@/lib/db/client";
import { completeConnection } from "@/lib/connections/connect";
import { createForwardingRule } from "@/lib/db/queries/forwarding-rules";
import { activities, type ConflictStrategy, type ProviderConnection } from "@/lib/db/schema";
import type { FileStore } from "@/lib/files/store";
import { saveActivityFile } from "@/lib/files/save";
import { buildFitActivity } from "./fixtures/activity-files";
import { APP_ORIGIN, authorizeAtProvider } from "./oauth-driver";
import { connectSandboxAccount, syncNow } from "./sync-driver";

/** A Strava account of an existing user, connected through the sandbox's consent page: a source to forward from. */
export async function connectStravaSource(db: Database, userId: string, account: string) {
  const query = await authorizeAtProvider(db, { userId, provider: "strava", account });
  const { connection } = await completeConnection(db, { userId, query, origin: APP_ORIGIN });
  return connection;
}

/**
 * A person with a destination Strava account (`account`, its synthetic activities synced) and
 * an empty second Strava account (`sourceAccount`) to forward from.
 */
export async function connectStravaPair(db: Database, account: string, sourceAccount: string) {
  const { user, connection: destination } = await connectSandboxAccount(db, "strava", account);
  await syncNow(db, destination);
  const source = await connectStravaSource(db, user.id, sourceAccount);
  return { user, destination, source };
}

/** A rule forwarding every activity type from one of the person's accounts to another. */
export const addForwardingRule = (
  db: Database,
  userId: string,
  sourceId: string,
  destinationId: string,
  conflictStrategy: ConflictStrategy = "skip_existing",
) =>
  createForwardingRule(db, {
    userId,
    rule: { sourceConnectionId: sourceId, destinationConnectionId: destinationId, activityTypes: [], conflictStrategy },
  });

/** The original FIT file addSourceActivity keeps for an activity (the same bytes for the same start and length). */
export const sourceActivityFile = (startAt: Date, seconds: number) => buildFitActivity({ start: startAt, seconds });

/** A source activity, with its original FIT file kept unless `withFile` is false. */
export async function addSourceActivity(
  db: Database,
  store: FileStore,
  source: Pick<ProviderConnection, "id" | "userId" | "provider">,
  startAt: Date,
  seconds: number,
  { withFile = true, type = "run" }: { withFile?: boolean; type?: string } = {},
) {
  const [row] = await db
    .insert(activities)
    .values({
      userId: source.userId,
      connectionId: source.id,
      provider: source.provider,
      externalId: `src-${startAt.getTime()}`,
      type,
      name: "Forwarded run",
      startAt,
      durationS: seconds,
    })
    .returning();
  if (!withFile) return row!;
  await saveActivityFile(db, store, {
    userId: source.userId,
    bytes: sourceActivityFile(startAt, seconds),
    origin: "provider",
    source: source.provider,
    fileName: `run-${startAt.getTime()}.fit`,
    activityId: row!.id,
    startAt,
  });
  return row!;
}
