// GET /api/oauth/callback — the one redirect URI every provider sends the browser back to.
import { getCurrentUser } from "@/lib/auth/session";
import { completeConnection } from "@/lib/connections/connect";
import { ConnectionError } from "@/lib/connections/connection-error";
import { getDb } from "@/lib/db";
import { enqueueConnectionSync } from "@/lib/jobs";
import { requestOrigin } from "@/lib/http/request-origin";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const origin = requestOrigin(request);
  const url = new URL(request.url);
  const user = await getCurrentUser();
  // Signed out meanwhile: sign in, then come straight back here to finish.
  if (!user)
    return Response.redirect(
      `${origin}/sign-in?${new URLSearchParams({ callbackUrl: `${url.pathname}${url.search}` })}`,
      302,
    );

  const settings = new URL("/dashboard/settings", origin);
  try {
    const db = await getDb();
    const { provider, connection } = await completeConnection(db, { userId: user.id, query: url.searchParams, origin });
    // The first sync starts right away; the settings page shows its progress.
    if (provider.sync)
      await enqueueConnectionSync(db, {
        userId: user.id,
        connectionId: connection.id,
        kind: "backfill",
        reason: "connected",
      });
    settings.searchParams.set("connected", provider.slug);
    settings.searchParams.set("connection", connection.id);
  } catch (error) {
    const reason = error instanceof ConnectionError ? error.reason : "provider_error";
    if (!(error instanceof ConnectionError)) console.error("[oauth] callback failed", error);
    settings.searchParams.set("oauth_error", reason);
    if (error instanceof ConnectionError && error.provider) settings.searchParams.set("provider", error.provider.slug);
  }
  return Response.redirect(settings.toString(), 302);
}
