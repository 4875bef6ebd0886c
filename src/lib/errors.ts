// One error type for everything we mean to tell a caller; anything else is a bug (500).
export const ERROR_STATUS = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  PROVIDER_AUTH_EXPIRED: 502,
  /** A provider's page did not have the shape it documents; asking again will not help. */
  PROVIDER_MALFORMED_PAYLOAD: 502,
  /** The grant lacks the scope this data needs (the person unticked it on the consent screen). */
  PROVIDER_SCOPE_MISSING: 403,
  /** Every stream of a sync was refused or unreadable: the connection, not a data type, is the problem. */
  PROVIDER_REFUSED: 502,
  PROVIDER_UNAVAILABLE: 503,
  /** The operator has not set a provider's credentials. */
  NOT_CONFIGURED: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Whether this is our AppError with one of these codes: the one way callers tell errors apart. */
export const hasErrorCode = (error: unknown, ...codes: ErrorCode[]): error is AppError =>
  error instanceof AppError && codes.includes(error.code);
