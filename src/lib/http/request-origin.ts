/**
 * The origin the browser used to reach us, from the Host header: Next's `request.url` may
 * name the address the server bound to instead, and OAuth redirect URIs and cookies need
 * the browser's own view.
 */
export function originFromHeaders(headers: Headers): string {
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost:3000";
  // Next itself serves plain HTTP; a TLS-terminating proxy says so in x-forwarded-proto.
  const protocol = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  return `${protocol}://${host}`;
}

export function requestOrigin(request: Request): string {
  return originFromHeaders(request.headers);
}
