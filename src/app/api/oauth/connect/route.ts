// GET /api/oauth/connect?provider=<slug>&label=<optional> — starts a provider's OAuth flow.
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { startConnection } from "@/lib/connections/connect";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requestOrigin } from "@/lib/http/request-origin";
import { findProvider } from "@/lib/providers";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  provider: z.string().min(1),
  label: z.string().trim().max(60).optional(),
});

const settingsUrl = (origin: string, params: Record<string, string>) => `${origin}/dashboard/settings?${new URLSearchParams(params)}`;

export async function GET(request: Request) {
  const origin = requestOrigin(request);
  const user = await getCurrentUser();
  if (!user) return Response.redirect(`${origin}/sign-in?${new URLSearchParams({ callbackUrl: "/dashboard/settings" })}`, 302);

  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success || !findProvider(parsed.data.provider)) {
    return Response.redirect(settingsUrl(origin, { oauth_error: "unknown_provider" }), 302);
  }
  try {
    const { redirectUrl } = await startConnection(await getDb(), { userId: user.id, ...parsed.data, origin });
    return Response.redirect(redirectUrl, 302);
  } catch (error) {
    if (error instanceof AppError && error.code === "INVALID_INPUT") {
      return Response.redirect(settingsUrl(origin, { oauth_error: "not_configured", provider: parsed.data.provider }), 302);
    }
    throw error;
  }
}
