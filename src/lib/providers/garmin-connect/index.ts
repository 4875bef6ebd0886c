import type { CredentialProviderDefinition } from "../credential-types";
import { garminConnectAuth } from "./auth";
import { CONNECT_API_HEADERS } from "./connect-api";
import { garminHosts, regionHosts, type GarminRegion } from "./regions";
import { garminConnectSync } from "./sync";
import { connectWeightDestination } from "./weight-destination";
import { connectWorkouts } from "./workout-destination";
import { connectUploads } from "./uploads";

// Garmin Connect by the person's own password (garmin.md part B): the mobile app's SSO and
// private API, one registry entry per region (credential-types.ts says why).

function createGarminConnect(region: GarminRegion): CredentialProviderDefinition {
  const hosts = garminHosts(region);
  return {
    kind: "credentials",
    slug: region === "cn" ? "garmin_connect_cn" : "garmin_connect",
    family: "garmin",
    region,
    name: region === "cn" ? "Garmin Connect (China)" : "Garmin Connect",
    familyName: "Garmin",
    regionName: region === "cn" ? "China (garmin.cn)" : "Global (garmin.com)",
    hosts: regionHosts(region),
    brandColor: "#007cc3",
    websiteUrl: `https://${hosts.connect}/`,
    dataTypes: ["activities", "daily", "sleep", "hrv", "stress", "weight", "steps"],
    activityUrl: (externalId) =>
      /^\d+$/.test(externalId) ? `https://${hosts.connect}/modern/activity/${externalId}` : undefined,
    auth: garminConnectAuth(region),
    sync: garminConnectSync(region),
    workouts: connectWorkouts(hosts.connectApi, CONNECT_API_HEADERS),
    weightDestination: connectWeightDestination(region),
    uploads: connectUploads(region),
  };
}

export const garminConnect = createGarminConnect("global");
export const garminConnectChina = createGarminConnect("cn");
