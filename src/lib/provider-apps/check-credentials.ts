import { randomBytes } from "node:crypto";
import { requireAdmin } from "@/lib/auth/admin";
import { callbackUrl } from "@/lib/connections/connect";
import type { Database } from "@/lib/db";
import type { User } from "@/lib/db/schema";
import { AppError, hasErrorCode } from "@/lib/errors";
import { exchangeAuthorizationCode } from "@/lib/oauth/oauth2-client";
import { TokenGrantError } from "@/lib/oauth/token-errors";
import { getProviderOrThrow } from "@/lib/providers";
import { contextForRoute, resolveProviderRoute, type ProviderRoute } from "@/lib/providers/routing";

export type CredentialCheckResult = {
  /** accepted: the client authenticated; rejected: it did not; unknown: the answer cannot tell. */
  verdict: "accepted" | "rejected" | "unknown";
  /** What to tell the admin, the provider's own words included. */
  message: string;
  /** Where the check went: the real provider, a simulator or the built-in sandbox. */
  mode: Exclude<ProviderRoute["mode"], "not_configured">;
};

// Provider messages come with or without a full stop; ours add their own.
const bare = (message: string) => message.replace(/[.\s]+$/, "");

const modeNote = (mode: CredentialCheckResult["mode"]) =>
  mode === "real" ? "" : ` (checked against the ${mode === "sandbox" ? "built-in sandbox" : "simulator"})`;

/**
 * "Test credentials": the provider's token endpoint is sent an authorization code it never
 * issued, with the client id and secret in use. A provider that authenticates the client first
 * (RFC 6749 §5.2) answers invalid_client when they are wrong and invalid_grant when they are
 * right; nothing is granted either way. Where the provider's answer cannot tell the two apart
 * (its credentialCheck says so), the verdict is "unknown" and the message says why.
 */
export async function checkProviderCredentials(
  db: Database,
  params: { actor: Pick<User, "id" | "email">; provider: string; origin: string },
): Promise<CredentialCheckResult> {
  await requireAdmin(db, params.actor);
  const provider = getProviderOrThrow(params.provider);
  const route = await resolveProviderRoute(db, provider.slug, params.origin);
  if (route.mode === "not_configured")
    throw new AppError("NOT_CONFIGURED", `${provider.name} has no client id and secret to test yet.`);
  const { verdict: certainty, answers } = provider.oauth.credentialCheck;
  const where = modeNote(route.mode);
  try {
    await exchangeAuthorizationCode(provider, contextForRoute(provider, route), {
      code: `qt-credential-check-${randomBytes(12).toString("hex")}`,
      redirectUri: callbackUrl(params.origin),
      // PKCE providers want a verifier beside any code: 43 characters of the allowed alphabet.
      codeVerifier: provider.oauth.pkce ? randomBytes(32).toString("base64url") : undefined,
    });
    // A made-up code cannot be exchanged; if it was, the client authenticated all the same.
    return { verdict: "accepted", message: `${provider.name} accepted the client${where}.`, mode: route.mode };
  } catch (error) {
    if (hasErrorCode(error, "PROVIDER_UNAVAILABLE"))
      return { verdict: "unknown", message: `${bare(error.message)}${where}`, mode: route.mode };
    if (!(error instanceof TokenGrantError)) throw error;
    if (certainty === "none")
      return {
        verdict: "unknown",
        message: `This check cannot tell for ${provider.name}: ${answers} It answered: ${bare(error.message)}${where}.`,
        mode: route.mode,
      };
    const caveat = certainty === "unconfirmed" ? ` Not confirmed for ${provider.name}: ${answers}` : "";
    if (error.reason === "invalid_client")
      return {
        verdict: "rejected",
        message: `${provider.name} refused the client id or secret${where}: ${bare(error.message)}.${caveat}`,
        mode: route.mode,
      };
    if (error.reason === "invalid_grant")
      return {
        verdict: "accepted",
        message: `${provider.name} accepted the client id and secret${where} and refused only the test's made-up code, as it should.${caveat}`,
        mode: route.mode,
      };
    return {
      verdict: "unknown",
      message: `${provider.name}'s answer does not say whether the client is right${where}: ${bare(error.message)}.`,
      mode: route.mode,
    };
  }
}
