import { AppError } from "@/lib/errors";
import type { ProviderFetch, ProviderSlug } from "./types";

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * fetch for provider APIs: rewrites the real URL (routing.ts), adds the Bearer token, and
 * turns network failures into PROVIDER_UNAVAILABLE. Status codes are left to the caller,
 * which knows what a 401 or 409 means for that provider.
 */
export function createProviderFetch(slug: ProviderSlug, rewrite: (realUrl: string) => string): ProviderFetch {
  return async (realUrl, init = {}) => {
    const { accessToken, headers, ...rest } = init;
    const merged = new Headers(headers);
    if (accessToken) merged.set("authorization", `Bearer ${accessToken}`);
    if (!merged.has("accept")) merged.set("accept", "application/json");
    try {
      return await fetch(rewrite(realUrl), {
        ...rest,
        headers: merged,
        redirect: "manual",
        signal: rest.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new AppError("PROVIDER_UNAVAILABLE", `${slug} could not be reached (${(error as Error).message}).`, { provider: slug });
    }
  };
}

/** Reads a JSON body or explains, with the status, why it is not one. */
export async function readJson(response: Response, what: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("PROVIDER_UNAVAILABLE", `${what} answered HTTP ${response.status} with a body that is not JSON.`);
  }
}
