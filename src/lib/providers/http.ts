import { AppError } from "@/lib/errors";
import type { ProviderFetch, ProviderSlug } from "./types";

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * fetch for provider APIs: rewrites the real URL (routing.ts), adds the Bearer token, and
 * turns network failures into PROVIDER_UNAVAILABLE. Status codes are left to the caller,
 * which knows what a 401 or 409 means for that provider.
 */
export function createProviderFetch(
  slug: ProviderSlug,
  rewrite: (realUrl: string) => string,
  /** Where the access token goes, for a provider that does not take it as Bearer (COROS Training Hub). */
  authorizationHeader: (accessToken: string) => [string, string] = (token) => ["authorization", `Bearer ${token}`],
): ProviderFetch {
  return async (realUrl, init = {}) => {
    const { accessToken, headers, ...rest } = init;
    const merged = new Headers(headers);
    if (accessToken) merged.set(...authorizationHeader(accessToken));
    if (!merged.has("accept")) merged.set("accept", "application/json");
    try {
      return await fetch(rewrite(realUrl), {
        ...rest,
        headers: merged,
        redirect: "manual",
        signal: rest.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new AppError("PROVIDER_UNAVAILABLE", `${slug} could not be reached (${(error as Error).message}).`, {
        provider: slug,
      });
    }
  };
}

/** Reads a JSON body or explains, with the status, why it is not one. */
export async function readJson(response: Response, what: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(
      "PROVIDER_UNAVAILABLE",
      `${what} answered HTTP ${response.status} with a body that is not JSON.`,
    );
  }
}

/** How one provider's non-2xx answers read: its name for messages and what it means by a refusal. */
export interface ProviderReplies {
  /** As messages name it: "WHOOP", "Google Health". */
  name: string;
  /** The error for an answer that is a refusal rather than an outage (a 403 for a scope), if this one is. */
  refusal?(status: number, body: unknown, what: string): Error | undefined;
  /** Words from the provider's error body for the outage message, e.g. " (PERMISSION_DENIED: …)". */
  reason?(body: unknown): string;
}

/**
 * The body of a 2xx answer from a provider's API. Otherwise the provider's refusal (its own
 * error) or PROVIDER_UNAVAILABLE with the status, which the job retries.
 */
export async function readProviderJson(response: Response, what: string, replies: ProviderReplies): Promise<unknown> {
  if (response.ok) return response.json();
  const body: unknown = await response.json().catch(() => null);
  const refusal = replies.refusal?.(response.status, body, what);
  if (refusal) throw refusal;
  throw new AppError(
    "PROVIDER_UNAVAILABLE",
    `${replies.name} ${what} answered HTTP ${response.status}${replies.reason?.(body) ?? ""}.`,
  );
}
