import { TokenGrantError } from "@/lib/oauth/token-errors";
import type { TokenSet } from "../base-types";
import { CredentialLoginError } from "../credential-errors";
import type { CredentialAuth, CredentialContext, CredentialIdentity, LoginStep } from "../credential-types";
import { fetchSocialProfile } from "./identity";
import { exchangeForOAuth2, oauth1Of, ticketToTokens, toTokenSet, type GarthTokens } from "./oauth-exchange";
import type { GarminRegion } from "./regions";
import { mfaPendingSchema, signIn, verifyMfaCode } from "./sso";
import { garthFilesRegion, GARTH_TOKEN_FILES, readGarthFiles } from "./token-files";

// Garmin refreshes ~15 minutes ahead, as python-garminconnect does with its tokens.
const REFRESH_MARGIN_MINUTES = 15;

/** Tokens plus who they belong to. Connect paths name the person by displayName: kept with the tokens. */
async function linked(
  context: CredentialContext,
  region: GarminRegion,
  garth: GarthTokens,
): Promise<LoginStep & { kind: "linked" }> {
  const bare = toTokenSet(garth, {});
  const profile = await fetchSocialProfile(context, region, bare.accessToken);
  if (!profile)
    throw new CredentialLoginError(
      "rejected_tokens",
      "Garmin issued tokens that its API does not accept (Token is not active).",
    );
  const identity: CredentialIdentity = {
    externalUserId: String(profile.profileId),
    displayName: profile.fullName || profile.displayName,
  };
  return { kind: "linked", tokens: toTokenSet(garth, { displayName: profile.displayName }), identity };
}

export function garminConnectAuth(region: GarminRegion): CredentialAuth {
  return {
    refreshMarginMinutes: REFRESH_MARGIN_MINUTES,
    tokenFiles: GARTH_TOKEN_FILES,
    tokenFileHint:
      "Sign in on your own computer with garth (garth login, or python-garminconnect before 0.3) and upload the two files it saved in ~/.garth.",
    tokenFileRegion: garthFilesRegion,

    async login(context, login) {
      const result = await signIn(context, region, login);
      if (result.kind === "mfa_required")
        return { kind: "mfa_required", method: result.method, pending: result.pending };
      return linked(context, region, await ticketToTokens(context, region, result.ticket));
    },

    async completeMfa(context, pending, code) {
      const ticket = await verifyMfaCode(context, region, mfaPendingSchema.parse(pending), code);
      return linked(context, region, await ticketToTokens(context, region, ticket));
    },

    async importTokens(context, files) {
      const garth = readGarthFiles(files);
      const isExpired = garth.oauth2.expires_at !== undefined && garth.oauth2.expires_at * 1000 <= Date.now();
      try {
        // An OAuth 2.0 pair past its day is renewed with the OAuth 1.0a token, as garth would.
        const current = isExpired
          ? { ...garth, oauth2: await exchangeForOAuth2(context, region, garth.oauth1, { isLogin: false }) }
          : garth;
        return await linked(context, region, current);
      } catch (error) {
        if (error instanceof TokenGrantError)
          throw new CredentialLoginError(
            "rejected_tokens",
            `Garmin did not accept these token files: ${error.message}`,
          );
        throw error;
      }
    },

    async refresh(context, tokens: TokenSet) {
      const oauth1 = oauth1Of(tokens);
      if (!oauth1) throw new TokenGrantError("invalid_grant", "These Garmin tokens cannot be renewed; sign in again.");
      const oauth2 = await exchangeForOAuth2(context, region, oauth1, { isLogin: false });
      // The displayName and the OAuth 1.0a token carry over; only the OAuth 2.0 pair is new.
      return toTokenSet({ oauth1, oauth2 }, { displayName: tokens.extra?.displayName ?? "" });
    },
  };
}
