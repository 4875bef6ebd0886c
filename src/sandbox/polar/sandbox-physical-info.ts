import { sandboxAccount } from "@/sandbox/accounts";
import { accountUtcOffset, syntheticDays } from "@/sandbox/synthetic";
import type { SandboxRequest } from "@/sandbox/types";
import { authenticateData } from "./sandbox-data";
import { DAY_MS } from "@/lib/dates";

/**
 * The physical info GET /v3/users/physical-info answers with now: the person updates their
 * weight in Polar Flow every Monday morning (07:00 local), so the snapshot, `modified`
 * included, stays the same all week and changes with the next weigh-in.
 */
export function polarPhysicalInfo(login: string, now = new Date()) {
  const offset = accountUtcOffset("polar", login);
  const localToday = Date.parse(`${new Date(now.getTime() + offset * 1000).toISOString().slice(0, 10)}T00:00:00Z`);
  const sinceMonday = (new Date(localToday).getUTCDay() + 6) % 7;
  let monday = localToday - sinceMonday * DAY_MS;
  // Before this Monday's weigh-in, last week's is the current one.
  if (monday + 7 * 3_600_000 - offset * 1000 > now.getTime()) monday -= 7 * DAY_MS;
  const date = new Date(monday).toISOString().slice(0, 10);
  const weighIn = syntheticDays("polar", login, date, date, now)[0];
  const account = sandboxAccount("polar", login);
  const modified = new Date(monday + 7 * 3_600_000 - offset * 1000);
  return {
    weight: weighIn?.weightKg ?? 70,
    height: 160 + (account.numericId % 30),
    created: "2024-01-15T09:30:00.000Z",
    modified: modified.toISOString(),
    birthday: "1990-04-12",
    gender: account.numericId % 2 ? "FEMALE" : "MALE",
    maximum_heart_rate: 188,
    resting_heart_rate: 50,
    aerobic_threshold: 140,
    anaerobic_threshold: 168,
    vo2_max: 52,
    weight_source: "SOURCE_USER",
    training_background: "REGULAR",
    typical_day: "MOSTLY_SITTING",
    sleep_goal: "PT8H",
  };
}

/** GET /v3/users/physical-info: the current snapshot. */
export function getPhysicalInfo(request: SandboxRequest) {
  const login = authenticateData(request, "/v3/users/physical-info");
  if (login instanceof Response) return login;
  return Response.json(polarPhysicalInfo(login));
}
