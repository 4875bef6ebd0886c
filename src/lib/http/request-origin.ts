/** The origin the browser used to reach us; OAuth redirect URIs must match it exactly. */
export function requestOrigin(request: Request): string {
  return new URL(request.url).origin;
}
