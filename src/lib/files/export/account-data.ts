import { ACCOUNT_TABLES, type AccountTable, type AccountTableContext } from "@/lib/api-v1/account-tables";
import { csvHeader, csvLine } from "@/lib/api-v1/export-stream";
import { accountReadme } from "./account-readme";
import type { Spool } from "./spool";

/** One table's CSV, spooled: its place in the zip and what the zip must know before streaming it. */
export interface PlannedDataFile {
  path: string;
  sizeBytes: number;
  sha256: string;
  spooledAt: string;
}

export interface PlannedAccountData {
  readme: Buffer;
  files: PlannedDataFile[];
}

async function* csvOf(table: AccountTable, context: AccountTableContext): AsyncGenerator<string> {
  yield csvHeader(table.columns);
  for await (const rows of table.pages(context)) {
    let chunk = "";
    for (const row of rows) chunk += csvLine(table.columns, row);
    yield chunk;
  }
}

/**
 * The person's tables for the range, each written to the spool as CSV before the zip's first
 * byte: a table can be years of samples, so it never waits in memory, and once written its size
 * and hash are known, which lets the zip state its length and answer a Range like any file's.
 */
export async function planAccountData(spool: Spool, context: AccountTableContext): Promise<PlannedAccountData> {
  const files: PlannedDataFile[] = [];
  for (const table of ACCOUNT_TABLES) {
    const spooled = await spool.writeText(csvOf(table, context));
    files.push({
      path: `data/${table.name}.csv`,
      sizeBytes: spooled.sizeBytes,
      sha256: spooled.sha256,
      spooledAt: spooled.path,
    });
  }
  const readme = accountReadme({
    tables: ACCOUNT_TABLES,
    from: context.from,
    to: context.to,
    timeZone: context.timeZone,
  });
  return { readme: Buffer.from(readme, "utf8"), files };
}
