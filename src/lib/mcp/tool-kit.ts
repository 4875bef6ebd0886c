import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Page } from "@/lib/api-v1/schemas";
import type { Database } from "@/lib/db/client";
import { countRowsFromSources } from "@/lib/db/queries/ai-sharing";
import type { FileStore } from "@/lib/files/store";
import type { AiSharing } from "./ai-sharing";

// What every MCP tool is made of: who is asking (one person, their time zone and sharing
// choices), a strict zod input (an unknown or malformed argument is a tool error naming it),
// and a bounded answer as compact JSON, once as text and once as structured content.

export interface McpToolContext {
  db: Database;
  store: FileStore;
  userId: string;
  timeZone: string;
  sharing: AiSharing;
  now: Date;
}

export interface McpTool<Input extends z.ZodType<object> = z.ZodType<object>> {
  name: string;
  title: string;
  description: string;
  input: Input;
  run(context: McpToolContext, input: z.output<Input>): Promise<Record<string, unknown>>;
}

/** Typed in one place so each tool file is checked against its own schema. */
export const defineTool = <Input extends z.ZodType<object>>(tool: McpTool<Input>): McpTool<Input> => tool;

/** Items per call: enough for an overview, small enough for a model's context. */
export const MAX_ITEMS = 100;

export const itemLimit = z
  .number({ message: "must be a number" })
  .int({ message: "must be a whole number" })
  .min(1, { message: "must be at least 1" })
  .max(MAX_ITEMS, { message: `must be at most ${MAX_ITEMS}` })
  .default(50)
  .describe(`Items per call, 1 to ${MAX_ITEMS}; pass nextCursor back as cursor for more.`);

export function toolResult(payload: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(payload) }], structuredContent: payload };
}

export interface WithheldNote {
  source: string;
  count: number;
  reason: string;
}

/** The sources kept out of an answer and how many of their items, said once per answer (omitted when none). */
export function withheldNotes(sharing: AiSharing, counts: ReadonlyMap<string, number>): { withheld?: WithheldNote[] } {
  const notes = [...counts]
    .filter(([source, count]) => count > 0 && sharing.withheld.has(source))
    .map(([source, count]) => ({ source, count, reason: sharing.withheld.get(source)! }));
  return notes.length > 0 ? { withheld: notes } : {};
}

/** The withheld providers, for a read's `excludedSources`. */
export const withheldSources = (sharing: AiSharing): string[] => [...sharing.withheld.keys()];

/** A row without the fields too large for a listing (a route's polyline, a night's stage timeline). */
export const withoutFields = (row: object, fields: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(row).filter(([name]) => !fields.includes(name)));

/**
 * One page of a listing as a tool's answer: the page's rows under `key` (read without the
 * withheld sources), nextCursor, and what the person's sharing choices kept out. The withheld
 * rows are counted in `withheldFrom` under the listing's own filters (only the source asked
 * for, when one is), and said once, on the first page: later pages continue the same listing.
 */
export async function pageWithWithheld<Row>(
  context: McpToolContext,
  input: { cursor?: unknown; source?: string },
  listing: {
    key: string;
    read: (excludedSources: string[]) => Promise<Page<Row>>;
    present?: (row: Row) => unknown;
    withheldFrom: { table: PgTable & { userId: AnyPgColumn; provider: AnyPgColumn }; where: Array<SQL | undefined> };
  },
): Promise<Record<string, unknown>> {
  const excluded = withheldSources(context.sharing);
  const page = await listing.read(excluded);
  const { table, where } = listing.withheldFrom;
  const withheld = input.cursor
    ? new Map<string, number>()
    : await countRowsFromSources(context.db, {
        table,
        userId: table.userId,
        provider: table.provider,
        person: context.userId,
        providers: input.source ? excluded.filter((source) => source === input.source) : excluded,
        where,
      });
  return {
    [listing.key]: listing.present ? page.data.map(listing.present) : page.data,
    nextCursor: page.nextCursor,
    ...withheldNotes(context.sharing, withheld),
  };
}
