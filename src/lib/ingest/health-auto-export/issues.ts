import type { z } from "zod";

/** A zod failure as one line for `rejected[].reason`: "qty: expected number, received string". */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  return issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message;
}
