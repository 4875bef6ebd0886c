import { z } from "zod";

/**
 * A token endpoint said no. `invalid_grant` means the grant (code or refresh token) is dead
 * and only the person can fix it by reconnecting; anything else may pass on a retry.
 */
export class TokenGrantError extends Error {
  constructor(
    readonly reason: "invalid_grant" | "invalid_client" | "invalid_request" | "server_error" | "malformed_response",
    message: string,
  ) {
    super(message);
    this.name = "TokenGrantError";
  }

  get isPermanent(): boolean {
    return this.reason === "invalid_grant";
  }
}

const rfc6749ErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/** Reads the standard `{ error, error_description }` body most providers send. */
export function toTokenGrantError(status: number, body: unknown, provider: string): TokenGrantError {
  const parsed = rfc6749ErrorSchema.safeParse(body);
  const code = parsed.success ? parsed.data.error : undefined;
  const description = parsed.success ? (parsed.data.error_description ?? code) : `HTTP ${status}`;
  const reason =
    code === "invalid_grant"
      ? "invalid_grant"
      : code === "invalid_client" || status === 401
        ? "invalid_client"
        : status >= 500
          ? "server_error"
          : "invalid_request";
  return new TokenGrantError(reason, `${provider} token endpoint: ${description}`);
}

/** For parseTokenResponse: a zod failure becomes a message that names the field. */
export function parseTokenBody<T>(schema: z.ZodType<T>, body: unknown, provider: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new TokenGrantError(
    "malformed_response",
    `${provider} token reply: ${issue.path.join(".") || "(body)"}: ${issue.message}`,
  );
}
