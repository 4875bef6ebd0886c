import { describe, expect, it } from "vitest";
import type { SyncContext } from "@/lib/sync/types";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { GARMIN_SANDBOX_HISTORY_S, garminDeliveryStore } from "@/sandbox/garmin/sandbox-backfill";
import {
  BACKFILL_WINDOW_S,
  GARMIN_HISTORY_LIMIT_DAYS,
  nextBackfillWindow,
  readBackfillCursor,
  requestNextBackfill,
  type BackfillCursor,
} from "./sync-backfill";

const sandbox = setUpSandboxServer();

const DAY_S = 86_400;
const TO = 1_800_000_000;
const nowS = () => Math.floor(Date.now() / 1000);

/** Every window a horizon asks for, walking the cursor as the stream does after 202s. */
function plannedWindows(state: BackfillCursor["backfill"], days: number | "all") {
  const windows: Array<{ start: number; end: number }> = [];
  for (let window = nextBackfillWindow(state, days); window; window = nextBackfillWindow(state, days)) {
    windows.push(window);
    state = { ...state, from: window.start };
  }
  return { windows, state };
}

/** A sync context whose requests go over HTTP to the sandbox with a token granting `scopes`. */
function sandboxContext(account: string, scopes: string[] = []): SyncContext {
  const token = `garmin_at_test_${account}`;
  sandbox.state.accessTokens.set(token, { provider: "garmin", account, scopes, expiresAt: null });
  const fetchSandbox = (realUrl: string) =>
    fetch(realUrl.replace("https://", `${sandbox.url}/`), { headers: { authorization: `Bearer ${token}` } });
  return {
    fetch: fetchSandbox,
    tokens: () => ({ accessToken: token, scopes }),
    externalUserId: account,
    now: new Date(),
    backfillDays: 14,
    jobPayload: {},
    spend: async () => {},
    files: { withoutFile: async () => [], save: async () => {} },
  };
}

describe("Garmin backfill windows", () => {
  it("cover 90 days in exactly three 30-day windows, newest first", () => {
    const { windows } = plannedWindows(readBackfillCursor(null, new Date(TO * 1000)).backfill, 90);
    expect(windows).toEqual([
      { start: TO - BACKFILL_WINDOW_S, end: TO },
      { start: TO - 2 * BACKFILL_WINDOW_S, end: TO - BACKFILL_WINDOW_S },
      { start: TO - 90 * DAY_S, end: TO - 2 * BACKFILL_WINDOW_S },
    ]);
  });

  it("extend a horizon only by what was not asked yet, and never past Garmin's limit", () => {
    const first = plannedWindows({ to: TO, from: TO, outcome: "requested" }, 90);
    const longer = plannedWindows(first.state, 365);
    expect(longer.windows[0]).toEqual({ start: TO - 120 * DAY_S, end: TO - 90 * DAY_S });
    expect(longer.windows.at(-1)).toEqual({ start: TO - 365 * DAY_S, end: TO - 360 * DAY_S });
    expect(longer.windows).toHaveLength(10);
    expect(plannedWindows(longer.state, 90).windows).toEqual([]);
    expect(plannedWindows(longer.state, "all").state.from).toBe(TO - GARMIN_HISTORY_LIMIT_DAYS * DAY_S);
    // Once Garmin named its earliest start, nothing before it is asked for.
    expect(plannedWindows({ ...longer.state, earliest: TO - 400 * DAY_S }, "all").windows).toEqual([
      { start: TO - 395 * DAY_S, end: TO - 365 * DAY_S },
      { start: TO - 400 * DAY_S, end: TO - 395 * DAY_S },
    ]);
  });

  it("read the cursor a 14-day backfill left behind", () => {
    const old = JSON.stringify({ backfill: { from: TO - 14 * DAY_S, to: TO, outcome: "requested" } });
    expect(nextBackfillWindow(readBackfillCursor(old, new Date()).backfill, 90)).toEqual({
      start: TO - 44 * DAY_S,
      end: TO - 14 * DAY_S,
    });
  });
});

describe("Garmin backfill requests against the sandbox", () => {
  it("are refused past 30 days, and a repeat or overlap answers 409, which counts as done", async () => {
    const context = sandboxContext("windows");
    const to = nowS();
    const tooLong = await context.fetch(
      `https://apis.garmin.com/wellness-api/rest/backfill/sleeps?summaryStartTimeInSeconds=${to - 31 * DAY_S}&summaryEndTimeInSeconds=${to}`,
    );
    expect(tooLong.status).toBe(400);

    const asked = await requestNextBackfill(
      context,
      "sleeps",
      { backfill: { to, from: to, outcome: "requested" } },
      90,
    );
    expect(asked).toEqual({ backfill: { to, from: to - BACKFILL_WINDOW_S, outcome: "requested" } });
    // A second connection of the same Garmin user asks for a window overlapping the first.
    const again = await requestNextBackfill(
      context,
      "sleeps",
      { backfill: { to: to + 60, from: to + 60, outcome: "requested" } },
      90,
    );
    expect(again.backfill).toMatchObject({ from: to + 60 - BACKFILL_WINDOW_S, outcome: "requested" });
    expect(garminDeliveryStore(sandbox.state).backfills).toEqual([
      { account: "windows", summaryType: "sleeps", start: to - BACKFILL_WINDOW_S, end: to },
    ]);
  });

  it("stop at 403 when the person did not grant historical data", async () => {
    const context = sandboxContext("private", ["ACTIVITY_EXPORT", "HEALTH_EXPORT"]);
    const to = nowS();
    expect(
      await requestNextBackfill(context, "dailies", { backfill: { to, from: to, outcome: "requested" } }, 90),
    ).toEqual({ backfill: { to, from: to, outcome: "forbidden" } });
    expect(garminDeliveryStore(sandbox.state).backfills).toEqual([]);
  });

  it("narrow the horizon to the earliest start Garmin names, then ask from there", async () => {
    const context = sandboxContext("veteran");
    const to = nowS() - GARMIN_SANDBOX_HISTORY_S + 10 * DAY_S;
    const narrowed = await requestNextBackfill(
      context,
      "activities",
      { backfill: { to, from: to, outcome: "requested" } },
      "all",
    );
    const earliest = narrowed.backfill.earliest!;
    expect(earliest).toBeGreaterThan(to - BACKFILL_WINDOW_S);
    expect(earliest).toBeLessThanOrEqual(nowS() - GARMIN_SANDBOX_HISTORY_S);
    expect(narrowed.backfill.from).toBe(to);

    const asked = await requestNextBackfill(context, "activities", narrowed, "all");
    expect(asked.backfill).toMatchObject({ from: earliest, outcome: "requested" });
    expect(nextBackfillWindow(asked.backfill, "all")).toBeNull();
    expect(garminDeliveryStore(sandbox.state).backfills).toEqual([
      { account: "veteran", summaryType: "activities", start: earliest, end: to },
    ]);
  });

  it("fail on any other answer", async () => {
    const context = sandboxContext("broken");
    sandbox.state.faults.push({
      host: "apis.garmin.com",
      pathIncludes: "/backfill/hrv",
      kind: "server_error",
      times: 1,
    });
    const to = nowS();
    await expect(
      requestNextBackfill(context, "hrv", { backfill: { to, from: to, outcome: "requested" } }, 90),
    ).rejects.toThrow(/HTTP 5\d\d/);
  });
});
