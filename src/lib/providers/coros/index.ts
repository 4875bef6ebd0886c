import { AppError } from "@/lib/errors";
import { readJson } from "../http";
import type { ProviderDefinition } from "../types";
import { corosFiles } from "./files";
import { corosOAuth } from "./oauth";
import { COROS_OK, corosResultSchema } from "./schemas";
import { corosSync } from "./sync";
import { corosWebhook } from "./webhook";

const DEAUTHORIZE_URL = "https://open.coros.com/oauth2/deauthorize";

export const coros: ProviderDefinition = {
  slug: "coros",
  name: "COROS",
  description: "Workouts from your COROS watch, with their FIT files, plus daily steps, resting heart rate and HRV.",
  brandColor: "#111111",
  websiteUrl: "https://t.coros.com",
  dataTypes: ["activities", "daily", "steps", "heart_rate", "hrv"],
  oauth: corosOAuth,

  async fetchIdentity(_context, tokens) {
    // COROS has no documented user-info endpoint: the token reply's openId is the identity,
    // fixed per person and partner client, so it stays the same across reconnects.
    if (!tokens.externalUserId)
      throw new AppError("PROVIDER_UNAVAILABLE", "COROS's token reply named no user (openId).");
    return { externalUserId: tokens.externalUserId };
  },

  async revoke(context, tokens) {
    // Integrations disagree on where the token goes: the reference V2.0.6 as quoted puts it
    // in the query, V2.1.1 in a `token` header, c2c_tracking (in production) in the form body.
    const url = new URL(DEAUTHORIZE_URL);
    url.searchParams.set("token", tokens.accessToken);
    const response = await context.fetch(url.toString(), {
      method: "POST",
      headers: { token: tokens.accessToken, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: tokens.accessToken }),
    });
    if (!response.ok) throw new AppError("PROVIDER_UNAVAILABLE", `COROS deauthorize answered HTTP ${response.status}.`);
    // HTTP 200 is no proof: a refusal arrives as 200 too, with a result code other than 0000.
    const reply = corosResultSchema.safeParse(await readJson(response, "COROS deauthorize"));
    if (!reply.success) throw new AppError("PROVIDER_UNAVAILABLE", "COROS deauthorize answered without a result code.");
    if (reply.data.result !== COROS_OK) {
      throw new AppError(
        "PROVIDER_UNAVAILABLE",
        `COROS deauthorize answered result ${reply.data.result}${reply.data.message ? `: ${reply.data.message}` : ""}`,
      );
    }
  },

  sync: corosSync,
  files: corosFiles,
  webhook: corosWebhook,
};
