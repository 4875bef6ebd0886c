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
  private rootKind: ContainerKind | null = null;
  private rootScalar: unknown;
  private readonly rest: Record<string, unknown> = {};
  private readonly restItems: unknown[] = [];
  private isHae = false;

  constructor(options: HaeParseOptions = {}) {
    this.hae = new HaeExportReader(options);
  }

  /** Whether the body is being read as Health Auto Export (known once its `data` opens). */
  get isHealthAutoExport(): boolean {
    return this.isHae;
  }

  open(path: readonly PathSegment[], kind: ContainerKind): void {
    if (path.length === 0) this.rootKind = kind;
    else if (path.length === 1 && path[0] === "data" && this.rootKind === "object") this.isHae = true;
  }

  select(parent: readonly PathSegment[], key: PathSegment, kind: ContainerKind): SplitAction {
    if (parent.length === 0) return key === "data" && kind === "object" && this.rootKind === "object" ? "descend" : "emit";
    return this.hae.select(parent, key, kind);
  }

  value(parent: readonly PathSegment[], key: PathSegment, value: unknown): void {
    if (parent.length > 0) return this.hae.value(parent, key, value);
    if (this.rootKind === null) this.rootScalar = value;
    else if (this.rootKind === "array") this.restItems.push(value);
    else this.rest[key as string] = value;
  }

  close(path: readonly PathSegment[]): void {
    if (path.length > 0) this.hae.close(path);
  }

  finish(): ReadBody {
    // `data` that is there but not an object still means HAE: its schema names the field.
    if (this.isHae || (this.rootKind === "object" && "data" in this.rest)) {
      if (!this.isHae) haeBodySchema.parse({ data: this.rest.data });
      return { format: "health-auto-export", provider: "apple_health", ...this.hae.finish() };
    }
    const body = this.rootKind === "object" ? this.rest : this.rootKind === "array" ? this.restItems : this.rootScalar;
    return { format: "health-connect", provider: "health_connect", ...parseHealthConnect(body) };
  }
}
