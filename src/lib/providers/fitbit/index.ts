import { AppError } from "@/lib/errors";
import { readJson } from "../http";
import type { ProviderContext, ProviderDefinition } from "../types";
import { fitbitFiles } from "./files";
import { fitbitOAuth } from "./oauth";
import {
  googleApiErrorSchema,
  googleHealthIdentitySchema,
  googleRevokeErrorSchema,
  type GoogleHealthIdentity,
} from "./schemas";
import { fitbitSync } from "./sync";
import { fitbitWebhook } from "./webhook";
import { fitbitWeightHistory } from "./weight-history";

const IDENTITY_URL = "https://health.googleapis.com/v4/users/me/identity";
const REVOKE_URL = "https://oauth2.googleapis.com/revoke";

async function describeFailure(response: Response, what: string): Promise<string> {
  const parsed = googleApiErrorSchema.safeParse(await readJson(response, what).catch(() => null));
  const reason = parsed.success
    ? ` (${[parsed.data.error.status, parsed.data.error.message].filter(Boolean).join(": ")})`
    : "";
  return `${what} answered HTTP ${response.status}${reason}.`;
}

/**
 * The full identity, `legacyUserId` included: the old Fitbit user id that links a legacy
 * Fitbit connection to its Google grant (Google allows it for that and nothing else).
 */
export async function fetchGoogleHealthIdentity(
  context: ProviderContext,
  accessToken: string,
): Promise<GoogleHealthIdentity> {
  const response = await context.fetch(IDENTITY_URL, { accessToken });
  if (!response.ok)
    throw new AppError("PROVIDER_UNAVAILABLE", await describeFailure(response, "Google Health /identity"));
  return googleHealthIdentitySchema.parse(await readJson(response, "Google Health /identity"));
}

export const fitbit: ProviderDefinition = {
  slug: "fitbit",
  name: "Fitbit (Google Health)",
  description:
    "Workouts, sleep, heart rate, HRV, steps and weight from your Fitbit or Pixel Watch, through Google Health.",
  brandColor: "#00b0b9",
  // The grant lives in the Google account now, not on fitbit.com.
  websiteUrl: "https://myaccount.google.com/connections",
  developerPortalUrl: "https://console.cloud.google.com/apis/credentials",
  dataTypes: ["activities", "sleep", "daily", "steps", "heart_rate", "hrv", "weight"],
  oauth: fitbitOAuth,

  async fetchIdentity(context, tokens) {
    // healthUserId is the id Google's webhooks name; the endpoint answers with any read scope.
    const identity = await fetchGoogleHealthIdentity(context, tokens.accessToken);
    return { externalUserId: identity.healthUserId };
  },

  async revoke(context, tokens) {
    // Revoking the refresh token ends the whole grant, and unlike the hour-long access token
    // it is still valid when someone disconnects long after the last sync.
    const token = tokens.refreshToken ?? tokens.accessToken;
    const response = await context.fetch(REVOKE_URL, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token }),
    });
    if (response.ok) return;
    const error = googleRevokeErrorSchema.safeParse(await readJson(response, "Google revoke").catch(() => null));
    // invalid_token: already revoked (e.g. from the person's Google account), which is what we wanted.
    if (response.status === 400 && error.success && error.data.error === "invalid_token") return;
    throw new AppError(
      "PROVIDER_UNAVAILABLE",
      `Google revoke answered HTTP ${response.status}${error.success ? ` (${error.data.error})` : ""}.`,
    );
  },

  sync: fitbitSync,
  files: fitbitFiles,
  webhook: fitbitWebhook,
  weightHistory: fitbitWeightHistory,
};
