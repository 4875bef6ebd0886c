import {
  completeMfaChallenge,
  importTokenFiles,
  linkWithPassword,
  type LinkOutcome,
} from "@/lib/connections/credential-link";
import {
  credentialLoginSchema,
  mfaCodeSchema,
  readTokenFileText,
  tokenImportSchema,
} from "@/lib/connections/credential-schemas";
import type { Database } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { listCredentialRegions } from "@/lib/providers/credential-index";
import { authenticateRequestCaller } from "./authenticate-request";
import { credentialErrorResponse, linkOutcomeResponse } from "./credential-replies";
import { requestOrigin } from "./request-origin";

export type CredentialAction = "login" | "mfa" | "tokens";

// Token files are a few hundred bytes each; anything much larger is not one.
const MAX_BODY_BYTES = 64 * 1024;

async function readJsonBody(request: Request): Promise<unknown> {
  // JSON only: a form or text/plain body could be posted by another site's page (no preflight).
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json"))
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send JSON with Content-Type: application/json.");
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The body is larger than 64 KB.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("INVALID_INPUT", "(body): is not valid JSON.");
  }
}

/** Token files as a multipart upload (the Settings form, curl -F) or JSON `{ files: { name: json } }`. */
async function readTokenFiles(request: Request): Promise<unknown> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data"))
    return readJsonBody(request);
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES)
    throw new AppError("PAYLOAD_TOO_LARGE", "The upload is larger than 64 KB.");
  const form = await request.formData();
  const files: Record<string, unknown> = {};
  for (const value of form.values()) {
    if (typeof value === "string") continue;
    files[value.name] = readTokenFileText(await value.text());
  }
  const text = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : undefined);
  return { files, region: text("region") || undefined, label: text("label") || undefined };
}

async function run(db: Database, request: Request, family: string, action: CredentialAction, userId: string) {
  const params = { userId, family, appUrl: requestOrigin(request) };
  const steps: Record<CredentialAction, () => Promise<LinkOutcome>> = {
    login: async () =>
      linkWithPassword(db, { ...params, input: credentialLoginSchema.parse(await readJsonBody(request)) }),
    mfa: async () => completeMfaChallenge(db, { ...params, input: mfaCodeSchema.parse(await readJsonBody(request)) }),
    tokens: async () =>
      importTokenFiles(db, { ...params, input: tokenImportSchema.parse(await readTokenFiles(request)) }),
  };
  return steps[action]();
}

/**
 * POST /api/<family>/login, /login/mfa and /tokens for every family in the credential registry,
 * signed in by session cookie or X-API-Key. Testable with any database; the route files pass getDb().
 */
export async function handleCredentialRequest(
  db: Database,
  request: Request,
  params: { family: string; action: CredentialAction },
): Promise<Response> {
  try {
    if (!listCredentialRegions(params.family).length)
      throw new AppError("NOT_FOUND", `${params.family} accounts cannot be linked with a password.`);
    // Linking or unlinking an account changes what the person has: a key needs `write`.
    const caller = await authenticateRequestCaller(db, request, { scope: "write" });
    return linkOutcomeResponse(await run(db, request, params.family, params.action, caller.userId));
  } catch (error) {
    return credentialErrorResponse(error);
  }
}
