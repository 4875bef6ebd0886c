import { describe, expect, it } from "vitest";
import type { SyncContext } from "@/lib/sync/types";
import { BACKFILL_WINDOW_S, backfillWindows, requestBackfill } from "./sync-backfill";

const DAY_S = 86_400;

function contextAnswering(statuses: number[], backfillDays = 75) {
  const asked: URL[] = [];
  const context = {
    now: new Date(1_800_000_000_000),
    backfillDays,
    fetch: async (url: string) => {
      asked.push(new URL(url));
      return new Response(null, { status: statuses[asked.length - 1] ?? 202 });
    },
  } as unknown as SyncContext;
  return { context, asked };
}

describe("Garmin backfill requests", () => {
  it("cover the period in consecutive windows of at most 30 days", () => {
    const windows = backfillWindows(0, 75 * DAY_S);
    expect(windows).toEqual([
      { start: 0, end: BACKFILL_WINDOW_S },
      { start: BACKFILL_WINDOW_S, end: 2 * BACKFILL_WINDOW_S },
      { start: 2 * BACKFILL_WINDOW_S, end: 75 * DAY_S },
    ]);
    expect(backfillWindows(5, 5)).toEqual([]);
  });

  it("take 409 (already requested) as done and stop at 403 (history not permitted)", async () => {
    const accepted = contextAnswering([202, 409, 202]);
    expect(await requestBackfill(accepted.context, "sleeps")).toMatchObject({ backfill: { outcome: "requested" } });
    expect(accepted.asked.map((url) => url.pathname)).toEqual(Array(3).fill("/wellness-api/rest/backfill/sleeps"));
    expect(accepted.asked[0]!.searchParams.get("summaryStartTimeInSeconds")).toBe(String(1_800_000_000 - 75 * DAY_S));
    expect(accepted.asked[2]!.searchParams.get("summaryEndTimeInSeconds")).toBe("1800000000");

    const forbidden = contextAnswering([403]);
    expect(await requestBackfill(forbidden.context, "hrv")).toMatchObject({ backfill: { outcome: "forbidden" } });
    expect(forbidden.asked).toHaveLength(1);
  });

  it("fails on any other answer", async () => {
    await expect(requestBackfill(contextAnswering([400]).context, "dailies")).rejects.toThrow(/HTTP 400/);
  });
});
