// A ping's callbackURL comes from an unsigned POST: fetching whatever it names would let
// anyone aim our servers (with a person's Garmin token attached) at any URL. Only Garmin's
// own API host and path are ever fetched.

const GARMIN_HOST = "apis.garmin.com";
const WELLNESS_PREFIX = "/wellness-api/";

export function isGarminCallbackUrl(candidate: string): boolean {
  if (!URL.canParse(candidate)) return false;
  const url = new URL(candidate);
  return (
    url.protocol === "https:" &&
    url.host === GARMIN_HOST &&
    !url.username &&
    !url.password &&
    url.pathname.startsWith(WELLNESS_PREFIX)
  );
}

/** The callback URLs in a job's payload that point at one summary type's pull path. */
export function callbackUrlsFor(payload: Record<string, unknown>, summaryType: string): string[] {
  const listed = Array.isArray(payload.callbackUrls) ? payload.callbackUrls : [];
  const urls = listed.filter((url): url is string => typeof url === "string" && isGarminCallbackUrl(url));
  return [...new Set(urls.filter((url) => new URL(url).pathname === `${WELLNESS_PREFIX}rest/${summaryType}`))];
}
