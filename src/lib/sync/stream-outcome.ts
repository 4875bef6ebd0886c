import { ZodError } from "zod";
import type { StreamStatus, StreamStatuses } from "@/lib/db/schema";
import { AppError, hasErrorCode } from "@/lib/errors";
import type { Refusal } from "./stream-refusal";
import { WaitUntil } from "./wait-until";

/** A page's payload did not have the shape the provider documents. Retrying will not help. */
export function malformedPayloadError(provider: string, stream: string, error: ZodError): AppError {
  const issue = error.issues[0]!;
  return new AppError(
    "PROVIDER_MALFORMED_PAYLOAD",
    `${provider} sent malformed ${stream} data: ${issue.path.join(".") || "(body)"}: ${issue.message}`,
  );
}

/** One stream stopped for a reason another attempt cannot fix; the others go on. */
export class StreamStoppedError extends Error {
  constructor(readonly status: StreamStatus) {
    super(status.message ?? status.state);
    this.name = "StreamStoppedError";
  }
}

/** Every stream that ran was refused or unreadable: the connection, not a data type, is the problem. */
export const streamsFailedError = (message: string): AppError => new AppError("PROVIDER_REFUSED", message);

/**
 * What a stream's failed page means: a StreamStoppedError when it is this stream's alone (a
 * refusal the provider answered, a page we cannot read); otherwise the error itself, for the
 * job to retry (5xx after retries, 429, network) or to stop on (an expired grant).
 */
export async function classifyStreamError(
  error: unknown,
  refusal: Promise<Refusal> | undefined,
  at: Date,
): Promise<unknown> {
  if (error instanceof WaitUntil || hasErrorCode(error, "PROVIDER_AUTH_EXPIRED", "RATE_LIMITED")) return error;
  if (hasErrorCode(error, "PROVIDER_MALFORMED_PAYLOAD"))
    return new StreamStoppedError({ state: "failed", message: error.message, at: at.toISOString() });
  const seen = await refusal;
  if (!seen) return error;
  const message = seen.message ?? (error instanceof Error ? error.message : String(error));
  return new StreamStoppedError({ state: "refused", message, httpStatus: seen.httpStatus, at: at.toISOString() });
}

const isStopped = (status: StreamStatus) => status.state === "refused" || status.state === "failed";

export interface RunVerdict {
  status: "succeeded" | "partial" | "failed";
  /** What did not sync, one stream per clause; null when everything did. */
  error: string | null;
  /** What the connection keeps: a refusal only once some other stream of it is known to work. */
  remembered: StreamStatuses;
}

/**
 * How a run ended from how its streams did. A refusal is the data type's only when the
 * account otherwise works (another stream synced, now or before): then it is kept and later
 * syncs skip it. When nothing worked, it is the account's (consents missing, API disabled),
 * so the run fails as a whole and nothing is kept to skip.
 */
export function judgeRun(ended: StreamStatuses, before: StreamStatuses): RunVerdict {
  const stopped = Object.entries(ended).filter(([, status]) => isStopped(status));
  const error = stopped.length
    ? stopped
        .map(([key, status]) =>
          `${key}: ${status.state === "refused" ? `refused (HTTP ${status.httpStatus}) ` : ""}${status.message ?? ""}`.trim(),
        )
        .join("; ")
    : null;
  const hasWorked =
    Object.values(ended).some((status) => status.state === "ok") ||
    Object.entries(before).some(([key, status]) => status.state === "ok" && !(key in ended));
  const fresh = Object.fromEntries(Object.entries(ended).filter(([, status]) => status.state !== "skipped"));
  if (!stopped.length) return { status: "succeeded", error, remembered: fresh };
  if (!hasWorked) return { status: "failed", error, remembered: {} };
  return { status: "partial", error, remembered: fresh };
}
