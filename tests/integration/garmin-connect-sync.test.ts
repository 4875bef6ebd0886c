import { and, count, eq, isNotNull } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, it } from "vitest";
import { CredentialConnectionRow } from "@/app/dashboard/settings/CredentialConnectionRow";
import { linkWithPassword } from "@/lib/connections/credential-link";
import { openTokens, sealTokens } from "@/lib/connections/credentials";
import type { Database } from "@/lib/db";
import { listConnectionsDueForSync, setSyncStopped, updateConnectionCredentials } from "@/lib/db/queries/connections";
import { claimNextJob, getSyncJob } from "@/lib/db/queries/sync-jobs";
import {
  activities,
  activityFiles,
  bodyMeasurements,
  dailySummaries,
  providerConnections,
  sleepSessions,
  syncJobs,
} from "@/lib/db/schema";
import { getFileStore } from "@/lib/files";
import { executeSyncJob } from "@/lib/jobs/run-job";
import { garminConnect, garminConnectChina } from "@/lib/providers/garmin-connect";
import { revokeConnectLogin } from "@/sandbox/garmin-connect/sandbox-tokens";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";
import { setUpSandboxServer } from "../sandbox-for-tests";
import { reloadConnection, setUpBackfillDays, syncNow } from "../sync-driver";

const sandbox = setUpSandboxServer();
for (const provider of [garminConnect, garminConnectChina]) setUpBackfillDays(provider.sync!, 12);
const PASSWORD = "correct horse battery staple 7f3a";
const HOUR_MS = 3_600_000;

async function link(
  db: Database,
  username: string,
  options: { region?: "global" | "cn"; autoSignIn?: boolean; userId?: string } = {},
) {
  const userId = options.userId ?? (await createTestUser(db)).id;
  const outcome = await linkWithPassword(db, {
    userId,
    family: "garmin",
    input: {
      username,
      password: PASSWORD,
      region: options.region ?? "global",
      autoSignIn: options.autoSignIn ?? false,
    },
  });
  if (outcome.kind !== "linked") throw new Error(`expected a link, got ${outcome.kind}`);
  // Linking queued the first sync; the tests run it themselves.
  await db.delete(syncJobs).where(eq(syncJobs.connectionId, outcome.connection.id));
  return outcome.connection;
}

const calls = (path: string) => sandbox.state.countCalls({ path });

/** Runs one claimed job and reports how it ended, without the driver's retry loop. */
async function runOnce(db: Database, connection: { id: string; userId: string }) {
  await db.insert(syncJobs).values({ userId: connection.userId, connectionId: connection.id, kind: "sync" });
  const claimed = (await claimNextJob(db, { connectionId: connection.id }))!;
  const outcome = await executeSyncJob(db, claimed, { sleep: async () => {} });
  return { outcome, job: (await getSyncJob(db, { jobId: claimed.id }))! };
}

const pastPause = (db: Database, id: string) =>
  db
    .update(providerConnections)
    .set({ pausedUntil: new Date(Date.now() - 1000) })
    .where(eq(providerConnections.id, id));

describeEachDatabase("Garmin Connect sync (password-linked)", (database) => {
  const countOf = async (
    table: typeof activities | typeof sleepSessions | typeof bodyMeasurements,
    connectionId: string,
  ) => (await database.db.select({ n: count() }).from(table).where(eq(table.connectionId, connectionId)))[0]!.n;

  it("brings in activities with routes and original FIT files, daily totals, sleep, HRV and weight", async () => {
    const connection = await link(database.db, "ada");
    const job = await syncNow(database.db, connection);
    expect(job.status).toBe("succeeded");
    const rows = await database.db.select().from(activities).where(eq(activities.connectionId, connection.id));
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((row) => row.provider === "garmin_connect")).toBe(true);
    expect(rows.some((row) => row.polyline)).toBe(true);
    expect(new Set(rows.map((row) => row.type))).not.toContain("other");

    const files = await database.db
      .select()
      .from(activityFiles)
      .where(and(eq(activityFiles.userId, connection.userId), isNotNull(activityFiles.activityId)));
    expect(files).toHaveLength(rows.length);
    expect(
      files.every((file) => file.format === "fit" && file.origin === "provider" && file.source === "garmin_connect"),
    ).toBe(true);
    const stream = await getFileStore().read(connection.userId, files[0]!.contentHash);
    const head: Buffer[] = [];
    for await (const chunk of stream) head.push(chunk as Buffer);
    expect(Buffer.concat(head).subarray(8, 12).toString()).toBe(".FIT");

    const days = await database.db.select().from(dailySummaries).where(eq(dailySummaries.connectionId, connection.id));
    expect(days.some((day) => day.steps && day.restingHeartRateBpm)).toBe(true);
    expect(days.some((day) => day.hrvMs)).toBe(true);
    expect(days.some((day) => day.sleepScore)).toBe(true);
    expect(await countOf(sleepSessions, connection.id)).toBeGreaterThan(5);
    expect(await countOf(bodyMeasurements, connection.id)).toBeGreaterThan(1);
  });

  it("reuses its tokens: a second sync signs in to nothing, downloads nothing again and writes no duplicates", async () => {
    const connection = await link(database.db, "ada");
    await syncNow(database.db, connection);
    const lists = calls("/activitylist-service/activities/search/activities");
    const [logins, exchanges, downloads] = [
      calls("/mobile/api/login"),
      calls("/oauth-service/oauth/exchange/user/2.0"),
      calls("/download-service/files/activity/:activityId"),
    ];
    const again = await syncNow(database.db, connection);
    expect(again.status).toBe("succeeded");
    expect(again.inserted).toBe(0);
    expect(calls("/mobile/api/login")).toBe(logins);
    expect(calls("/oauth-service/oauth/exchange/user/2.0")).toBe(exchanges);
    expect(calls("/download-service/files/activity/:activityId")).toBe(downloads);
    // The list read a moment ago is not read again (QT_CREDENTIAL_LIST_TTL_MINUTES).
    expect(calls("/activitylist-service/activities/search/activities")).toBe(lists);
  });

  it("renews expired OAuth 2.0 tokens with the OAuth 1.0a token, without signing in again", async () => {
    const connection = await link(database.db, "ada");
    const before = openTokens(connection);
    // Time passes: Garmin's side and ours both see the day-long token end.
    sandbox.state.expireAccessTokens("garmin_connect", "ada");
    const expiresAt = new Date(Date.now() - 1000);
    await updateConnectionCredentials(database.db, {
      connectionId: connection.id,
      encryptedCredentials: sealTokens({ ...before, expiresAt }),
      expiresAt,
      scopes: before.scopes,
    });
    const logins = calls("/mobile/api/login");
    const job = await syncNow(database.db, connection);
    expect(job.status).toBe("succeeded");
    expect(calls("/mobile/api/login")).toBe(logins);
    expect(calls("/oauth-service/oauth/exchange/user/2.0")).toBe(2);
    const after = openTokens(await reloadConnection(database.db, connection.id));
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.extra?.oauth1Token).toBe(before.extra?.oauth1Token);
    expect(after.expiresAt!.getTime()).toBeGreaterThan(Date.now() + HOUR_MS);
  });

  it("signs in again with the stored password only when the person ticked it", async () => {
    const ticked = await link(database.db, "ada", { autoSignIn: true });
    const unticked = await link(database.db, "grace");
    // Garmin forgets both OAuth 1.0a tokens and the day ends: renewing needs a sign-in.
    for (const login of ["ada", "grace"]) {
      revokeConnectLogin(sandbox.state, "garmin.com", login);
      sandbox.state.expireAccessTokens("garmin_connect", login);
    }
    const logins = calls("/mobile/api/login");
    expect((await syncNow(database.db, ticked)).status).toBe("succeeded");
    expect(calls("/mobile/api/login")).toBe(logins + 1);
    const failed = await syncNow(database.db, unticked);
    expect(failed.status).toBe("failed");
    expect((await reloadConnection(database.db, unticked.id)).status).toBe("needs_reauth");
    expect(calls("/mobile/api/login")).toBe(logins + 1);
  });

  it("keeps a China account on garmin.cn: not one request to a global host", async () => {
    const connection = await link(database.db, "li.wei", { region: "cn" });
    expect(connection.provider).toBe("garmin_connect_cn");
    expect((await syncNow(database.db, connection)).status).toBe("succeeded");
    const hosts = new Set(sandbox.state.requests.map((request) => request.host));
    expect(hosts).toContain("sso.garmin.cn");
    expect(hosts).toContain("connectapi.garmin.cn");
    expect([...hosts].filter((host) => host.endsWith("garmin.com"))).toEqual([]);
    expect([...hosts].every((host) => garminConnectChina.hosts.includes(host))).toBe(true);
    expect(await countOf(activities, connection.id)).toBeGreaterThan(0);
  });

  it("holds a global and a China account of one person side by side, each with its own rows", async () => {
    const user = await createTestUser(database.db);
    const global = await link(database.db, "ada", { userId: user.id });
    const china = await link(database.db, "ada", { userId: user.id, region: "cn" });
    expect(global.id).not.toBe(china.id);
    expect(global.externalUserId).not.toBe(china.externalUserId);
    await syncNow(database.db, global);
    await syncNow(database.db, china);
    const byProvider = await database.db
      .select({ provider: activities.provider, n: count() })
      .from(activities)
      .where(eq(activities.userId, user.id))
      .groupBy(activities.provider);
    expect(byProvider.map((row) => row.provider).sort()).toEqual(["garmin_connect", "garmin_connect_cn"]);
    // Signing in to the global account again renews that row, not a third one.
    await link(database.db, "ada", { userId: user.id });
    const rows = await database.db.select().from(providerConnections).where(eq(providerConnections.userId, user.id));
    expect(rows).toHaveLength(2);
  });

  it("pauses the account for hours when Connect answers 429, doubling while it keeps refusing", async () => {
    const connection = await link(database.db, "ada");
    sandbox.state.faults.push({
      host: "connectapi.garmin.com",
      pathIncludes: "/activitylist-service/",
      kind: "rate_limit",
      times: 2,
      retryAfterSeconds: 5,
    });
    const first = await runOnce(database.db, connection);
    expect(first.outcome).toBe("waiting");
    let row = await reloadConnection(database.db, connection.id);
    expect(row.pauseLevel).toBe(1);
    expect(row.pausedUntil!.getTime() - Date.now()).toBeGreaterThan(1.9 * HOUR_MS);
    expect(row.pausedUntil!.getTime() - Date.now()).toBeLessThanOrEqual(2 * HOUR_MS);
    // Not 5 seconds, as Retry-After said: hard backoff. The job waits for the same moment.
    expect(first.job.waitingUntil!.getTime()).toBe(row.pausedUntil!.getTime());
    // The card says until when, and offers the stop switch rather than "Sync now".
    const card = renderToStaticMarkup(
      createElement(CredentialConnectionRow, { connection: row, source: garminConnect }),
    );
    const day = new Intl.DateTimeFormat("en", { timeZone: "UTC", month: "short", day: "numeric" }).format(
      row.pausedUntil!,
    );
    expect(card).toContain(`Paused until ${day}, ${row.pausedUntil!.toISOString().slice(11, 16)} UTC`);
    expect(card).toContain("Stop syncing");
    expect(card).not.toContain("Sync now");
    // The scheduler leaves a paused account alone.
    const due = await listConnectionsDueForSync(database.db, { syncedBefore: new Date() });
    expect(due.map((candidate) => candidate.id)).not.toContain(connection.id);

    // Before the pause ends, the job asks nothing.
    const listCalls = sandbox.state.faultedCalls.length + calls("/activitylist-service/activities/search/activities");
    await database.db
      .update(syncJobs)
      .set({ runAfter: new Date(0) })
      .where(eq(syncJobs.id, first.job.id));
    expect(await executeSyncJob(database.db, (await claimNextJob(database.db, { connectionId: connection.id }))!)).toBe(
      "waiting",
    );
    expect(sandbox.state.faultedCalls.length + calls("/activitylist-service/activities/search/activities")).toBe(
      listCalls,
    );

    await pastPause(database.db, connection.id);
    await database.db.delete(syncJobs).where(eq(syncJobs.connectionId, connection.id));
    expect((await runOnce(database.db, connection)).outcome).toBe("waiting");
    row = await reloadConnection(database.db, connection.id);
    expect(row.pauseLevel).toBe(2);
    expect(row.pausedUntil!.getTime() - Date.now()).toBeGreaterThan(3.9 * HOUR_MS);

    await pastPause(database.db, connection.id);
    await database.db.delete(syncJobs).where(eq(syncJobs.connectionId, connection.id));
    expect((await runOnce(database.db, connection)).outcome).toBe("succeeded");
    row = await reloadConnection(database.db, connection.id);
    expect(row).toMatchObject({ pauseLevel: 0, pausedUntil: null, status: "active" });
  });

  it("spends the hourly activity-list budget and waits for the window when it runs out", async () => {
    const previous = process.env.QT_CREDENTIAL_LIST_FETCHES_PER_HOUR;
    process.env.QT_CREDENTIAL_LIST_FETCHES_PER_HOUR = "1";
    const sync = garminConnect.sync!;
    const backfillDays = sync.backfillDays;
    sync.backfillDays = 40;
    try {
      // 150 activities, six hours apart: two pages of the list within the backfill.
      const connection = await link(database.db, "bulk-150");
      const { outcome, job } = await runOnce(database.db, connection);
      expect(outcome).toBe("waiting");
      expect(calls("/activitylist-service/activities/search/activities")).toBe(1);
      expect(job.waitingUntil!.getTime() - Date.now()).toBeGreaterThan(0.9 * HOUR_MS);
      // The first page is kept; the run resumes from the second.
      expect(await countOf(activities, connection.id)).toBe(100);
    } finally {
      sync.backfillDays = backfillDays;
      if (previous === undefined) delete process.env.QT_CREDENTIAL_LIST_FETCHES_PER_HOUR;
      else process.env.QT_CREDENTIAL_LIST_FETCHES_PER_HOUR = previous;
    }
  });

  it("asks nothing of Garmin while the stop switch is on, and the scheduler skips it", async () => {
    const connection = await link(database.db, "ada");
    expect(
      await setSyncStopped(database.db, { userId: connection.userId, connectionId: connection.id, isStopped: true }),
    ).toBe(true);
    const requests = sandbox.state.requests.length;
    const job = await syncNow(database.db, connection);
    expect(job.status).toBe("succeeded");
    expect(sandbox.state.requests.length).toBe(requests);
    const due = await listConnectionsDueForSync(database.db, { syncedBefore: new Date() });
    expect(due.map((candidate) => candidate.id)).not.toContain(connection.id);
    const card = renderToStaticMarkup(
      createElement(CredentialConnectionRow, {
        connection: await reloadConnection(database.db, connection.id),
        source: garminConnect,
      }),
    );
    expect(card).toContain("Syncing is stopped");
    expect(card).toContain("Resume syncing");
    // Another person cannot throw someone else's switch.
    const stranger = await createTestUser(database.db);
    expect(
      await setSyncStopped(database.db, { userId: stranger.id, connectionId: connection.id, isStopped: false }),
    ).toBe(false);
  });
});
