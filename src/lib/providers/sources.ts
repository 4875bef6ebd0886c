import { AppError } from "@/lib/errors";
import { findCredentialProvider } from "./credential-index";
import type { CredentialProviderDefinition } from "./credential-types";
import { findProvider } from "./index";
import type { SourceDefinition } from "./source-types";
import type { ProviderHistory } from "./history-types";

export type { SourceDefinition } from "./source-types";

export const isCredentialSource = (source: SourceDefinition): source is CredentialProviderDefinition =>
  "kind" in source && source.kind === "credentials";

/** The definition a connection's provider slug names, in either registry. */
export function findSource(slug: string): SourceDefinition | undefined {
  return findProvider(slug) ?? findCredentialProvider(slug);
}

export function getSourceOrThrow(slug: string): SourceDefinition {
  const source = findSource(slug);
  if (!source) throw new AppError("NOT_FOUND", `Unknown provider "${slug}".`);
  return source;
}

/** The per-connection history choice, which only official providers offer (Garmin's backfill). */
export const historyOf = (source: SourceDefinition): ProviderHistory | undefined =>
  isCredentialSource(source) ? undefined : source.history;
