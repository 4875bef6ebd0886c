import { count, eq } from "drizzle-orm";
import { expect, inject, it } from "vitest";
import { openTokens, sealTokens } from "@/lib/connections/credentials";
import { refreshIfDue } from "@/lib/connections/refresh";
import { openPostgres } from "@/lib/db/client";
import { updateConnectionCredentials } from "@/lib/db/queries/connections";
import { activities } from "@/lib/db/schema";
import { createSyncFetch } from "@/lib/sync/sync-fetch";
import type { Database } from "@/lib/db";
import { describeEachDatabase } from "@tests/databases";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, reloadConnection, syncNow } from "@tests/sync-driver";
import { coros } from "./index";
import { corosOpenId } from "@/sandbox/coros/sandbox";
import { DAY_MS } from "@/lib/dates";

const sandbox = setUpSandboxServer();

const WORKOUTS = "/v2/coros/sport/list";
const DAILY = "/coros/daily/query";
const calls = (path: string) => sandbox.state.countCalls({ provider: "coros", path });
const refreshCalls = () => sandbox.state.countCalls({ provider: "coros", path: "/oauth2/refresh-token" });
const compactDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10).replaceAll("-", "");

/** The real URL of one workouts window: COROS takes the token and openId in the query. */
function workoutsUrl(accessToken: string, openId: string) {
  const query = new URLSearchParams({ token: accessToken, openId, startDate: compactDay(-7), endDate: compactDay(0) });
  return `https://open.coros.com${WORKOUTS}?${query}`;
}

/** Asks the sandboxed COROS directly, at the address PROVIDER_BASE_URL gives a real URL. */
const askCoros = (realUrl: string) => fetch(`${sandbox.url}/${realUrl.slice("https://".length)}`);

describeEachDatabase("COROS token refresh", (database) => {
  const workoutRows = async (userId: string) =>
    (await database.db.select({ n: count() }).from(activities).where(eq(activities.userId, userId)))[0]!.n;

  it("plays COROS's expiry: a token past its 30 days gets result 1001 on HTTP 200, and the refresh brings the same token back", async () => {
    const { connection } = await connectSandboxAccount(database.db, "coros");
    const { accessToken } = openTokens(connection);
    const url = workoutsUrl(accessToken, corosOpenId("athlete"));
    expect(await (await askCoros(url)).json()).toMatchObject({ result: "0000" });
    sandbox.state.expireAccessTokens("coros", "athlete");
    const refused = await askCoros(url);
    expect(refused.status).toBe(200);
    expect(await refused.json()).toEqual({ result: "1001", message: "The access token has expired." });

    await refreshIfDue(database.db, connection, { refused: openTokens(connection) });
    expect(await (await askCoros(url)).json()).toMatchObject({ result: "0000" });
  });

  it("refreshes once when COROS refuses an expired token mid-sync, then finishes the sync", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "coros");
    sandbox.state.expireAccessTokens("coros", "athlete");
    const job = await syncNow(database.db, connection);
    expect(job).toMatchObject({ status: "succeeded", attempts: 1, error: null });
    expect(refreshCalls()).toBe(1);
    // The refused window was asked again; nothing else twice.
    expect([calls(WORKOUTS), calls(DAILY)]).toEqual([4, 3]);
    expect(job.inserted).toBeGreaterThan(0);
    expect(await workoutRows(user.id)).toBeGreaterThan(30);
    const row = await reloadConnection(database.db, connection.id);
    expect(row.status).toBe("active");
    // The same access token, now good for 30 more days, here and at COROS.
    expect(openTokens(row).accessToken).toBe(openTokens(connection).accessToken);
    expect(row.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS);
    expect(sandbox.state.accessTokens.get(openTokens(row).accessToken)!.expiresAt).toBeGreaterThan(
      Date.now() + 29 * DAY_MS,
    );
  });

  it("makes one refresh when several requests for one connection are refused at once", async () => {
    const { connection } = await connectSandboxAccount(database.db, "coros");
    const tokens = openTokens(connection);
    sandbox.state.expireAccessTokens("coros", "athlete");
    // On Postgres a second pool stands in for a second app process: only the row lock keeps them apart.
    const other = database.mode === "postgres" ? await openPostgres(inject("postgresUrl"), { max: 2 }) : undefined;
    try {
      const clientOn = (db: Database) => createSyncFetch({ db, provider: coros, connection, tokens }).fetch;
      const replies = await Promise.all(
        [database.db, database.db, other?.db ?? database.db].map((db) =>
          clientOn(db)(workoutsUrl(tokens.accessToken, connection.externalUserId)),
        ),
      );
      for (const reply of replies) expect(await reply.json()).toMatchObject({ result: "0000" });
      expect(refreshCalls()).toBe(1);
    } finally {
      await other?.close();
    }
  });

  it("refreshes nothing for a refusal of the token another request already had refreshed", async () => {
    const { connection } = await connectSandboxAccount(database.db, "coros");
    const refusedTokens = openTokens(connection);
    sandbox.state.expireAccessTokens("coros", "athlete");
    // Both requests were refused with the same token; the second reports it after the first's refresh.
    const first = await refreshIfDue(database.db, connection, { refused: refusedTokens });
    const second = await refreshIfDue(database.db, connection, { refused: refusedTokens });
    expect(refreshCalls()).toBe(1);
    // COROS keeps the token and moves its expiry: that later expiry is what tells the refresh happened.
    expect(second).toEqual(first);
    expect(first.accessToken).toBe(refusedTokens.accessToken);
  });

  it("asks for a reconnect when the refresh grant is dead too, after one try", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "coros", "unbinder");
    sandbox.state.revokeAccount("coros", "unbinder");
    const job = await syncNow(database.db, connection, { maxAttempts: 4 });
    expect(job).toMatchObject({ status: "failed", attempts: 1, inserted: 0 });
    expect(job.error).toMatch(/reconnect/);
    expect(refreshCalls()).toBe(1);
    expect(calls(WORKOUTS)).toBe(1);
    expect(await workoutRows(user.id)).toBe(0);
    const row = await reloadConnection(database.db, connection.id);
    expect(row.status).toBe("needs_reauth");
    expect(row.lastError).toMatch(/result 1001/);
  });

  it("asks for a reconnect when COROS still refuses the token after a refresh it accepted", async () => {
    const { connection } = await connectSandboxAccount(database.db, "coros");
    // The access token is gone at COROS while the refresh token still answers 0000.
    sandbox.state.accessTokens.delete(openTokens(connection).accessToken);
    const job = await syncNow(database.db, connection, { maxAttempts: 4 });
    expect(job).toMatchObject({ status: "failed", attempts: 1, inserted: 0 });
    expect(job.error).toMatch(/COROS refused the access token; reconnect/);
    expect([refreshCalls(), calls(WORKOUTS)]).toEqual([1, 2]);
    expect((await reloadConnection(database.db, connection.id)).status).toBe("needs_reauth");
  });

  it("gives a token reply without expires_in COROS's fixed 30-day life, which the refresh margin counts from", async () => {
    // The reference fixes the life at 30 days; a reply that leaves expires_in out still expires.
    const reply = { access_token: "coros_at_bare", refresh_token: "coros_rt_bare", openId: corosOpenId("athlete") };
    sandbox.state.faults.push({
      host: "open.coros.com",
      pathIncludes: "/oauth2/accesstoken",
      kind: "malformed",
      times: 1,
      body: reply,
    });
    const { connection } = await connectSandboxAccount(database.db, "coros");
    expect(openTokens(connection).accessToken).toBe("coros_at_bare");
    expect(connection.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS);
    expect(connection.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 30 * DAY_MS);
  });

  it("refreshes a token within a day of its 30 days before COROS refuses it", async () => {
    const { connection } = await connectSandboxAccount(database.db, "coros");
    const tokens = openTokens(connection);
    const nearEnd = new Date(Date.now() + 12 * 60 * 60_000);
    await updateConnectionCredentials(database.db, {
      connectionId: connection.id,
      encryptedCredentials: sealTokens({ ...tokens, expiresAt: nearEnd }),
      expiresAt: nearEnd,
      scopes: tokens.scopes,
    });
    sandbox.state.accessTokens.get(tokens.accessToken)!.expiresAt = nearEnd.getTime();
    const job = await syncNow(database.db, connection);
    expect(job.status).toBe("succeeded");
    expect(refreshCalls()).toBe(1);
    // No window was refused and asked again.
    expect([calls(WORKOUTS), calls(DAILY)]).toEqual([3, 3]);
    expect(sandbox.state.accessTokens.get(tokens.accessToken)!.expiresAt).toBeGreaterThan(Date.now() + 29 * DAY_MS);
  });
});
