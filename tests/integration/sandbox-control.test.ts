import { describe, expect, it } from "vitest";
import { corosOpenId } from "@/sandbox/coros/sandbox";
import { setUpSandboxServer } from "../sandbox-for-tests";

const sandbox = setUpSandboxServer({ resetEachTest: false });

describe("sandbox fault control over HTTP", () => {
  const faults = (init?: RequestInit) => fetch(`${sandbox.url}/_control/faults`, init);

  it("makes the next matching request answer 429 with Retry-After, then behaves again", async () => {
    const added = await faults({
      method: "POST",
      body: JSON.stringify({
        host: "www.strava.com",
        pathIncludes: "/athlete",
        kind: "rate_limit",
        retryAfterSeconds: 9,
      }),
    });
    expect(added.status).toBe(200);
    const limited = await fetch(`${sandbox.url}/www.strava.com/api/v3/athlete`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("9");
    expect((await fetch(`${sandbox.url}/www.strava.com/api/v3/athlete`)).status).toBe(401); // no token: the real answer
  });

  it("answers a provider's documented error with the status and body asked for, and counts it", async () => {
    const body = { error: { code: 400, message: "Invalid data type ID: floors", status: "INVALID_ARGUMENT" } };
    const path = "/v4/users/me/dataTypes/floors/dataPoints:dailyRollUp";
    await faults({
      method: "POST",
      body: JSON.stringify({
        host: "health.googleapis.com",
        pathIncludes: "/floors/",
        kind: "http_error",
        status: 400,
        body,
      }),
    });
    const refused = await fetch(`${sandbox.url}/health.googleapis.com${path}`, { method: "POST" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual(body);
    expect(sandbox.state.faultedCalls).toContainEqual({
      provider: "fitbit",
      method: "POST",
      path,
      fault: "http_error",
    });
    const outOfRange = await faults({
      method: "POST",
      body: JSON.stringify({ host: "health.googleapis.com", kind: "http_error", status: 200 }),
    });
    expect((await outOfRange.json()).error).toMatch(/^status:/);
  });

  it("names the field of a malformed fault, and clears faults on DELETE", async () => {
    const refused = await faults({
      method: "POST",
      body: JSON.stringify({ host: "api.ouraring.com", kind: "explode" }),
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatch(/^kind:/);
    await faults({
      method: "POST",
      body: JSON.stringify({ host: "api.ouraring.com", kind: "server_error", times: 3 }),
    });
    expect((await (await faults()).json()).faults).toHaveLength(1);
    await faults({ method: "DELETE" });
    expect((await (await faults()).json()).faults).toHaveLength(0);
  });
});

describe("sandbox token expiry over HTTP", () => {
  const today = new Date().toISOString().slice(0, 10).replaceAll("-", "");
  const expire = (body: unknown) =>
    fetch(`${sandbox.url}/_control/expire-tokens`, { method: "POST", body: JSON.stringify(body) });
  const sportList = (token: string) =>
    fetch(
      `${sandbox.url}/open.coros.com/v2/coros/sport/list?${new URLSearchParams({ token, openId: corosOpenId("timer"), startDate: today, endDate: today })}`,
    );

  it("ends an account's access tokens now: COROS then answers result 1001 on HTTP 200", async () => {
    const token = sandbox.state.issue("coros_at");
    sandbox.state.accessTokens.set(token, {
      provider: "coros",
      account: "timer",
      scopes: [],
      expiresAt: Date.now() + 60_000,
    });
    expect((await (await expire({ provider: "coros", account: "timer" })).json()).expired).toBe(1);
    const refused = await sportList(token);
    expect(refused.status).toBe(200);
    expect(await refused.json()).toEqual({ result: "1001", message: "The access token has expired." });
  });

  it("names the missing field", async () => {
    const refused = await expire({ provider: "coros" });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatch(/^account:/);
  });
});

describe("sandbox clients over HTTP", () => {
  const clients = (init?: RequestInit) => fetch(`${sandbox.url}/_control/clients`, init);
  const register = (body: unknown) => clients({ method: "POST", body: JSON.stringify(body) });
  const ouraToken = (fields: Record<string, string>) =>
    fetch(`${sandbox.url}/api.ouraring.com/oauth/token`, { method: "POST", body: new URLSearchParams(fields) });
  const ouraClient = { provider: "oura", clientId: "portal-oura", clientSecret: "portal-oura-secret" };

  it("knows a registered client: a made-up code is invalid_grant, a wrong secret invalid_client (401)", async () => {
    expect((await register(ouraClient)).status).toBe(200);
    const listed = await (await clients()).json();
    expect(listed.clients).toContainEqual({ provider: "oura", clientId: "portal-oura" });
    expect(JSON.stringify(listed)).not.toContain("portal-oura-secret");

    const grant = { grant_type: "authorization_code", code: "made-up", redirect_uri: "http://qt.test/cb" };
    const right = await ouraToken({ ...grant, client_id: "portal-oura", client_secret: "portal-oura-secret" });
    expect(right.status).toBe(400);
    expect((await right.json()).error).toBe("invalid_grant");
    const wrong = await ouraToken({ ...grant, client_id: "portal-oura", client_secret: "guess" });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toBe("invalid_client");
  });

  it("will not exchange a code issued to another client", async () => {
    await register(ouraClient);
    const authorize = new URL(`${sandbox.url}/cloud.ouraring.com/oauth/authorize`);
    for (const [key, value] of Object.entries({
      response_type: "code",
      client_id: "qt-sandbox-oura",
      redirect_uri: "http://qt.test/cb",
      scope: "daily",
      state: "state-123",
    }))
      authorize.searchParams.set(key, value);
    const decided = await fetch(authorize, {
      method: "POST",
      body: new URLSearchParams({ decision: "approve", account: "ada" }),
      redirect: "manual",
    });
    const code = new URL(decided.headers.get("location")!).searchParams.get("code")!;
    const stolen = await ouraToken({
      grant_type: "authorization_code",
      code,
      redirect_uri: "http://qt.test/cb",
      client_id: "portal-oura",
      client_secret: "portal-oura-secret",
    });
    expect((await stolen.json()).error).toBe("invalid_grant");
  });

  it("names the missing field, and forgets every registered client on DELETE", async () => {
    const refused = await register({ provider: "oura", clientId: "x" });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatch(/^clientSecret:/);
    await register(ouraClient);
    expect((await (await clients({ method: "DELETE" })).json()).clients).toEqual([]);
    expect(sandbox.state.isClient("oura", "portal-oura", "portal-oura-secret")).toBe(false);
  });
});
