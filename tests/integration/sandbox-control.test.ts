import { describe, expect, it } from "vitest";
import { setUpSandboxServer } from "../sandbox-for-tests";

const sandbox = setUpSandboxServer({ resetEachTest: false });

describe("sandbox fault control over HTTP", () => {
  const faults = (init?: RequestInit) => fetch(`${sandbox.url}/_control/faults`, init);

  it("makes the next matching request answer 429 with Retry-After, then behaves again", async () => {
    const added = await faults({ method: "POST", body: JSON.stringify({ host: "www.strava.com", pathIncludes: "/athlete", kind: "rate_limit", retryAfterSeconds: 9 }) });
    expect(added.status).toBe(200);
    const limited = await fetch(`${sandbox.url}/www.strava.com/api/v3/athlete`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("9");
    expect((await fetch(`${sandbox.url}/www.strava.com/api/v3/athlete`)).status).toBe(401); // no token: the real answer
  });

  it("answers a provider's documented error with the status and body asked for, and counts it", async () => {
    const body = { error: { code: 400, message: "Invalid data type ID: floors", status: "INVALID_ARGUMENT" } };
    const path = "/v4/users/me/dataTypes/floors/dataPoints:dailyRollUp";
    await faults({ method: "POST", body: JSON.stringify({ host: "health.googleapis.com", pathIncludes: "/floors/", kind: "http_error", status: 400, body }) });
    const refused = await fetch(`${sandbox.url}/health.googleapis.com${path}`, { method: "POST" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual(body);
    expect(sandbox.state.faultedCalls).toContainEqual({ provider: "fitbit", method: "POST", path, fault: "http_error" });
    const outOfRange = await faults({ method: "POST", body: JSON.stringify({ host: "health.googleapis.com", kind: "http_error", status: 200 }) });
    expect((await outOfRange.json()).error).toMatch(/^status:/);
  });

  it("names the field of a malformed fault, and clears faults on DELETE", async () => {
    const refused = await faults({ method: "POST", body: JSON.stringify({ host: "api.ouraring.com", kind: "explode" }) });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatch(/^kind:/);
    await faults({ method: "POST", body: JSON.stringify({ host: "api.ouraring.com", kind: "server_error", times: 3 }) });
    expect((await (await faults()).json()).faults).toHaveLength(1);
    await faults({ method: "DELETE" });
    expect((await (await faults()).json()).faults).toHaveLength(0);
  });
});
