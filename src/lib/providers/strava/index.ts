import { AppError } from "@/lib/errors";
import { readJson } from "../http";
import type { ProviderDefinition } from "../types";
import { stravaCopyOrigin } from "./copy-origin";
import { stravaOAuth } from "./oauth";
import { stravaAthleteSchema } from "./schemas";
import { stravaSync } from "./sync";
import { stravaUploads } from "./uploads";
import { stravaWebhook } from "./webhook";

export const strava: ProviderDefinition = {
  slug: "strava",
  name: "Strava",
  description: "Runs, rides, swims and every other activity you record or upload to Strava.",
  brandColor: "#fc4c02",
  websiteUrl: "https://www.strava.com/settings/apps",
  developerPortalUrl: "https://www.strava.com/settings/api",
  dataTypes: ["activities"],
  activityUrl: (externalId) =>
    /^\d+$/.test(externalId) ? `https://www.strava.com/activities/${externalId}` : undefined,
  copyOrigin: stravaCopyOrigin,
  oauth: stravaOAuth,
  // Strava's API agreement: data obtained through the API is deleted when the athlete disconnects.
  mustDeleteDataOnDisconnect: true,
  // Strava's API Agreement (updated November 2024) forbids using data obtained through its API
  // in AI models or similar applications.
  aiUseRestriction:
    "Strava's API terms (since November 2024) forbid using data from its API in AI models, so Strava activities are withheld from AI tools unless you choose to share them.",

  async fetchIdentity(context, tokens) {
    const response = await context.fetch("https://www.strava.com/api/v3/athlete", { accessToken: tokens.accessToken });
    if (!response.ok) throw new AppError("PROVIDER_UNAVAILABLE", `Strava /athlete answered HTTP ${response.status}.`);
    const athlete = stravaAthleteSchema.parse(await readJson(response, "Strava /athlete"));
    const displayName =
      [athlete.firstname, athlete.lastname].filter(Boolean).join(" ") || athlete.username || undefined;
    return { externalUserId: String(athlete.id), displayName };
  },

  async revoke(context, tokens) {
    const response = await context.fetch("https://www.strava.com/oauth/deauthorize", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ access_token: tokens.accessToken }),
    });
    // 401: already revoked on strava.com, which is what we wanted.
    if (!response.ok && response.status !== 401)
      throw new AppError("PROVIDER_UNAVAILABLE", `Strava deauthorize answered HTTP ${response.status}.`);
  },

  sync: stravaSync,
  webhook: stravaWebhook,
  uploads: stravaUploads,
};
