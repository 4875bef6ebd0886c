import type { z } from "zod";
import type { Page } from "./schemas";

// One table out as CSV or JSON, page by page: the next page is read only when the client has
// taken the last one (the stream's pull), so an export of years of samples never sits in
// memory and a client that stops reading stops the queries.

export const EXPORT_PAGE_SIZE = 1000;

type Row = Record<string, unknown>;
export type ReadPage = (cursor: string | undefined) => Promise<Page<Row>>;

// A cell a spreadsheet would run as a formula (=, +, -, @ at the start) is quoted with a
// leading apostrophe: names come from providers and phones, not from us.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV header line of these columns. */
export const csvHeader = (columns: readonly string[]) => `${columns.join(",")}\n`;

/** One row as a CSV line, its cells in the order of `columns`. */
export const csvLine = (columns: readonly string[], row: Row) =>
  `${columns.map((column) => csvCell(row[column])).join(",")}\n`;

export function streamTable(params: {
  format: "csv" | "json";
  columns: readonly string[];
  readPage: ReadPage;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let isFirstPage = true;
  let isFirstRow = true;
  return new ReadableStream({
    async pull(controller) {
      const page = await params.readPage(cursor);
      let chunk = "";
      if (isFirstPage) chunk += params.format === "csv" ? csvHeader(params.columns) : "[";
      for (const row of page.data) {
        if (params.format === "csv") chunk += csvLine(params.columns, row);
        else chunk += `${isFirstRow ? "" : ","}\n${JSON.stringify(row)}`;
        isFirstRow = false;
      }
      isFirstPage = false;
      cursor = page.nextCursor ?? undefined;
      if (!page.nextCursor && params.format === "json") chunk += "\n]\n";
      if (chunk) controller.enqueue(encoder.encode(chunk));
      if (!page.nextCursor) controller.close();
    },
  });
}

/** The columns of a table's rows, in the order its schema names them. */
export const columnsOf = (rowSchema: z.ZodObject) => Object.keys(rowSchema.shape);
