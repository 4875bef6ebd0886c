import { AppError } from "@/lib/errors";
import type { SyncContext } from "@/lib/sync/types";

export const POLAR_API = "https://www.polaraccesslink.com/v3";

/** A data endpoint's JSON, or null for Polar's "nothing there" (204 with an empty body). */
export async function getPolarJson(context: SyncContext, url: string, what: string): Promise<unknown> {
  const response = await context.fetch(url);
  if (response.status === 204) {
    await response.body?.cancel();
    return null;
  }
  // Also what an unregistered user gets; registration happens on connect.
  if (response.status === 403) {
    await response.body?.cancel();
    throw new AppError(
      "FORBIDDEN",
      "Polar refused the data: accept all mandatory consents in Polar Flow, then sync again.",
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new AppError("PROVIDER_UNAVAILABLE", `Polar ${what} answered HTTP ${response.status}.`);
  }
  return response.json();
}
