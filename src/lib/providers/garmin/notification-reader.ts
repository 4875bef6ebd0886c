import { ZodError, type z } from "zod";
import type { ContainerKind, PathSegment, SplitAction, SplitHandler } from "@/lib/ingest/json-stream/json-splitter";

// A notification is { "<summaryType>": [entry, …], … }; a push of Activity Details or a
// backfill can run to 100 MB. This walks it one entry at a time, so no reader ever holds more
// than one entry of it.

/** A schema failure at `path` inside the body, as a ZodError so it is reported like any other. */
function issueAt(path: PathSegment[], message: string): ZodError {
  return new ZodError([{ code: "custom", path, message, input: undefined }]);
}

/** Checks one entry, naming the failing field by its place in the whole body (e.g. dailies.3.userId). */
export function parseEntry<T extends z.ZodType>(
  schema: T,
  summaryType: string,
  index: number,
  entry: unknown,
): z.infer<T> {
  const parsed = schema.safeParse(entry);
  if (parsed.success) return parsed.data;
  throw new ZodError(parsed.error.issues.map((issue) => ({ ...issue, path: [summaryType, index, ...issue.path] })));
}

/** Hands each entry of each summary type's array to `entry`, parsed on its own. */
export abstract class GarminEntrySplitter implements SplitHandler {
  protected abstract entry(summaryType: string, index: number, entry: unknown): void;

  open(path: readonly PathSegment[], kind: ContainerKind): void {
    if (path.length === 0 && kind !== "object") throw issueAt([], "Expected an object keyed by summary type");
  }

  select(parent: readonly PathSegment[], _key: PathSegment, kind: ContainerKind): SplitAction {
    return parent.length === 0 && kind === "array" ? "descend" : "emit";
  }

  value(parent: readonly PathSegment[], key: PathSegment, value: unknown): void {
    if (parent.length === 0) throw issueAt([key], "Expected an array of summaries");
    this.entry(String(parent[0]), key as number, value);
  }
}
