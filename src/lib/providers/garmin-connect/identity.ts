import { AppError } from "@/lib/errors";
import type { CredentialContext } from "../credential-types";
import { readJson } from "../http";
import { CONNECT_API_HEADERS, connectApiUrl } from "./connect-api";
import type { GarminRegion } from "./regions";
import { socialProfileSchema, type GarminSocialProfile } from "./schemas";

/**
 * The person behind a Connect token, or undefined when the API refuses the token: some accounts
 * get tokens from the auth host that connectapi rejects ("Token is not active",
 * python-garminconnect #369), so every sign-in is checked with this one call.
 */
export async function fetchSocialProfile(
  context: CredentialContext,
  region: GarminRegion,
  accessToken: string,
): Promise<GarminSocialProfile | undefined> {
  const response = await context.fetch(connectApiUrl(region, "/userprofile-service/socialProfile"), {
    headers: CONNECT_API_HEADERS,
    accessToken,
  });
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok) throw new AppError("PROVIDER_UNAVAILABLE", `Garmin's profile answered HTTP ${response.status}.`);
  return socialProfileSchema.parse(await readJson(response, "Garmin's profile"));
}
