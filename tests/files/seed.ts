import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { getAuthSecret } from "@/lib/auth/secret";
import type { Database } from "@/lib/db/client";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import type { Activity } from "@/lib/db/schema";
import { buildActivityFile } from "@/lib/files/build";
import { saveActivityFile } from "@/lib/files/save";
import type { FileStore } from "@/lib/files/store";
import { encodePolyline } from "@/lib/geo/polyline";

export const ROUTE = encodePolyline([
  [52.5, 13.4],
  [52.50899, 13.4],
  [52.50899, 13.41476],
]);

/** One activity of the user's, as a provider's sync would have stored it. */
export async function seedActivity(
  db: Database,
  userId: string,
  overrides: Partial<Pick<Activity, "name" | "type" | "startAt" | "durationS" | "polyline" | "distanceM">> = {},
  provider = "strava",
): Promise<Activity> {
  const externalId = `ext-${randomUUID()}`;
  await upsertRecordBatch(
    db,
    { userId, connectionId: null, provider, sourceId: "" },
    {
      activities: [
        {
          externalId,
          type: "run",
          providerType: "Run",
          name: "Morning run",
          startAt: new Date("2026-11-20T06:00:00Z"),
          utcOffsetSeconds: 3600,
          durationS: 600,
          distanceM: 2000,
          polyline: ROUTE,
          ...overrides,
        },
      ],
    },
  );
  const row = await db.query.activities.findFirst({
    where: (table, { and, eq }) => and(eq(table.userId, userId), eq(table.externalId, externalId)),
  });
  return row!;
}

/** A FIT the provider "sent" for the activity, kept in the store and indexed: distinct bytes per call. */
export async function seedOriginal(db: Database, store: FileStore, activity: Activity, seed = 0) {
  const bytes = buildActivityFile(
    {
      activity: { ...activity, id: activity.id, durationS: (activity.durationS ?? 600) + seed },
      samples: [],
    },
    "fit",
  );
  return saveActivityFile(db, store, {
    userId: activity.userId,
    bytes,
    origin: "provider",
    source: "garmin",
    fileName: "../../etc/passwd.fit",
    activityId: activity.id,
    startAt: activity.startAt,
  });
}

/** The session cookie next-auth would set after signing this user in. */
export async function sessionCookie(userId: string): Promise<string> {
  const token = await encode({ token: { sub: userId, sessionVersion: 0 }, secret: getAuthSecret() });
  return `next-auth.session-token=${token}`;
}
