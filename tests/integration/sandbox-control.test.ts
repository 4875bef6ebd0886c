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
