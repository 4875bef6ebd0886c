import { ConnectionError } from "@/lib/connections/connection-error";
import { AppError } from "@/lib/errors";
import { readJson } from "../http";
import type { ProviderDefinition, TokenSet } from "../types";
import { polarFiles } from "./files";
import { polarOAuth } from "./oauth";
import { polarErrorSchema, polarUserSchema } from "./schemas";
import { polarSync } from "./sync";
import { polarWebhook } from "./webhook";
import { polarSubscriptions } from "./webhook-registration";

const API = "https://www.polaraccesslink.com/v3";

function polarUserId(tokens: TokenSet): string {
  // Polar's token reply always names the user; without it nothing can be registered.
  if (!tokens.externalUserId)
    throw new AppError("PROVIDER_UNAVAILABLE", "Polar's token reply named no user (x_user_id).");
  return tokens.externalUserId;
}

/**
 * Polar's "member-id" is our id for the person, unique per client. Deriving it from the
 * Polar id keeps it stable across reconnects, so a 409 can only mean "this very user is
 * registered already", never "another person holds that member-id".
 */
const memberIdFor = (polarId: string) => `qt-polar-${polarId}`;

async function describeFailure(response: Response): Promise<string> {
  const parsed = polarErrorSchema.safeParse(await readJson(response, "Polar").catch(() => null));
  const message = parsed.success ? parsed.data.message : undefined;
  return message ? `HTTP ${response.status}: ${message}` : `HTTP ${response.status}`;
}

export const polar: ProviderDefinition = {
  slug: "polar",
  name: "Polar",
  description:
    "Training sessions, sleep, Nightly Recharge, daily activity and heart rate from your Polar watch via Polar Flow.",
  brandColor: "#d10027",
  websiteUrl: "https://flow.polar.com",
  developerPortalUrl: "https://admin.polaraccesslink.com/",
  dataTypes: ["activities", "sleep", "daily", "steps", "heart_rate", "hrv", "recovery", "strain", "weight"],
  oauth: polarOAuth,

  async fetchIdentity(context, tokens) {
    const externalUserId = polarUserId(tokens);
    // Runs before registration (afterConnect), when Polar refuses this with 403: on a first
    // connect the name is simply unknown; a reconnect, already registered, learns it.
    const response = await context.fetch(`${API}/users/${externalUserId}`, { accessToken: tokens.accessToken });
    if (response.status !== 200) return { externalUserId };
    const user = polarUserSchema.safeParse(await readJson(response, "Polar /v3/users").catch(() => null));
    if (!user.success) return { externalUserId };
    const displayName = [user.data["first-name"], user.data["last-name"]].filter(Boolean).join(" ") || undefined;
    return { externalUserId, displayName };
  },

  async afterConnect(context, tokens, identity) {
    // Mandatory: until the user is registered with our client, AccessLink gives no data,
    // and data uploaded before registration never becomes available.
    const response = await context.fetch(`${API}/users`, {
      method: "POST",
      accessToken: tokens.accessToken,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ "member-id": memberIdFor(identity.externalUserId) }),
    });
    // 409: registered with our client already, i.e. a reconnect.
    if (response.status === 409) return;
    if (response.status === 403) {
      throw new ConnectionError(
        "provider_error",
        polar,
        "accept all mandatory consents in Polar Flow, then connect again",
      );
    }
    // 204 is Polar's "user not found", not a success.
    if (response.status !== 200 && response.status !== 201) {
      throw new ConnectionError(
        "provider_error",
        polar,
        `registering with Polar AccessLink failed (${await describeFailure(response)})`,
      );
    }
    const user = polarUserSchema.parse(await readJson(response, "Polar registration"));
    if (String(user["polar-user-id"]) !== identity.externalUserId) {
      throw new ConnectionError("provider_error", polar, "Polar registered a different user than the token names");
    }
  },

  async revoke(context, tokens, identity) {
    // De-registers the user from our client; Polar revokes the access token with it.
    const response = await context.fetch(`${API}/users/${identity.externalUserId}`, {
      method: "DELETE",
      accessToken: tokens.accessToken,
    });
    // 401: the token is dead already (access removed in Polar Flow); 404: not registered.
    if (response.ok || response.status === 401 || response.status === 404) return;
    throw new AppError("PROVIDER_UNAVAILABLE", `Polar de-registration answered ${await describeFailure(response)}.`);
  },

  sync: polarSync,
  files: polarFiles,
  webhook: polarWebhook,
  subscriptions: polarSubscriptions,
};
