import type { AuthorizedFetch } from "@/lib/connections/connection-access";
import { addDays } from "@/lib/dates";
import { AppError, hasErrorCode } from "@/lib/errors";
import { localDate } from "@/lib/time-zone";
import { readCalendarReply, type CalendarReplies } from "@/lib/workouts/calendar-replies";
import type { ForwardedWeighIn, ForwardOutcome, WeightDestination } from "../weight-types";
import { CONNECT_API_HEADERS, connectApiUrl } from "./connect-api";
import type { GarminRegion } from "./regions";
import { weightRangeSchema } from "./schemas";
import { toConnectUserWeight } from "./weight-json";

// Weigh-ins forwarded to a Garmin Connect account linked by password, one POST each to the
// weight service (weight-json.ts says what is sent). Connect files every POST as a new weigh-in,
// even one it already holds, so the account's own list is read first: a weigh-in already there
// (sent by a forward that was cut off before it recorded its outcome) counts as taken and is not
// sent twice.

const REPLIES: CalendarReplies = {
  name: "Garmin Connect",
  permissionStatuses: [403],
  permissionHint: "Garmin Connect did not let this account add weigh-ins; sign in to the account again.",
};

/** Weigh-ins within this of one Connect holds are the same weigh-in (Connect keeps the second). */
const SAME_WEIGH_IN_MS = 60_000;

/** The instants of the weigh-ins Connect holds on the days around these. */
async function readHeldInstants(
  fetch: AuthorizedFetch,
  region: GarminRegion,
  weighIns: readonly ForwardedWeighIn[],
  timeZone: string,
): Promise<number[]> {
  const days = weighIns.map((weighIn) => localDate(weighIn.measuredAt, timeZone)).sort();
  // A day either side: Connect files by the account's own zone, which may not be the person's here.
  const url = connectApiUrl(region, "/weight-service/weight/dateRange", {
    startDate: addDays(days[0]!, -1),
    endDate: addDays(days.at(-1)!, 1),
  });
  const body = await readCalendarReply(
    await fetch(url, { headers: CONNECT_API_HEADERS }),
    "the weigh-in list",
    REPLIES,
  );
  const parsed = weightRangeSchema.safeParse(body ?? {});
  if (!parsed.success)
    throw new AppError(
      "PROVIDER_MALFORMED_PAYLOAD",
      "Garmin Connect answered the weigh-in list in a shape we do not know.",
    );
  return (parsed.data.dateWeightList ?? []).map((held) => held.date);
}

async function sendWeighIn(fetch: AuthorizedFetch, region: GarminRegion, weighIn: ForwardedWeighIn, timeZone: string) {
  const body = toConnectUserWeight(weighIn, timeZone);
  const response = await fetch(connectApiUrl(region, "/weight-service/user-weight"), {
    method: "POST",
    headers: { ...CONNECT_API_HEADERS, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  // Connect answers 204 No Content; anything else 2xx is taken as well.
  await readCalendarReply(response, `the weigh-in of ${body.dateTimestamp.slice(0, 10)}`, REPLIES);
}

export const connectWeightDestination = (region: GarminRegion): WeightDestination => ({
  accepts: (connection) => connection.authKind === "credentials" && connection.status !== "revoked",

  async upload(fetch, { weighIns, timeZone }) {
    if (!weighIns.length) return [];
    const held = await readHeldInstants(fetch, region, weighIns, timeZone);
    const outcomes: ForwardOutcome[] = [];
    for (const [index, weighIn] of weighIns.entries()) {
      const at = weighIn.measuredAt.getTime();
      if (held.some((instant) => Math.abs(instant - at) < SAME_WEIGH_IN_MS)) {
        outcomes.push({ id: weighIn.id, isAccepted: true });
        continue;
      }
      try {
        await sendWeighIn(fetch, region, weighIn, timeZone);
        outcomes.push({ id: weighIn.id, isAccepted: true });
      } catch (error) {
        // Connect refused this weigh-in (its 4xx, in its words): the others may still go.
        if (hasErrorCode(error, "PROVIDER_REFUSED")) {
          outcomes.push({ id: weighIn.id, isAccepted: false, message: error.message });
          continue;
        }
        // The account or the service stopped answering: nothing sent yet is the caller's error to
        // report; otherwise what was sent stays sent and the rest are tried again next time.
        if (!outcomes.length) throw error;
        const message = error instanceof AppError ? error.message : "Garmin Connect could not be reached.";
        for (const rest of weighIns.slice(index)) outcomes.push({ id: rest.id, isAccepted: false, message });
        break;
      }
    }
    return outcomes;
  },
});
