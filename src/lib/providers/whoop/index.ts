import { AppError } from "@/lib/errors";
import { readJson } from "../http";
import type { ProviderDefinition } from "../types";
import { whoopOAuth } from "./oauth";
import { whoopBasicProfileSchema } from "./schemas";
import { whoopSync } from "./sync";
import { whoopWebhook } from "./webhook";

const API = "https://api.prod.whoop.com/developer";

export const whoop: ProviderDefinition = {
  slug: "whoop",
  name: "WHOOP",
  description: "Recovery, day strain, sleep, HRV, resting heart rate and workouts from your WHOOP strap.",
  brandColor: "#000000",
  websiteUrl: "https://app.whoop.com",
  developerPortalUrl: "https://developer-dashboard.whoop.com/",
  // No steps: WHOOP exposes no step counts. Weight is the current body measurement only.
  dataTypes: ["recovery", "strain", "sleep", "hrv", "heart_rate", "activities", "weight"],
  oauth: whoopOAuth,

  async fetchIdentity(context, tokens) {
    const response = await context.fetch(`${API}/v2/user/profile/basic`, { accessToken: tokens.accessToken });
    if (!response.ok) throw new AppError("PROVIDER_UNAVAILABLE", `WHOOP profile answered HTTP ${response.status}.`);
    const profile = whoopBasicProfileSchema.parse(await readJson(response, "WHOOP profile"));
    const displayName = [profile.first_name, profile.last_name].filter(Boolean).join(" ") || profile.email || undefined;
    return { externalUserId: String(profile.user_id), displayName };
  },

  async revoke(context, tokens) {
    // Revokes the whole grant (refresh token included) and stops that person's webhooks.
    const response = await context.fetch(`${API}/v2/user/access`, {
      method: "DELETE",
      accessToken: tokens.accessToken,
    });
    // 401: the grant is already gone (revoked from the WHOOP app), which is what we wanted.
    if (!response.ok && response.status !== 401)
      throw new AppError("PROVIDER_UNAVAILABLE", `WHOOP revoke answered HTTP ${response.status}.`);
  },

  sync: whoopSync,
  webhook: whoopWebhook,
};
