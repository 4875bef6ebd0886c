import { getEnv } from "@/env";
import type { ProviderHistory } from "@/lib/providers/history-types";
import { backfillCursorSchema, type BackfillCursor } from "./sync-backfill";

// What a person chooses about their Garmin history (how far back to ask), and what the
// backfill cursors of the connection say Garmin made of it.

function readCursor(raw: string | undefined): BackfillCursor["backfill"] | null {
  if (!raw) return null;
  try {
    const parsed = backfillCursorSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.backfill : null;
  } catch {
    return null;
  }
}

const atSeconds = (seconds: number) => new Date(seconds * 1000);

export const garminHistory: ProviderHistory = {
  choices: [
    { days: 90, label: "90 days" },
    { days: 365, label: "1 year" },
    { days: "all", label: "All Garmin allows (5 years)" },
  ],
  defaultDays: () => getEnv().GARMIN_HISTORY_DAYS,
  status(connection) {
    // A legacy OAuth 1.0a sign-in pulls its own history and never asks for a backfill.
    if (connection.authKind === "oauth1") return null;
    const states = Object.values(connection.cursors).flatMap((raw) => readCursor(raw) ?? []);
    const asked = states.filter((state) => state.from < state.to);
    const earliest = states.flatMap((state) => state.earliest ?? []);
    return {
      // The history every type has reached: the newest of their oldest starts.
      requestedFrom: asked.length ? atSeconds(Math.max(...asked.map((state) => state.from))) : null,
      isRefused: states.some((state) => state.outcome === "forbidden"),
      earliestAllowed: earliest.length ? atSeconds(Math.max(...earliest)) : null,
    };
  },
  refusedHelp:
    "Garmin did not send your history: the “Historical data” permission is off for QT.run. Turn it on in Garmin Connect (or tick it on Garmin's consent page), then reconnect.",
};
