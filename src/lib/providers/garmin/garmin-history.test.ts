import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, it } from "vitest";
import { ConnectionRow } from "@/app/dashboard/settings/ConnectionRow";
import { completeConnection } from "@/lib/connections/connect";
import { setConnectionHistoryDays } from "@/lib/connections/set-history-days";
import { enqueueConnectionSync } from "@/lib/jobs";
import { describeEachDatabase } from "@tests/databases";
import { createTestUser } from "@tests/factories";
import { APP_ORIGIN, authorizeAtProvider } from "@tests/oauth-driver";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, reloadConnection, syncNow } from "@tests/sync-driver";
import { garmin } from "./index";
import { GARMIN_SANDBOX_HISTORY_S, garminDeliveryStore } from "@/sandbox/garmin/sandbox-backfill";
import { garminNotification } from "@/sandbox/garmin/sandbox-data";
import { GARMIN_SUMMARY_TYPES } from "@/sandbox/garmin/sandbox-summaries";

// How far back a Garmin connection's history is asked for, and what Garmin's answers leave on it.

const sandbox = setUpSandboxServer();

const DAY_S = 86_400;
const WINDOW_S = 30 * DAY_S;
const nowS = () => Math.floor(Date.now() / 1000);
const backfillCalls = () => sandbox.state.calls.filter((call) => call.path.includes("/backfill/")).length;
const accepted = (type: string) =>
  garminDeliveryStore(sandbox.state).backfills.filter((request) => request.summaryType === type);
const renderRow = (connection: Awaited<ReturnType<typeof reloadConnection>>) =>
  renderToStaticMarkup(createElement(ConnectionRow, { connection, provider: garmin }));

describeEachDatabase("Garmin history", (database) => {
  const cursorsOf = async (connectionId: string) => {
    const { cursors } = await reloadConnection(database.db, connectionId);
    return Object.fromEntries(GARMIN_SUMMARY_TYPES.map((type) => [type, JSON.parse(cursors[type]!).backfill]));
  };

  it("takes 409 as done: a second connection of the same Garmin account asks for windows already requested", async () => {
    const first = await connectSandboxAccount(database.db, "garmin", "twice");
    expect((await syncNow(database.db, first.connection)).status).toBe("succeeded");
    const acceptedBefore = garminDeliveryStore(sandbox.state).backfills.length;

    const second = await connectSandboxAccount(database.db, "garmin", "twice");
    expect(await syncNow(database.db, second.connection)).toMatchObject({ status: "succeeded", error: null });
    // Every window overlaps one the first connection asked for: Garmin sent 409 for all of them.
    expect(garminDeliveryStore(sandbox.state).backfills).toHaveLength(acceptedBefore);
    for (const state of Object.values(await cursorsOf(second.connection.id)))
      expect(state).toMatchObject({ from: state.to - 90 * DAY_S, outcome: "requested" });
  });

  it("marks a refused history on the connection and tells the person to grant it and reconnect", async () => {
    const user = await createTestUser(database.db);
    const query = await authorizeAtProvider(database.db, {
      userId: user.id,
      provider: "garmin",
      account: "private",
      grantedScope: "ACTIVITY_EXPORT HEALTH_EXPORT",
    });
    const { connection } = await completeConnection(database.db, { userId: user.id, query, origin: APP_ORIGIN });
    const job = await syncNow(database.db, connection);
    expect(job).toMatchObject({ status: "succeeded", error: null });
    // One 403 per type, and no further windows asked for.
    expect(backfillCalls()).toBe(GARMIN_SUMMARY_TYPES.length);
    for (const state of Object.values(await cursorsOf(connection.id)))
      expect(state).toMatchObject({ from: state.to, outcome: "forbidden" });

    const refused = await reloadConnection(database.db, connection.id);
    expect(refused.status).toBe("active");
    expect(garmin.history!.status(refused)).toMatchObject({ isRefused: true, requestedFrom: null });
    const row = renderRow(refused);
    expect(row).toContain("“Historical data” permission is off");
    expect(row).toMatch(/Turn it on in Garmin Connect.*then reconnect/);
    expect(row).toMatch(/<a href="\/api\/oauth\/connect\?provider=garmin"[^>]*>Reconnect<\/a>/);

    // A ping's run fetches its data without knocking again.
    const ping = JSON.parse(garminNotification("private", "ping").body) as { dailies: Array<{ callbackURL: string }> };
    await enqueueConnectionSync(database.db, {
      userId: user.id,
      connectionId: connection.id,
      reason: "webhook",
      payload: { callbackUrls: ping.dailies.map((entry) => entry.callbackURL) },
    });
    expect((await syncNow(database.db, connection)).status).toBe("succeeded");
    expect(backfillCalls()).toBe(GARMIN_SUMMARY_TYPES.length);

    // Reconnecting with the permission granted gets the history, and the notice goes.
    const granted = await authorizeAtProvider(database.db, { userId: user.id, provider: "garmin", account: "private" });
    await completeConnection(database.db, { userId: user.id, query: granted, origin: APP_ORIGIN });
    expect((await syncNow(database.db, connection)).status).toBe("succeeded");
    for (const type of GARMIN_SUMMARY_TYPES) expect(accepted(type)).toHaveLength(3);
    const restored = await reloadConnection(database.db, connection.id);
    expect(garmin.history!.status(restored)).toMatchObject({ isRefused: false });
    expect(renderRow(restored)).not.toContain("Historical data");
  });

  it("asks only for the windows a longer horizon adds, up to what Garmin allows", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "garmin", "veteran");
    expect(renderRow(await reloadConnection(database.db, connection.id))).toMatch(
      /<option value="90" selected="">90 days<\/option>/,
    );
    await syncNow(database.db, connection);
    const { to } = (await cursorsOf(connection.id)).sleeps;

    await setConnectionHistoryDays(database.db, { userId: user.id, connectionId: connection.id, historyDays: 365 });
    expect((await syncNow(database.db, connection)).status).toBe("succeeded");
    const year = accepted("sleeps").slice(3);
    expect(year).toHaveLength(10);
    expect(year[0]).toMatchObject({ start: to - 120 * DAY_S, end: to - 90 * DAY_S });
    expect(year.at(-1)).toMatchObject({ start: to - 365 * DAY_S, end: to - 360 * DAY_S });
    expect(renderRow(await reloadConnection(database.db, connection.id))).toMatch(
      /<option value="365" selected="">1 year<\/option>/,
    );

    const beforeAll = nowS();
    await setConnectionHistoryDays(database.db, { userId: user.id, connectionId: connection.id, historyDays: "all" });
    expect((await syncNow(database.db, connection)).status).toBe("succeeded");
    const afterAll = nowS();
    const cursors = await cursorsOf(connection.id);
    for (const type of GARMIN_SUMMARY_TYPES) {
      // Each type's windows end where its own first request was made.
      const { to } = cursors[type];
      const windows = accepted(type);
      // Newest first, each window right before the last, none longer than 30 days: no overlaps.
      windows.forEach((window, index) => {
        expect(window.end - window.start).toBeLessThanOrEqual(WINDOW_S);
        expect(window.end).toBe(index === 0 ? to : windows[index - 1]!.start);
      });
      const oldest = windows.at(-1)!.start;
      expect(oldest).toBeGreaterThanOrEqual(beforeAll - GARMIN_SANDBOX_HISTORY_S);
      expect(oldest).toBeLessThanOrEqual(afterAll - GARMIN_SANDBOX_HISTORY_S);
    }
    const calls = backfillCalls();
    expect((await syncNow(database.db, connection)).status).toBe("succeeded");
    expect(backfillCalls()).toBe(calls);
  });

  it("refuses a horizon that is not on offer, naming the field", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "garmin", "athlete");
    await expect(
      setConnectionHistoryDays(database.db, { userId: user.id, connectionId: connection.id, historyDays: 7 }),
    ).rejects.toThrow(/historyDays/);
  });
});
