// GET/POST /api/webhooks/:provider — provider push notifications and subscription handshakes.
import { getDb } from "@/lib/db";
import { errorResponse } from "@/lib/http/error-response";
import { requestOrigin } from "@/lib/http/request-origin";
import { handleProviderWebhook, readWebhookRequest } from "@/lib/webhooks/handle-webhook";

export const dynamic = "force-dynamic";

async function handle(request: Request, context: { params: Promise<{ provider: string }> }) {
  try {
    const { provider } = await context.params;
    return await handleProviderWebhook(await getDb(), provider, await readWebhookRequest(request), requestOrigin(request));
  } catch (error) {
    return errorResponse(error);
  }
}

export { handle as GET, handle as POST };
