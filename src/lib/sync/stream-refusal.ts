import { z } from "zod";
import type { SyncFetch } from "./types";

/**
 * A 4xx that asking again cannot change: all but 401 (sync-fetch refreshes the token), 408 (the
 * provider timed out; retried) and 429 (waited out). Such an answer is about this request, so
 * it stops the stream that made it and no other.
 */
export const isRefusalStatus = (status: number) =>
  status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429;

export interface Refusal {
  httpStatus: number;
  /** The provider's own words, when its body has any. */
  message?: string;
}

const MESSAGE_LIMIT = 300;
const words = z.string().trim().min(1);
// The error bodies providers send: Google's google.rpc.Status ({error:{status,message}}),
// OAuth's error/error_description, and the plain {message}, {detail} or {errors:[…]} of the rest.
const errorBodySchema = z.object({
  error: z.union([words, z.object({ status: words.optional(), message: words.optional() })]).optional(),
  error_description: words.optional(),
  message: words.optional(),
  detail: words.optional(),
  errors: z.array(z.object({ message: words.optional(), detail: words.optional() })).optional(),
});

/** The message a provider put in an error body, or undefined when it has none we can read. */
export function readProviderMessage(text: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A short plain-text answer is the message; an HTML error page is not.
    const plain = text.trim();
    return plain && !plain.startsWith("<") ? plain.slice(0, MESSAGE_LIMIT) : undefined;
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { error, error_description: description, message, detail, errors } = parsed.data;
  const googleStyle = typeof error === "object" ? [error.status, error.message].filter(Boolean).join(": ") : undefined;
  const found =
    googleStyle ||
    description ||
    message ||
    detail ||
    errors?.[0]?.message ||
    errors?.[0]?.detail ||
    (typeof error === "string" ? error : undefined);
  return found?.slice(0, MESSAGE_LIMIT);
}

async function describeRefusal(response: Response): Promise<Refusal> {
  const text = await response.text().catch(() => "");
  const message = readProviderMessage(text);
  return { httpStatus: response.status, ...(message ? { message } : {}) };
}

/**
 * A stream's fetch that remembers whether its latest answer was a refusal. When the stream
 * then throws, that refusal is the reason; an answer after it (or a request that threw) clears
 * it, so a 404 a stream handled itself does not explain a later failure.
 */
export function watchRefusals(fetch: SyncFetch): { fetch: SyncFetch; latestRefusal(): Promise<Refusal> | undefined } {
  let latest: Promise<Refusal> | undefined;
  const watched: SyncFetch = async (realUrl, init) => {
    latest = undefined;
    const response = await fetch(realUrl, init);
    // A copy of the body for the message: the stream reads (or cancels) its own.
    if (isRefusalStatus(response.status)) latest = describeRefusal(response.clone());
    return response;
  };
  return { fetch: watched, latestRefusal: () => latest };
}
