import { and, asc, eq, getTableColumns, inArray, isNull, ne, sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { mergeTouched } from "@/lib/merge/daily/merge-touched";
import { recordConnectionStatus } from "@/lib/outbound/record-events";
import type { Database } from "../client";
import { deleteConnectionSamples, findConnectionHistory } from "./connection-history";
import {
  activities,
  bodyMeasurements,
  dailySummaries,
  providerConnections,
  sleepSessions,
  type ConnectionSettings,
  type ProviderConnection,
  type StreamStatuses,
} from "../schema";

type ConnectionStatus = ProviderConnection["status"];

/** One row per linked account; reconnecting the same account updates it in place. */
export async function upsertConnection(
  db: Database,
  params: Pick<
    typeof providerConnections.$inferInsert,
    "userId" | "provider" | "externalUserId" | "label" | "authKind" | "encryptedCredentials" | "expiresAt" | "scopes"
  >,
): Promise<{ connection: ProviderConnection; isNew: boolean }> {
  const [row] = await db
    .insert(providerConnections)
    .values({ ...params, status: "active" })
    .onConflictDoUpdate({
      target: [providerConnections.userId, providerConnections.provider, providerConnections.externalUserId],
      set: {
        encryptedCredentials: params.encryptedCredentials,
        expiresAt: params.expiresAt ?? null,
        scopes: params.scopes,
        authKind: params.authKind,
        status: "active",
        lastError: null,
        // Consenting again is asking again: a stream refused under the old grant is tried anew.
        streamStatus: {},
        pausedUntil: null,
        pauseLevel: 0,
        label: sql`coalesce(${params.label ?? null}, ${providerConnections.label})`,
        updatedAt: new Date(),
      },
    })
    // xmax = 0 only for a freshly inserted row: tells a new link from a reconnect.
    .returning({ ...getTableColumns(providerConnections), isNew: sql<boolean>`(xmax = 0)` });
  const { isNew, ...connection } = row!;
  await recordConnectionStatus(db, connection);
  return { connection, isNew: Boolean(isNew) };
}

export async function listConnections(db: Database, params: { userId: string }): Promise<ProviderConnection[]> {
  return db
    .select()
    .from(providerConnections)
    .where(eq(providerConnections.userId, params.userId))
    .orderBy(asc(providerConnections.createdAt));
}

export async function getConnectionOrThrow(
  db: Database,
  params: { userId: string; connectionId: string },
): Promise<ProviderConnection> {
  const [row] = await db
    .select()
    .from(providerConnections)
    .where(and(eq(providerConnections.id, params.connectionId), eq(providerConnections.userId, params.userId)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", "No such connection.");
  return row;
}

const selectConnection = (db: Database, connectionId: string) =>
  db.select().from(providerConnections).where(eq(providerConnections.id, connectionId));

/** The row as it is now, without a lock (whoever holds one may change it next). */
export async function findConnection(
  db: Database,
  params: { connectionId: string },
): Promise<ProviderConnection | null> {
  const [row] = await selectConnection(db, params.connectionId);
  return row ?? null;
}

/** Locks the row for the rest of the transaction: one token refresh per connection at a time. */
export async function lockConnection(
  tx: Database,
  params: { connectionId: string },
): Promise<ProviderConnection | null> {
  const [row] = await selectConnection(tx, params.connectionId).for("update");
  return row ?? null;
}

export async function updateConnectionCredentials(
  db: Database,
  params: { connectionId: string; encryptedCredentials: string; expiresAt: Date | null; scopes: string[] },
): Promise<void> {
  await db
    .update(providerConnections)
    .set({
      encryptedCredentials: params.encryptedCredentials,
      expiresAt: params.expiresAt,
      scopes: params.scopes,
      updatedAt: new Date(),
    })
    .where(eq(providerConnections.id, params.connectionId));
}

/** Sets the status, and records connection.status for webhooks when it is news (record-events.ts). */
export async function setConnectionStatus(
  db: Database,
  params: { connectionId: string; status: ConnectionStatus; lastError?: string | null },
): Promise<void> {
  const [row] = await db
    .update(providerConnections)
    .set({ status: params.status, lastError: params.lastError ?? null, updatedAt: new Date() })
    .where(eq(providerConnections.id, params.connectionId))
    .returning();
  if (row) await recordConnectionStatus(db, row);
}

/**
 * Removes the connection; with `deleteData`, every row it brought in goes too (its samples
 * included), in one transaction, and the days, nights and weigh-ins they fed are merged again
 * from the sources that remain.
 */
export async function deleteConnection(
  db: Database,
  params: { userId: string; connectionId: string; deleteData: boolean },
): Promise<void> {
  await db.transaction(async (tx) => {
    if (params.deleteData) {
      const [connection] = await tx
        .select({ provider: providerConnections.provider, externalUserId: providerConnections.externalUserId })
        .from(providerConnections)
        .where(and(eq(providerConnections.id, params.connectionId), eq(providerConnections.userId, params.userId)));
      const owner = connection ? { ...params, ...connection } : null;
      // What the rows fed into the merged history, so those days, nights and weigh-ins are merged again without them.
      const history = owner ? await findConnectionHistory(tx, owner) : null;
      for (const table of [activities, sleepSessions, dailySummaries, bodyMeasurements]) {
        await tx.delete(table).where(and(eq(table.userId, params.userId), eq(table.connectionId, params.connectionId)));
      }
      if (owner) await deleteConnectionSamples(tx, owner);
      if (history) await mergeTouched(tx, params.userId, history);
    }
    const [removed] = await tx
      .delete(providerConnections)
      .where(and(eq(providerConnections.id, params.connectionId), eq(providerConnections.userId, params.userId)))
      .returning();
    // Not a status the row can hold (it is gone), but what a receiver needs to hear.
    if (removed) await recordConnectionStatus(tx, { ...removed, status: "removed", lastError: null });
  });
}

/** Merges a person's choices into their connection's settings; false if it is not theirs. */
export async function updateConnectionSettings(
  db: Database,
  params: { userId: string; connectionId: string; settings: ConnectionSettings },
): Promise<boolean> {
  const rows = await db
    .update(providerConnections)
    .set({
      settings: sql`${providerConnections.settings} || ${JSON.stringify(params.settings)}::jsonb`,
      updatedAt: new Date(),
    })
    .where(and(eq(providerConnections.id, params.connectionId), eq(providerConnections.userId, params.userId)))
    .returning({ id: providerConnections.id });
  return rows.length > 0;
}

/** Advances one data type's cursor; called in the same transaction as that page's rows. */
export async function setConnectionCursor(
  db: Database,
  params: { connectionId: string; stream: string; cursor: string | null },
): Promise<void> {
  await db
    .update(providerConnections)
    .set({
      cursors:
        params.cursor === null
          ? sql`${providerConnections.cursors} - ${params.stream}::text`
          : sql`jsonb_set(${providerConnections.cursors}, ${`{${params.stream}}`}::text[], to_jsonb(${params.cursor}::text))`,
    })
    .where(eq(providerConnections.id, params.connectionId));
}

/** Merges how these streams ended into the connection's record (other streams keep theirs). */
export async function recordStreamStatuses(
  db: Database,
  params: { connectionId: string; statuses: StreamStatuses },
): Promise<void> {
  if (!Object.keys(params.statuses).length) return;
  await db
    .update(providerConnections)
    .set({ streamStatus: sql`${providerConnections.streamStatus} || ${JSON.stringify(params.statuses)}::jsonb` })
    .where(eq(providerConnections.id, params.connectionId));
}

/** Forgets how one stream ended, so the next sync runs it again; only the owner's connection. */
export async function clearStreamStatus(
  db: Database,
  params: { userId: string; connectionId: string; stream: string },
): Promise<void> {
  await db
    .update(providerConnections)
    .set({ streamStatus: sql`${providerConnections.streamStatus} - ${params.stream}::text`, updatedAt: new Date() })
    .where(and(eq(providerConnections.id, params.connectionId), eq(providerConnections.userId, params.userId)));
}

export async function markConnectionSynced(db: Database, params: { connectionId: string }): Promise<void> {
  const [row] = await db
    .update(providerConnections)
    // A whole run got through: a rate-limit pause is over and the next 429 starts the doubling anew.
    .set({
      status: "active",
      lastError: null,
      lastSyncedAt: new Date(),
      pausedUntil: null,
      pauseLevel: 0,
      updatedAt: new Date(),
    })
    .where(eq(providerConnections.id, params.connectionId))
    .returning();
  if (row) await recordConnectionStatus(db, row);
}

/**
 * The provider answered 429: no request for this connection until the returned time, `baseHours`
 * doubled for every 429 in a row before this one (one statement, so two workers cannot both
 * start from the same level).
 */
export async function pauseConnection(
  db: Database,
  params: { connectionId: string; baseHours: number; now: Date; reason: string },
): Promise<Date> {
  const [row] = await db
    .update(providerConnections)
    .set({
      pausedUntil: sql`${params.now.toISOString()}::timestamptz + ${params.baseHours} * power(2, ${providerConnections.pauseLevel}) * interval '1 hour'`,
      pauseLevel: sql`${providerConnections.pauseLevel} + 1`,
      // Not syncing while it waits: the card shows the pause instead.
      status: "active",
      lastError: params.reason,
      updatedAt: new Date(),
    })
    .where(eq(providerConnections.id, params.connectionId))
    .returning({ pausedUntil: providerConnections.pausedUntil });
  if (!row?.pausedUntil) throw new AppError("NOT_FOUND", "The connection no longer exists.");
  return row.pausedUntil;
}

/** The stop switch: while stopped, no sync runs and the provider is asked nothing. Only the owner's connection. */
export async function setSyncStopped(
  db: Database,
  params: { userId: string; connectionId: string; isStopped: boolean },
): Promise<boolean> {
  const rows = await db
    .update(providerConnections)
    .set({ syncStoppedAt: params.isStopped ? new Date() : null, updatedAt: new Date() })
    .where(and(eq(providerConnections.id, params.connectionId), eq(providerConnections.userId, params.userId)))
    .returning({ id: providerConnections.id });
  return rows.length > 0;
}

/** Keeps (or forgets, with null) the sealed username and password of a password-linked account. */
export async function setConnectionLogin(
  db: Database,
  params: { connectionId: string; encryptedLogin: string | null },
): Promise<void> {
  await db
    .update(providerConnections)
    .set({ encryptedLogin: params.encryptedLogin, updatedAt: new Date() })
    .where(eq(providerConnections.id, params.connectionId));
}

/** Connections due a scheduled sync: active, not stopped or paused, and not synced within the interval. */
export async function listConnectionsDueForSync(
  db: Database,
  params: { syncedBefore: Date },
): Promise<ProviderConnection[]> {
  return db
    .select()
    .from(providerConnections)
    .where(
      and(
        eq(providerConnections.status, "active"),
        isNull(providerConnections.syncStoppedAt),
        sql`(${providerConnections.pausedUntil} is null or ${providerConnections.pausedUntil} <= now())`,
        sql`(${providerConnections.lastSyncedAt} is null or ${providerConnections.lastSyncedAt} < ${params.syncedBefore.toISOString()}::timestamptz)`,
      ),
    );
}

/** Whether another connection (of any user) links the same provider account. */
export async function isProviderAccountShared(
  db: Database,
  connection: Pick<ProviderConnection, "id" | "provider" | "externalUserId">,
): Promise<boolean> {
  const [row] = await db
    .select({ id: providerConnections.id })
    .from(providerConnections)
    .where(
      and(
        eq(providerConnections.provider, connection.provider),
        eq(providerConnections.externalUserId, connection.externalUserId),
        sql`${providerConnections.id} <> ${connection.id}`,
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** A verified push named these accounts: noted on their connections, so a provider gone silent shows. */
export async function recordProviderPush(
  db: Database,
  params: { provider: string; externalUserIds: string[] },
): Promise<void> {
  if (params.externalUserIds.length === 0) return;
  await db
    .update(providerConnections)
    .set({ lastPushAt: new Date() })
    .where(
      and(
        eq(providerConnections.provider, params.provider),
        inArray(providerConnections.externalUserId, params.externalUserIds),
      ),
    );
}

/** Every connection (of any user) linking this provider account: webhooks name accounts, not users. */
export async function findConnectionsByExternalUser(
  db: Database,
  params: { provider: string; externalUserId: string },
): Promise<ProviderConnection[]> {
  return db
    .select()
    .from(providerConnections)
    .where(
      and(
        eq(providerConnections.provider, params.provider),
        eq(providerConnections.externalUserId, params.externalUserId),
      ),
    );
}

/** Providers anyone has linked (revoked links aside): their app-level push subscriptions are worth keeping. */
export async function listLinkedProviders(db: Database): Promise<string[]> {
  const rows = await db
    .selectDistinct({ provider: providerConnections.provider })
    .from(providerConnections)
    .where(ne(providerConnections.status, "revoked"));
  return rows.map((row) => row.provider);
}
