// GET /api/oauth/connect?provider=<slug>&label=<optional>&legacy=1 — starts a provider's OAuth
// flow; legacy=1 picks its older OAuth 1.0a sign-in (Garmin, until 2026-12-31).
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { startConnection } from "@/lib/connections/connect";
import { getDb } from "@/lib/db";
import { hasErrorCode } from "@/lib/errors";
import { requestOrigin } from "@/lib/http/request-origin";
import { findProvider } from "@/lib/providers";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  provider: z.string().min(1),
  label: z.string().trim().max(60).optional(),
  legacy: z.literal("1").optional(),
});

const settingsUrl = (origin: string, params: Record<string, string>) =>
  `${origin}/dashboard/settings?${new URLSearchParams(params)}`;

export async function GET(request: Request) {
  const origin = requestOrigin(request);
  const user = await getCurrentUser();
  if (!user)
    return Response.redirect(`${origin}/sign-in?${new URLSearchParams({ callbackUrl: "/dashboard/settings" })}`, 302);

  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const provider = parsed.success ? findProvider(parsed.data.provider) : undefined;
  if (!parsed.success || !provider || (parsed.data.legacy && !provider.legacyOAuth1)) {
    return Response.redirect(settingsUrl(origin, { oauth_error: "unknown_provider" }), 302);
  }
  const { legacy, ...rest } = parsed.data;
  try {
    const { redirectUrl } = await startConnection(await getDb(), {
      userId: user.id,
      ...rest,
      legacy: legacy === "1",
      origin,
    });
    return Response.redirect(redirectUrl, 302);
  } catch (error) {
    if (hasErrorCode(error, "NOT_CONFIGURED")) {
      return Response.redirect(settingsUrl(origin, { oauth_error: "not_configured", provider: provider.slug }), 302);
    }
    // OAuth 1.0a asks the provider for a request token before the redirect; it may be down.
    if (hasErrorCode(error, "PROVIDER_UNAVAILABLE")) {
      return Response.redirect(settingsUrl(origin, { oauth_error: "provider_error", provider: provider.slug }), 302);
    }
    throw error;
  }
}
