import type { ProviderFiles } from "@/lib/sync/file-types";
import { isGarminCallbackUrl } from "./callback-url";
import { garminGet } from "./sync-window";

// Garmin's Activity Files: an activityFiles ping names one activity's FIT (or TCX/GPX) by a
// callbackURL that lives 24 hours and works once. The GET needs the person's token (Bearer, or
// the OAuth 1.0a signature); an expired URL answers 410, and the file then comes with Garmin's
// next notification for that activity.
export const garminFiles: ProviderFiles = {
  // The URL comes from an unsigned POST and is fetched with the person's token: Garmin's API host only.
  isAllowedUrl: isGarminCallbackUrl,
  download: (context, file) => garminGet(context, file.url),
};
