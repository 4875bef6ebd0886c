import { ZodError } from "zod";
import type { LinkOutcome } from "@/lib/connections/credential-link";
import { AppError, hasErrorCode } from "@/lib/errors";
import type { CredentialProviderDefinition } from "@/lib/providers/credential-types";
import { errorResponse } from "./error-response";

// The replies of POST /api/<family>/login, …/login/mfa and …/tokens. The bodies follow the
// login API the issue documents ({ message } on success, { detail } on failure), so scripts
// written against garminconnect-style services read them unchanged.

const formatUtc = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
const secondsUntil = (date: Date) => Math.max(1, Math.ceil((date.getTime() - Date.now()) / 1000));

/** The ways around a provider that refuses automated sign-ins: its official connection, or token files. */
export function signInAlternatives(source: CredentialProviderDefinition) {
  return {
    officialConnect: `/api/oauth/connect?provider=${source.family}`,
    ...(source.auth.importTokens
      ? { tokenImport: { url: `/api/${source.family}/tokens`, files: source.auth.tokenFiles ?? [] } }
      : {}),
  };
}

export function blockedMessage(source: CredentialProviderDefinition, retryAt: Date): string {
  const files = source.auth.tokenFiles?.join(" and ");
  return (
    `${source.familyName} is refusing automated sign-ins from this server right now: it answers scripts with ` +
    `"too many requests" or a bot check, whatever the password. QT.run will not try this account again before ` +
    `${formatUtc(retryAt)}. Meanwhile you can connect through ${source.familyName}'s official sign-in` +
    (files ? `, or import the token files (${files}) that garth or python-garminconnect saved on your computer.` : ".")
  );
}

export function linkOutcomeResponse(outcome: LinkOutcome): Response {
  const { source } = outcome;
  switch (outcome.kind) {
    case "linked":
      return Response.json({ message: `${source.familyName} account linked successfully.` });
    case "mfa_required":
      return Response.json(
        {
          message: `${source.familyName} sent a verification code (${outcome.method}). Send it with this challengeId to /api/${source.family}/login/mfa within 10 minutes.`,
          challengeId: outcome.challengeId,
          mfaMethod: outcome.method,
        },
        { status: 202 },
      );
    case "invalid_credentials":
      return Response.json({ detail: `Invalid ${source.familyName} credentials provided.` }, { status: 401 });
    case "invalid_code":
      return Response.json({ detail: `Invalid ${source.familyName} verification code provided.` }, { status: 401 });
    case "rejected_tokens":
      return Response.json({ detail: outcome.message }, { status: 400 });
    case "blocked":
      return Response.json(
        {
          detail: blockedMessage(source, outcome.retryAt),
          retryAfter: secondsUntil(outcome.retryAt),
          retryAt: outcome.retryAt.toISOString(),
          alternatives: signInAlternatives(source),
        },
        { status: 503, headers: { "retry-after": String(secondsUntil(outcome.retryAt)) } },
      );
    default: {
      const unknown: never = outcome;
      throw new Error(`Unhandled outcome ${JSON.stringify(unknown)}`);
    }
  }
}

/** Bad input names the field (400), our own attempt limit says until when (429); the rest as everywhere. */
export function credentialErrorResponse(error: unknown): Response {
  if (error instanceof ZodError || hasErrorCode(error, "INVALID_INPUT")) {
    const reply = error instanceof ZodError ? undefined : (error as AppError).message;
    const issues =
      error instanceof ZodError
        ? error.issues.map((issue) => ({ field: issue.path.join(".") || "(body)", message: issue.message }))
        : [];
    const detail = reply ?? issues.map((issue) => `${issue.field}: ${issue.message}`).join("; ");
    return Response.json(
      { detail, error: { code: "INVALID_INPUT", message: detail, ...(issues.length ? { issues } : {}) } },
      { status: 400 },
    );
  }
  if (hasErrorCode(error, "RATE_LIMITED") && typeof error.details?.retryAt === "string") {
    const retryAfter = secondsUntil(new Date(error.details.retryAt));
    return Response.json(
      { detail: error.message, retryAfter, retryAt: error.details.retryAt },
      { status: 429, headers: { "retry-after": String(retryAfter) } },
    );
  }
  return errorResponse(error);
}
