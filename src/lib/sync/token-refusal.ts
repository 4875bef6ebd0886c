/**
 * Whether a provider reply says the access token is expired or revoked: HTTP 401, or the
 * provider's own way (COROS answers HTTP 200 with a result code). Such a body is read from a
 * copy, so the caller still reads the reply it was given.
 */
export async function isAccessTokenRefused(
  isRefused: ((status: number, body: unknown) => boolean) | undefined,
  response: Response,
): Promise<boolean> {
  if (response.status === 401) return true;
  if (!isRefused) return false;
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => undefined);
  return isRefused(response.status, body);
}
