import { count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { linkWithPassword } from "@/lib/connections/credential-link";
import type { Database } from "@/lib/db";
import { activities, activityFiles, dailySummaries, providerConnections, syncJobs } from "@/lib/db/schema";
import { corosHub, corosHubChina, corosHubEu } from "@/lib/providers/coros-hub";
import { describeEachDatabase } from "../databases";
import { setUpCredentialApi } from "../credential-api-server";
import { createTestUser } from "../factories";
import { setUpSandboxServer } from "../sandbox-for-tests";
import { reloadConnection, setUpBackfillDays, syncNow } from "../sync-driver";

const sandbox = setUpSandboxServer();
for (const provider of [corosHub, corosHubEu, corosHubChina]) setUpBackfillDays(provider.sync!, 10);
const PASSWORD = "a long coros password 91c2";

async function link(
  db: Database,
  username: string,
  options: { region?: "global" | "eu" | "cn"; autoSignIn?: boolean } = {},
) {
  const user = await createTestUser(db);
  const outcome = await linkWithPassword(db, {
    userId: user.id,
    family: "coros",
    input: {
      username,
      password: PASSWORD,
      region: options.region ?? "global",
      autoSignIn: options.autoSignIn ?? false,
    },
  });
  if (outcome.kind !== "linked") throw new Error(`expected a link, got ${outcome.kind}`);
  await db.delete(syncJobs).where(eq(syncJobs.connectionId, outcome.connection.id));
  return outcome.connection;
}

const logins = () => sandbox.state.countCalls({ provider: "coros_training_hub", path: "/account/login" });

describeEachDatabase("COROS Training Hub (password-linked)", (database) => {
  const api = setUpCredentialApi(database);

  it("links through POST /api/coros/login with the MD5 the web app sends, and refuses a wrong password with 401", async () => {
    const { user, post } = await api.signUp();
    const linked = await post("/api/coros/login", { username: "runner@example.com", password: PASSWORD });
    expect(linked.status).toBe(200);
    expect(linked.json).toEqual({ message: "COROS account linked successfully." });
    const wrong = await post("/api/coros/login", { username: "runner@example.com", password: "wrong-password" });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ detail: "Invalid COROS credentials provided." });
    const rows = await database.db.select().from(providerConnections).where(eq(providerConnections.userId, user.id));
    expect(rows.map((row) => row.provider)).toEqual(["coros_training_hub"]);
    const blocked = await post("/api/coros/login", { username: "blocked-runner", password: PASSWORD });
    expect(blocked.status).toBe(503);
    expect(blocked.json!.detail).toMatch(/refusing automated sign-ins/);
  });

  it("brings in activities with their FIT files (no COROS token sent to storage) and the day detail", async () => {
    const connection = await link(database.db, "runner");
    const job = await syncNow(database.db, connection);
    expect(job.status).toBe("succeeded");
    const activityCount = (
      await database.db.select({ n: count() }).from(activities).where(eq(activities.connectionId, connection.id))
    )[0]!.n;
    expect(activityCount).toBeGreaterThan(3);
    const fileCount = (
      await database.db.select({ n: count() }).from(activityFiles).where(eq(activityFiles.userId, connection.userId))
    )[0]!.n;
    expect(fileCount).toBe(activityCount);
    const days = await database.db.select().from(dailySummaries).where(eq(dailySummaries.connectionId, connection.id));
    expect(days.some((day) => day.restingHeartRateBpm && day.hrvMs)).toBe(true);
    const [run] = await database.db
      .select()
      .from(activities)
      .where(eq(activities.connectionId, connection.id))
      .limit(1);
    // Calories in, kcal stored; the quarter-hour time zone as seconds.
    expect(run!.energyKcal).toBeLessThan(3000);
    expect((run!.utcOffsetSeconds ?? 0) % 900).toBe(0);
  });

  it("links an EU account signed in on the global host as an EU account, and then asks only the EU host", async () => {
    const connection = await link(database.db, "eu-anna");
    expect(connection.provider).toBe("coros_training_hub_eu");
    const beforeSync = sandbox.state.requests.length;
    expect((await syncNow(database.db, connection)).status).toBe("succeeded");
    const hosts = new Set(sandbox.state.requests.slice(beforeSync).map((request) => request.host));
    expect([...hosts].sort()).toEqual(["eu-coros.s3.eu-central-1.amazonaws.com", "teameuapi.coros.com"]);
  });

  it("keeps a China account on China's hosts from its sign-in on", async () => {
    const connection = await link(database.db, "cn-li", { region: "cn" });
    expect(connection.provider).toBe("coros_training_hub_cn");
    expect((await syncNow(database.db, connection)).status).toBe("succeeded");
    const hosts = new Set(sandbox.state.requests.map((request) => request.host));
    expect([...hosts].sort()).toEqual(["coros-oss.oss-cn-beijing.aliyuncs.com", "teamcnapi.coros.com"]);
  });

  it("reuses its token, and after COROS ends it signs in again only with a kept password", async () => {
    const ticked = await link(database.db, "runner", { autoSignIn: true });
    const unticked = await link(database.db, "walker");
    await syncNow(database.db, ticked);
    const before = logins();
    expect((await syncNow(database.db, ticked)).status).toBe("succeeded");
    expect(logins()).toBe(before);
    // Twelve hours on, COROS answers result 1019 (on HTTP 200).
    sandbox.state.expireAccessTokens("coros_training_hub", "runner");
    sandbox.state.expireAccessTokens("coros_training_hub", "walker");
    expect((await syncNow(database.db, ticked)).status).toBe("succeeded");
    expect(logins()).toBe(before + 1);
    expect((await syncNow(database.db, unticked)).status).toBe("failed");
    expect((await reloadConnection(database.db, unticked.id)).status).toBe("needs_reauth");
    expect(logins()).toBe(before + 1);
  });

  it("links from coros-connect's token.txt, JSON or the bare token", async () => {
    const login = await fetch(`${sandbox.url}/teamapi.coros.com/account/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ account: "runner", accountType: 2, pwd: "0123456789abcdef0123456789abcdef" }),
    });
    const { data } = (await login.json()) as { data: { accessToken: string; userId: string } };
    for (const content of [{ accessToken: data.accessToken, userId: data.userId }, data.accessToken]) {
      const { user, post } = await api.signUp();
      const reply = await post("/api/coros/tokens", { files: { "token.txt": content } });
      expect(reply.status).toBe(200);
      const [row] = await database.db.select().from(providerConnections).where(eq(providerConnections.userId, user.id));
      expect(row).toMatchObject({ provider: "coros_training_hub", externalUserId: data.userId });
    }
    const { post } = await api.signUp();
    const bad = await post("/api/coros/tokens", { files: { "token.txt": "not-a-token-anyone-issued" } });
    expect(bad.status).toBe(400);
    expect(bad.json!.detail).toMatch(/does not accept this token/);
  });
});
