import { HaeExportReader, type HaeParseOptions } from "./health-auto-export/export-reader";
import { haeBodySchema } from "./health-auto-export/schemas";
import { parseHealthConnect } from "./health-connect/parse";
import type { ContainerKind, PathSegment, SplitAction, SplitHandler } from "./json-stream/json-splitter";
import type { PushSourceSlug } from "./push-sources";
import type { IngestFormat, ParsedIngest } from "./types";

export interface ReadBody extends ParsedIngest {
  format: IngestFormat;
  provider: PushSourceSlug;
}

/**
 * Tells the two apps apart at the body's root while it streams. Health Auto Export wraps its
 * export in `data`, which is read point by point; any other body is HC Webhook, whose root
 * values are kept whole (the app sends small batches) and parsed at the end.
 */
export class PushBodyReader implements SplitHandler {
  readonly hae: HaeExportReader;
  /** The body's root as HC Webhook would read it: an object or array filled as it streams, or a scalar. */
  private root: unknown;
  private isHae = false;

  constructor(options: HaeParseOptions = {}) {
    this.hae = new HaeExportReader(options);
  }

  open(path: readonly PathSegment[], kind: ContainerKind): void {
    if (path.length === 0) this.root = kind === "array" ? [] : {};
    else if (path.length === 1 && path[0] === "data" && this.isRootObject()) this.isHae = true;
  }

  select(parent: readonly PathSegment[], key: PathSegment, kind: ContainerKind): SplitAction {
    if (parent.length === 0) return key === "data" && kind === "object" && this.isRootObject() ? "descend" : "emit";
    return this.hae.select(parent, key, kind);
  }

  value(parent: readonly PathSegment[], key: PathSegment, value: unknown): void {
    if (parent.length > 0) return this.hae.value(parent, key, value);
    if (Array.isArray(this.root)) this.root.push(value);
    else if (this.isRootObject()) (this.root as Record<string, unknown>)[key as string] = value;
    else this.root = value;
  }

  close(path: readonly PathSegment[]): void {
    if (path.length > 0) this.hae.close(path);
  }

  finish(): ReadBody {
    // `data` that is there but not an object still means HAE: its schema names the field.
    if (this.isHae || (this.isRootObject() && "data" in (this.root as object))) {
      if (!this.isHae) haeBodySchema.parse({ data: (this.root as { data: unknown }).data });
      return { format: "health-auto-export", provider: "apple_health", ...this.hae.finish() };
    }
    return { format: "health-connect", provider: "health_connect", ...parseHealthConnect(this.root) };
  }

  private isRootObject(): boolean {
    return typeof this.root === "object" && this.root !== null && !Array.isArray(this.root);
  }
}
