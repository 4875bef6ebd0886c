import { describe, expect, it } from "vitest";
import { describeSilentPush } from "./silent-push";

const at = (hours: number) => new Date(Date.UTC(2026, 11, 1, hours));
const base = { providerName: "Oura", connectedAt: at(0), intervalMinutes: 60 };

describe("describeSilentPush", () => {
  it("says so when the scheduled sync finds new data hours after the last push", () => {
    const note = describeSilentPush({ ...base, lastPushAt: at(2), lastScheduledFindAt: at(9) });
    expect(note).toMatch(/^Oura has not pushed since .*2026.*; polling hourly\.$/);
  });

  it("names the connection time when no push ever came, and the polling interval", () => {
    expect(describeSilentPush({ ...base, intervalMinutes: 30, lastPushAt: null, lastScheduledFindAt: at(5) })).toBe(
      "Oura has not pushed since it was connected; polling every 30 minutes.",
    );
  });

  it("stays quiet when polling found nothing new, or found it within an interval of a push", () => {
    expect(describeSilentPush({ ...base, lastPushAt: at(2), lastScheduledFindAt: undefined })).toBeNull();
    expect(describeSilentPush({ ...base, lastPushAt: at(2), lastScheduledFindAt: at(3) })).toBeNull();
    expect(describeSilentPush({ ...base, lastPushAt: at(9), lastScheduledFindAt: at(5) })).toBeNull();
  });
});
