import { listAccountActivities } from "@/lib/db/queries/account-activities";
import { activityLocalDate } from "@/lib/files/export-layout";
import { formatDistance, formatDuration } from "@/lib/format";
import { localDate } from "@/lib/time-zone";
import { findConfigAccount, resolveLinkedAccount } from "../accounts";
import { saveListIndex } from "../cache";
import { stringOption, type Command } from "../command";
import { EXIT_OK, UsageError } from "../errors";
import { formatTable } from "../output";
import { parseDateRange, parsePositiveInteger, parseTypeList } from "../parse";

const DEFAULT_LIMIT = 20;

export const listCommand: Command = {
  name: "list",
  summary: "list an account's activities, newest first, numbered for `qt download --index`",
  help: `qt list --account NAME [--limit N] [--activity-type a,b] [--start-date YYYY-MM-DD] [--end-date YYYY-MM-DD] [--json]

  Reads the activities QT.run has synced for the account (run a sync in the app first).
  --limit N          how many (default ${DEFAULT_LIMIT}, at most 1000)
  --activity-type    only these types (run, ride, swim, …), comma-separated
  --start-date/--end-date  inclusive, on your calendar (Preferences → time zone)`,
  options: {
    account: { type: "string" },
    limit: { type: "string" },
    "activity-type": { type: "string" },
    "start-date": { type: "string" },
    "end-date": { type: "string" },
  },
  async run(context) {
    const name = stringOption(context.values, "account");
    if (!name) throw new UsageError("list needs --account NAME.");
    const limit = parsePositiveInteger("limit", stringOption(context.values, "limit"), 1000) ?? DEFAULT_LIMIT;
    const types = parseTypeList(stringOption(context.values, "activity-type"));
    const { from, to } = parseDateRange({
      start: stringOption(context.values, "start-date"),
      end: stringOption(context.values, "end-date"),
    });
    const account = findConfigAccount(context.config, name);
    const db = await context.db();
    const { user, connection } = await resolveLinkedAccount(db, account);
    const rows = await listAccountActivities(db, {
      userId: user.id,
      connectionId: connection.id,
      filters: { types, from, to },
      timeZone: user.timeZone,
      limit,
    });
    await saveListIndex(context.cacheDir, name, {
      connectionId: connection.id,
      activityIds: rows.map((row) => row.id),
    });

    const listed = rows.map((row, position) => ({
      index: position + 1,
      id: row.id,
      externalId: row.externalId,
      type: row.type,
      name: row.name,
      startAt: row.startAt.toISOString(),
      localDate: activityLocalDate(row.startAt, row.utcOffsetSeconds, (at) => localDate(at, user.timeZone)),
      durationS: row.durationS,
      distanceM: row.distanceM,
      hasFile: row.hasFile,
    }));
    if (context.isJson) {
      context.output.json({ account: name, activities: listed });
      return EXIT_OK;
    }
    if (!listed.length) {
      context.output.info(`No activities for ${name}${types.length || from || to ? " with these filters" : ""}.`);
      return EXIT_OK;
    }
    context.output.result(
      formatTable(
        ["#", "date", "type", "name", "duration", "distance", "file"],
        listed.map((row) => [
          String(row.index),
          row.localDate,
          row.type,
          row.name ?? "",
          formatDuration(row.durationS),
          formatDistance(row.distanceM, user.unitSystem),
          row.hasFile ? "yes" : "-",
        ]),
        new Set([0, 4, 5]),
      ),
    );
    return EXIT_OK;
  },
};
