export type PathSegment = string | number;

/**
 * How deep a body may nest. Our formats need fewer than ten levels; a deeper value would only
 * make the recursive code after JSON.parse (zod, JSON.stringify of meta) run out of stack.
 */
export const MAX_JSON_DEPTH = 64;

/** Valid JSON nested deeper than MAX_JSON_DEPTH; `path` is the value that holds the nesting. */
export class JsonTooDeepError extends Error {
  constructor(
    readonly path: string,
    readonly position: number,
  ) {
    super(`${path} is nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

/** "data.metrics[0].data[17]", the way rejections name places. */
export function formatJsonPath(segments: readonly PathSegment[]): string {
  let out = "";
  for (const segment of segments)
    out += typeof segment === "number" ? `[${segment}]` : out === "" ? segment : `.${segment}`;
  return out || "(body)";
}
