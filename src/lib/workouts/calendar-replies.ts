import { AppError } from "@/lib/errors";

/** How one workout destination's replies read: its name for messages, and what a refusal of permission means. */
export interface CalendarReplies {
  /** "Garmin" */
  name: string;
  /** The HTTP statuses it uses to say the account has not allowed this (Training API: 412). */
  permissionStatuses: readonly number[];
  /** What the person can do about a missing permission. */
  permissionHint: string;
}

/** The provider's own words from an error body, if it gave any (Garmin: errorMessage or message). */
async function reasonOf(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const reason = body.errorMessage ?? body.message ?? body.error;
    if (typeof reason === "string" && reason) return reason;
  } catch {
    // Not JSON: the text itself, if short enough to be a message.
  }
  return text.trim().slice(0, 200);
}

/**
 * A 2xx reply's body (parsed JSON, or null when empty); otherwise the AppError that says why,
 * in words a person can act on. `what` names the request ("creating the workout").
 */
export async function readCalendarReply(response: Response, what: string, replies: CalendarReplies): Promise<unknown> {
  if (response.ok) {
    const text = await response.text();
    if (!text.trim()) return null;
    try {
      return JSON.parse(text);
    } catch {
      throw new AppError(
        "PROVIDER_MALFORMED_PAYLOAD",
        `${replies.name} answered ${what} with a body that is not JSON.`,
      );
    }
  }
  const reason = await reasonOf(response);
  const said = reason ? ` (${reason})` : "";
  if (replies.permissionStatuses.includes(response.status))
    throw new AppError("PROVIDER_SCOPE_MISSING", `${replies.name} refused ${what}${said}. ${replies.permissionHint}`);
  if (response.status === 401)
    throw new AppError("PROVIDER_AUTH_EXPIRED", `${replies.name} no longer accepts this connection; reconnect it.`);
  if (response.status === 429)
    throw new AppError("RATE_LIMITED", `${replies.name} is limiting requests; try again later${said}.`, {
      retryAfter: response.headers.get("retry-after"),
    });
  if (response.status >= 500)
    throw new AppError("PROVIDER_UNAVAILABLE", `${replies.name} answered HTTP ${response.status} to ${what}${said}.`);
  throw new AppError("PROVIDER_REFUSED", `${replies.name} refused ${what} (HTTP ${response.status})${said}.`, {
    httpStatus: response.status,
  });
}

/** A provider id (JSON number or numeric string) as text; Garmin's are Java longs. */
export function readId(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === "string" && /^\d{1,19}$/.test(value)) return value;
  return undefined;
}
