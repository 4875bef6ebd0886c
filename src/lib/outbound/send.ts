import http from "node:http";
import https from "node:https";
import { findUrlProblem, safeLookup, type WebhookUrlPolicy } from "./url-safety";

export const REQUEST_TIMEOUT_MS = 10_000;
// Enough of a refusal's body to tell the person why; the rest is read and dropped.
const KEPT_BODY_CHARS = 300;

export interface SendOutcome {
  isDelivered: boolean;
  statusCode: number | null;
  error: string | null;
}

/**
 * POSTs one signed body. Redirects are not followed (a 3xx is a failed attempt): following one
 * would reach a URL that was never checked. The URL is checked again here and the addresses are
 * checked as the connection is made (safeLookup), so what was safe at registration still is.
 */
export function sendWebhook(params: {
  url: string;
  headers: Record<string, string>;
  body: string;
  policy: WebhookUrlPolicy;
  timeoutMs?: number;
}): Promise<SendOutcome> {
  const url = new URL(params.url);
  const problem = findUrlProblem(url, params.policy);
  if (problem) return Promise.resolve({ isDelivered: false, statusCode: null, error: `The URL ${problem}.` });
  const client = url.protocol === "https:" ? https : http;
  const timeoutMs = params.timeoutMs ?? REQUEST_TIMEOUT_MS;
  return new Promise((resolve) => {
    let isSettled = false;
    const settle = (outcome: SendOutcome) => {
      if (isSettled) return;
      isSettled = true;
      resolve(outcome);
    };
    const failure = (error: Error & { code?: string }): SendOutcome => ({
      isDelivered: false,
      statusCode: null,
      error:
        error.name === "AbortError" || error.name === "TimeoutError"
          ? `No answer within ${timeoutMs / 1000} s.`
          : error.message || error.code || "The request failed.",
    });
    const request = client.request(
      url,
      {
        method: "POST",
        headers: {
          ...params.headers,
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(params.body)),
          "user-agent": "QT.run-Webhooks/1",
        },
        lookup: safeLookup(params.policy),
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (text.length < KEPT_BODY_CHARS) text += chunk;
        });
        // A body cut off by the timeout: the attempt failed, whatever the status said.
        response.on("error", (error) => settle(failure(error)));
        response.on("close", () => {
          if (!response.complete) settle(failure(new Error("The answer was cut off.")));
        });
        response.on("end", () => {
          const statusCode = response.statusCode ?? 0;
          const isDelivered = statusCode >= 200 && statusCode < 300;
          const excerpt = text.trim().slice(0, KEPT_BODY_CHARS);
          settle({
            isDelivered,
            statusCode,
            error: isDelivered ? null : `HTTP ${statusCode}${excerpt ? `: ${excerpt}` : ""}`,
          });
        });
      },
    );
    request.on("error", (error: Error & { code?: string }) => settle(failure(error)));
    request.end(params.body);
  });
}
