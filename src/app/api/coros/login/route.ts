// POST /api/coros/login — link a COROS Training Hub account (global, EU or China) with the person's own account and password.
import { getDb } from "@/lib/db";
import { handleCredentialRequest } from "@/lib/http/credential-routes";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleCredentialRequest(await getDb(), request, { family: "coros", action: "login" });
}
