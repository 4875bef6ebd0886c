import { AppError } from "@/lib/errors";
import { refreshAccessToken } from "@/lib/oauth/oauth2-client";
import { TokenGrantError } from "@/lib/oauth/token-errors";
import { readJson } from "../http";
import type { ProviderContext, ProviderDefinition, TokenSet } from "../types";
import { ouraOAuth } from "./oauth";
import { ouraPersonalInfoSchema } from "./schemas";
import { ouraSync } from "./sync";
import { ouraWebhook } from "./webhook";
import { ouraSubscriptions } from "./webhook-subscriptions";

const EXPIRY_SLACK_MS = 60_000;

/**
 * An access token that Oura's revoke endpoint will still accept. Oura tokens live ~24 h, so a
 * disconnect usually holds an expired one: revoking that answers 401 while the refresh token
 * (and the grant) stays alive, so we spend the refresh token first.
 */
async function liveAccessToken(context: ProviderContext, tokens: TokenSet): Promise<string | undefined> {
  const isExpired = tokens.expiresAt !== undefined && tokens.expiresAt.getTime() - EXPIRY_SLACK_MS <= Date.now();
  if (!isExpired || !tokens.refreshToken) return tokens.accessToken;
  try {
    return (await refreshAccessToken(oura, context, tokens)).accessToken;
  } catch (error) {
    // A refused refresh token means the grant is already dead: nothing left to revoke.
    if (error instanceof TokenGrantError && error.isPermanent) return undefined;
    throw error;
  }
}

export const oura: ProviderDefinition = {
  slug: "oura",
  name: "Oura",
  description: "Sleep, readiness, daily activity, HRV, heart rate and workouts from your Oura Ring.",
  brandColor: "#000000",
  websiteUrl: "https://cloud.ouraring.com/account",
  developerPortalUrl: "https://cloud.ouraring.com/oauth/applications",
  dataTypes: ["sleep", "readiness", "daily", "steps", "hrv", "heart_rate", "activities", "weight"],
  oauth: ouraOAuth,

  async fetchIdentity(context, tokens) {
    // personal_info answers with `id` whatever scopes were granted; it is the webhook `user_id` too.
    const response = await context.fetch("https://api.ouraring.com/v2/usercollection/personal_info", {
      accessToken: tokens.accessToken,
    });
    if (!response.ok)
      throw new AppError("PROVIDER_UNAVAILABLE", `Oura personal_info answered HTTP ${response.status}.`);
    const info = ouraPersonalInfoSchema.parse(await readJson(response, "Oura personal_info"));
    return { externalUserId: info.id, displayName: info.email ?? undefined };
  },

  async revoke(context, tokens) {
    const accessToken = await liveAccessToken(context, tokens);
    if (!accessToken) return;
    // Token in the query string and no client auth, as Oura's integrations call it (not in the OpenAPI spec).
    const query = new URLSearchParams({ access_token: accessToken });
    const response = await context.fetch(`https://api.ouraring.com/oauth/revoke?${query}`, { method: "POST" });
    // 401: revoked already (e.g. from the person's Oura account), which is what we wanted.
    if (!response.ok && response.status !== 401)
      throw new AppError("PROVIDER_UNAVAILABLE", `Oura revoke answered HTTP ${response.status}.`);
  },

  sync: ouraSync,
  webhook: ouraWebhook,
  subscriptions: ouraSubscriptions,
};
