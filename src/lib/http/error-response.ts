import { ZodError, type core } from "zod";
import { redactDatabaseError } from "@/lib/db/redact-error";
import { AppError } from "@/lib/errors";

/** The field an issue is about; an unknown key is named itself rather than the object holding it. */
export function issueField(issue: core.$ZodIssue): string {
  const path =
    issue.code === "unrecognized_keys" && issue.keys.length === 1 ? [...issue.path, issue.keys[0]!] : issue.path;
  return path.join(".") || "(body)";
}

/** Maps any thrown value to the JSON reply a caller outside our UI gets. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ZodError) {
    const issues = error.issues.map((issue) => ({ field: issueField(issue), message: issue.message }));
    const summary = issues.map((issue) => `${issue.field}: ${issue.message}`).join("; ");
    return Response.json({ error: { code: "INVALID_INPUT", message: summary, issues } }, { status: 400 });
  }
  if (error instanceof AppError) {
    return Response.json(
      { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
      { status: error.status },
    );
  }
  // Internals stay in the server log; the caller gets an id to quote.
  const requestId = crypto.randomUUID();
  console.error(`[request ${requestId}]`, redactDatabaseError(error));
  return Response.json(
    { error: { code: "INTERNAL", message: "Something went wrong on our side.", requestId } },
    { status: 500 },
  );
}
