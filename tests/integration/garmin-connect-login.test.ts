import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { decryptJson } from "@/lib/crypto/encryption";
import { openTokens } from "@/lib/connections/credentials";
import { providerConnections, signInBackoffs, syncJobs } from "@/lib/db/schema";
import { describeEachDatabase } from "../databases";
import { setUpCredentialApi } from "../credential-api-server";
import { setUpSandboxServer } from "../sandbox-for-tests";

const sandbox = setUpSandboxServer();
const PASSWORD = "correct horse battery staple 7f3a";

describeEachDatabase("Garmin Connect sign-in by password", (database) => {
  const api = setUpCredentialApi(database);
  const connectionsOf = (userId: string) =>
    database.db.select().from(providerConnections).where(eq(providerConnections.userId, userId));
  const logins = () => sandbox.state.countCalls({ path: "/mobile/api/login" });

  it("links an account, keeps tokens but not the password, and queues its first sync", async () => {
    const { user, post } = await api.signUp();
    const reply = await post("/api/garmin/login", { username: "Ada@Example.com", password: PASSWORD });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ message: "Garmin account linked successfully." });
    const [connection] = await connectionsOf(user.id);
    expect(connection).toMatchObject({ provider: "garmin_connect", authKind: "credentials", status: "active" });
    expect(connection!.label).toMatch(/^\w+ \w+$/);
    expect(connection!.encryptedLogin).toBeNull();
    const tokens = openTokens(connection!);
    expect(sandbox.state.accessTokens.get(tokens.accessToken)?.provider).toBe("garmin_connect");
    expect(tokens.extra?.oauth1Token).toBeTruthy();
    const jobs = await database.db.select().from(syncJobs).where(eq(syncJobs.connectionId, connection!.id));
    expect(jobs.map((job) => job.kind)).toEqual(["backfill"]);
  });

  it("answers a wrong password with the documented 401 and stores nothing", async () => {
    const { user, post } = await api.signUp();
    const reply = await post("/api/garmin/login", { username: "ada", password: "wrong-password" });
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual({ detail: "Invalid Garmin credentials provided." });
    expect(await connectionsOf(user.id)).toEqual([]);
  });

  it("asks for the code with 202, refuses a wrong one, links with the right one", async () => {
    const { user, post } = await api.signUp();
    const first = await post("/api/garmin/login", { username: "mfa-ada", password: PASSWORD, autoSignIn: true });
    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({ challengeId: expect.any(String), mfaMethod: "email" });
    const challengeId = first.json!.challengeId as string;
    const wrong = await post("/api/garmin/login/mfa", { challengeId, code: "000000" });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ detail: "Invalid Garmin verification code provided." });
    const right = await post("/api/garmin/login/mfa", { challengeId, code: "123456" });
    expect(right.status).toBe(200);
    expect(right.json).toEqual({ message: "Garmin account linked successfully." });
    const [connection] = await connectionsOf(user.id);
    // Ticked: the password is kept, sealed, and only so.
    expect(connection!.encryptedLogin).not.toContain(PASSWORD);
    expect(decryptJson(connection!.encryptedLogin!)).toEqual({ username: "mfa-ada", password: PASSWORD });
    // A finished challenge cannot be used again.
    const replay = await post("/api/garmin/login/mfa", { challengeId, code: "123456" });
    expect(replay.status).toBe(400);
    expect(replay.json!.detail).toMatch(/^challengeId: /);
  });

  it("names the field of a malformed body", async () => {
    const { post } = await api.signUp();
    const missing = await post("/api/garmin/login", { password: PASSWORD });
    expect(missing.status).toBe(400);
    expect(missing.json!.detail).toMatch(/^username: /);
    const region = await post("/api/garmin/login", { username: "ada", password: PASSWORD, region: "mars" });
    expect(region.status).toBe(400);
    expect(region.json!.detail).toMatch(/^region: /);
    const notJson = await post("/api/garmin/login", "username=ada", { headers: { "content-type": "text/plain" } });
    expect(notJson.status).toBe(415);
  });

  it("turns Garmin's 429 into 503 with retryAfter, then leaves the account alone, doubling the pause", async () => {
    const { user, post } = await api.signUp();
    const first = await post("/api/garmin/login", { username: "blocked-ada", password: PASSWORD });
    expect(first.status).toBe(503);
    expect(first.json!.detail).toMatch(/refusing automated sign-ins/);
    expect(first.json!.detail).toMatch(/official sign-in/);
    expect(first.json!.detail).toMatch(/oauth1_token\.json and oauth2_token\.json/);
    expect(first.json!.retryAfter).toBeGreaterThan(7000);
    expect(first.json!.retryAfter).toBeLessThanOrEqual(7200);
    expect(first.headers.get("retry-after")).toBe(String(first.json!.retryAfter));
    expect(first.json!.alternatives).toMatchObject({
      officialConnect: "/api/oauth/connect?provider=garmin",
      tokenImport: { url: "/api/garmin/tokens" },
    });

    const callsBefore = logins();
    const again = await post("/api/garmin/login", { username: "blocked-ada", password: PASSWORD });
    expect(again.status).toBe(503);
    expect(logins()).toBe(callsBefore);

    // The pause runs out; Garmin refuses again: twice as long.
    await database.db
      .update(signInBackoffs)
      .set({ pausedUntil: new Date(Date.now() - 1000) })
      .where(and(eq(signInBackoffs.userId, user.id), eq(signInBackoffs.provider, "garmin_connect")));
    const third = await post("/api/garmin/login", { username: "blocked-ada", password: PASSWORD });
    expect(third.status).toBe(503);
    expect(third.json!.retryAfter).toBeGreaterThan(14_000);
    expect(third.json!.retryAfter).toBeLessThanOrEqual(14_400);
  });

  it("reads a 403 bot challenge at the SSO the same way", async () => {
    const { post } = await api.signUp();
    sandbox.state.faults.push({
      host: "sso.garmin.com",
      pathIncludes: "/mobile/api/login",
      kind: "http_error",
      status: 403,
      times: 1,
    });
    const reply = await post("/api/garmin/login", { username: "ada", password: PASSWORD });
    expect(reply.status).toBe(503);
    expect(reply.json!.retryAfter).toBeGreaterThan(0);
  });

  it("allows five sign-ins an hour per account, then answers 429 without asking Garmin", async () => {
    const { post } = await api.signUp();
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await post("/api/garmin/login", { username: "ada", password: "wrong" })).status).toBe(401);
    const callsBefore = logins();
    const sixth = await post("/api/garmin/login", { username: "ADA ", password: PASSWORD });
    expect(sixth.status).toBe(429);
    expect(sixth.json!.detail).toMatch(/at most 5 an hour/);
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(3000);
    expect(logins()).toBe(callsBefore);
    // Another account of the same person has its own budget.
    expect((await post("/api/garmin/login", { username: "grace", password: PASSWORD })).status).toBe(200);
  });

  it("refuses a caller without a session or a valid key", async () => {
    const response = await fetch(`${api.url}/api/garmin/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": "qt_not-a-real-key" },
      body: JSON.stringify({ username: "ada", password: PASSWORD }),
    });
    expect(response.status).toBe(401);
  });
});
