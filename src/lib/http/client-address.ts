import { getEnv } from "@/env";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** What throttles share when we cannot tell clients apart (see clientAddress). */
export const UNKNOWN_CLIENT = "unknown";

/**
 * The address a request came from, for per-client throttling. Next's route handlers never see
 * the socket, and X-Forwarded-For is whatever the client wrote unless our own proxy replaced it,
 * so it counts only when the operator says a proxy sits in front (QT_TRUST_PROXY=1). That
 * proxy appends the address it saw, so the last entry is the one nobody could forge.
 */
export function clientAddress(headers: HeaderSource): string {
  if (!getEnv().QT_TRUST_PROXY) return UNKNOWN_CLIENT;
  const forwarded = readHeader(headers, "x-forwarded-for")
    ?.split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  return forwarded?.at(-1) ?? readHeader(headers, "x-real-ip")?.trim() ?? UNKNOWN_CLIENT;
}
