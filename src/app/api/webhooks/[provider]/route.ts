// GET/POST /api/webhooks/:provider — provider push notifications and subscription handshakes.
import { getDb } from "@/lib/db";
import { errorResponse } from "@/lib/http/error-response";
import { requestOrigin } from "@/lib/http/request-origin";
import { handleProviderWebhook } from "@/lib/webhooks/handle-webhook";

export const dynamic = "force-dynamic";

async function handle(request: Request, context: { params: Promise<{ provider: string }> }) {
  try {
    const { provider } = await context.params;
    // The body is read there, once the slug is known, within the provider's limit.
    return await handleProviderWebhook(await getDb(), provider, request, requestOrigin(request));
  } catch (error) {
    return errorResponse(error);
  }
}

export { handle as GET, handle as POST };
