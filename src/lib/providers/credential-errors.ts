/**
 * Why a provider did not let a password sign-in (or a token import) through. The login API turns
 * each reason into its documented reply: invalid_credentials 401, blocked 503 with retryAfter,
 * invalid_code 401, rejected_tokens 400. Messages never carry the password, a ticket or a token.
 */
export type CredentialFailure = "invalid_credentials" | "blocked" | "invalid_code" | "rejected_tokens";

export class CredentialLoginError extends Error {
  constructor(
    readonly reason: CredentialFailure,
    message: string,
    /** For "blocked": the HTTP status the provider answered (429 or 403). */
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = "CredentialLoginError";
  }
}
