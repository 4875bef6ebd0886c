import { AppError } from "@/lib/errors";
import { readJson } from "../http";
import type { ProviderDefinition } from "../types";
import { garminFiles } from "./files";
import { garminHistory } from "./history";
import { garminOAuth } from "./oauth";
import { garminOAuth1, garminUserFetch } from "./oauth1";
import { garminUserIdSchema } from "./schemas";
import { garminSync } from "./sync";
import { garminWorkouts } from "./training-calendar";
import { garminWebhook } from "./webhook";

const USER_ID_URL = "https://apis.garmin.com/wellness-api/rest/user/id";
const REGISTRATION_URL = "https://apis.garmin.com/wellness-api/rest/user/registration";

export const garmin: ProviderDefinition = {
  slug: "garmin",
  name: "Garmin",
  description: "Activities, daily summaries, sleep, HRV, stress and body composition from Garmin Connect.",
  brandColor: "#007cc3",
  websiteUrl: "https://connect.garmin.com/",
  developerPortalUrl: "https://developerportal.garmin.com/",
  dataTypes: ["activities", "daily", "sleep", "hrv", "stress", "weight", "heart_rate", "steps"],
  // Only the numeric activityId names a Connect page; a summaryId (the fallback id) does not.
  activityUrl: (externalId) =>
    /^\d+$/.test(externalId) ? `https://connect.garmin.com/modern/activity/${externalId}` : undefined,
  oauth: garminOAuth,
  legacyOAuth1: garminOAuth1,

  async fetchIdentity(context, tokens) {
    // The Health API has no profile endpoint: the user id is all there is to know.
    const response = await garminUserFetch(context, tokens, USER_ID_URL);
    if (!response.ok) throw new AppError("PROVIDER_UNAVAILABLE", `Garmin user/id answered HTTP ${response.status}.`);
    const { userId } = garminUserIdSchema.parse(await readJson(response, "Garmin user/id"));
    return { externalUserId: userId };
  },

  async revoke(context, tokens) {
    // Deregistration removes the app from the person's Garmin account; Garmin requires
    // partners to call it on disconnect. It answers 204.
    const response = await garminUserFetch(context, tokens, REGISTRATION_URL, "DELETE");
    // 401: the person already removed the app at Garmin, which is what we wanted.
    if (!response.ok && response.status !== 401)
      throw new AppError("PROVIDER_UNAVAILABLE", `Garmin deregistration answered HTTP ${response.status}.`);
  },

  sync: garminSync,
  files: garminFiles,
  history: garminHistory,
  webhook: garminWebhook,
  workouts: garminWorkouts,
};
