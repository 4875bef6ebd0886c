import { expect } from "vitest";
import { startConnection } from "@/lib/connections/connect";
import type { Database } from "@/lib/db/client";

export const APP_ORIGIN = "http://qt.test";

/**
 * Plays the person's part of an OAuth connection over real HTTP: start, open the provider's
 * consent page, press Approve (or Deny), and return the query the provider redirects back with.
 */
export async function authorizeAtProvider(
  db: Database,
  params: {
    userId: string;
    provider: string;
    decision?: "approve" | "deny";
    account?: string;
    grantedScope?: string;
    label?: string;
  },
): Promise<URLSearchParams> {
  const { redirectUrl } = await startConnection(db, {
    userId: params.userId,
    provider: params.provider,
    label: params.label,
    origin: APP_ORIGIN,
  });
  const consent = await fetch(redirectUrl);
  expect(consent.status, await consent.clone().text()).toBe(200);
  expect(await consent.text()).toContain("Approve");

  const form = new URLSearchParams({ decision: params.decision ?? "approve", account: params.account ?? "athlete" });
  if (params.grantedScope !== undefined) form.set("granted_scope", params.grantedScope);
  const decided = await fetch(redirectUrl, { method: "POST", body: form, redirect: "manual" });
  expect(decided.status).toBe(302);
  const location = new URL(decided.headers.get("location")!);
  expect(`${location.origin}${location.pathname}`).toBe(`${APP_ORIGIN}/api/oauth/callback`);
  return location.searchParams;
}
