import { originFromHeaders } from "./request-origin";

/**
 * Request headers with X-Forwarded-Host/-Proto rewritten to the origin we decided on
 * (originFromHeaders). next-auth reads those headers itself to build its callback URLs,
 * so this is how its view and ours stay the same; the proxy applies it to every request.
 */
export function pinForwardedHeaders(incoming: Headers): Headers {
  const headers = new Headers(incoming);
  const origin = new URL(originFromHeaders(incoming));
  headers.set("x-forwarded-host", origin.host);
  headers.set("x-forwarded-proto", origin.protocol.replace(":", ""));
  return headers;
}
