import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { findAccountActivity, listAccountActivities } from "@/lib/db/queries/account-activities";
import { findActivityForUser } from "@/lib/db/queries/activity-detail";
import { getFileStore } from "@/lib/files";
import { respondWithActivityFile } from "@/lib/files/download/activity-file-response";
import { CONTENT_TYPES } from "@/lib/files/download/file-meta";
import { activityLocalDate, exportPath } from "@/lib/files/export-layout";
import { localDate } from "@/lib/time-zone";
import { findConfigAccount, resolveLinkedAccount } from "../accounts";
import { readListIndex } from "../cache";
import { stringOption, type Command } from "../command";
import { CommandFailed, EXIT_OK, UsageError } from "../errors";
import { parsePositiveInteger } from "../parse";

export const downloadCommand: Command = {
  name: "download",
  summary: "write an activity's file: the newest original kept, else a generated FIT",
  help: `qt download --account NAME (--index N | --id ID) [--output-dir DIR] [--json]

  --index N        the N-th row of the last \`qt list\` for this account (without one: the N-th newest)
  --id ID          our activity id, or the provider's id for it
  --output-dir     where to write (default: the current directory), as <type>-<yyyy-mm-dd>-<name>.<ext>`,
  options: {
    account: { type: "string" },
    index: { type: "string" },
    id: { type: "string" },
    "output-dir": { type: "string" },
  },
  async run(context) {
    const name = stringOption(context.values, "account");
    if (!name) throw new UsageError("download needs --account NAME.");
    const index = parsePositiveInteger("index", stringOption(context.values, "index"), 100_000);
    const id = stringOption(context.values, "id");
    if ((index === undefined) === (id === undefined))
      throw new UsageError("download needs one of --index N or --id ID.");
    const outputDir = path.resolve(context.cwd, stringOption(context.values, "output-dir") ?? ".");

    const account = findConfigAccount(context.config, name);
    const db = await context.db();
    const { user, connection } = await resolveLinkedAccount(db, account);
    let activityId: string | undefined;
    if (id !== undefined) {
      activityId = (await findAccountActivity(db, { userId: user.id, connectionId: connection.id, id }))?.id;
      if (!activityId) throw new CommandFailed(`${name} has no activity ${id}.`);
    } else {
      const listed = await readListIndex(context.cacheDir, name);
      const ids =
        listed?.connectionId === connection.id
          ? listed.activityIds
          : (
              await listAccountActivities(db, {
                userId: user.id,
                connectionId: connection.id,
                filters: {},
                timeZone: user.timeZone,
                limit: index!,
              })
            ).map((row) => row.id);
      activityId = ids[index! - 1];
      if (!activityId)
        throw new CommandFailed(
          `There is no activity number ${index} (${ids.length} listed); run \`qt list --account ${name}\`.`,
        );
    }
    const activity = await findActivityForUser(db, { userId: user.id, activityId });
    if (!activity) throw new CommandFailed(`${name} has no activity ${activityId} any more.`);

    // The download route's own choice: the newest original kept, else a FIT built from what is stored.
    const response = await respondWithActivityFile(db, getFileStore(), {
      user,
      activityId,
      query: {},
      request: new Request("http://qt.cli/file"),
    });
    if (!response.ok || !response.body) throw new CommandFailed(`The file could not be read (${response.status}).`);
    const isGenerated = response.headers.get("x-qt-generated") === "1";
    const extension = formatOf(response.headers.get("content-type"));
    const date = activityLocalDate(activity.startAt, activity.utcOffsetSeconds, (at) => localDate(at, user.timeZone));
    const fileName = exportPath(
      { type: activity.type, localDate: date, name: activity.name, extension, isGenerated },
      new Set(),
    ).replace("/", "-");

    await fs.mkdir(outputDir, { recursive: true });
    const target = path.join(outputDir, fileName);
    // Written aside and renamed, so a cron run cut off half-way never leaves half a file under the real name.
    const partial = `${target}.${randomBytes(4).toString("hex")}.part`;
    try {
      await pipeline(Readable.fromWeb(response.body as never), createWriteStream(partial));
      await fs.rename(partial, target);
    } catch (error) {
      await fs.rm(partial, { force: true });
      throw error;
    }
    const sizeBytes = (await fs.stat(target)).size;
    if (context.isJson)
      context.output.json({ account: name, activityId, path: target, sizeBytes, generated: isGenerated });
    else context.output.result(target);
    context.output.verbose(`${sizeBytes} bytes${isGenerated ? ", generated (no original kept)" : ", the original"}.`);
    return EXIT_OK;
  },
};

/** The served file's format, read back from the media type the route gave it. */
function formatOf(contentType: string | null): string {
  return Object.entries(CONTENT_TYPES).find(([, type]) => type === contentType)?.[0] ?? "fit";
}
