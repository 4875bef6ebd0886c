import type { CredentialRegion } from "../credential-types";

// Garmin China is a separate user database on its own hosts; an account exists on one side only
// (a China account's refresh against a .com host fails with invalid_grant, garmin.md B5).

export type GarminRegion = Extract<CredentialRegion, "global" | "cn">;

export interface GarminHosts {
  domain: "garmin.com" | "garmin.cn";
  sso: string;
  connectApi: string;
  connect: string;
  /** The service the mobile app signs in to; the OAuth 1.0a step names it as login-url. */
  serviceUrl: string;
}

export function garminHosts(region: GarminRegion): GarminHosts {
  const domain = region === "cn" ? "garmin.cn" : "garmin.com";
  return {
    domain,
    sso: `sso.${domain}`,
    connectApi: `connectapi.${domain}`,
    connect: `connect.${domain}`,
    serviceUrl: `https://mobile.integration.${domain}/gcm/android`,
  };
}

/**
 * Where garth and npm garmin-connect fetch the Garmin Connect app's OAuth 1.0a consumer key and
 * secret (the Android app's, so requests must say they are that app). Not a Garmin host; both
 * regions use the same consumer.
 */
export const OAUTH_CONSUMER_URL = "https://thegarth.s3.amazonaws.com/oauth_consumer.json";
export const CONSUMER_HOST = "thegarth.s3.amazonaws.com";

/** Every host one region's account talks to, and nothing else. */
export function regionHosts(region: GarminRegion): string[] {
  const hosts = garminHosts(region);
  return [hosts.sso, hosts.connectApi, CONSUMER_HOST];
}
