// POST /api/coros/tokens — link a COROS Training Hub account from coros-connect's token.txt.
import { getDb } from "@/lib/db";
import { handleCredentialRequest } from "@/lib/http/credential-routes";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleCredentialRequest(await getDb(), request, { family: "coros", action: "tokens" });
}
