import type { CredentialProviderDefinition, CredentialRegion } from "../credential-types";
import { corosHubAuth } from "./auth";
import { HUB_REGIONS } from "./regions";
import { corosHubSync } from "./sync";

// COROS Training Hub (t.coros.com) by the person's own password (coros.md part B), one registry
// entry per region: global, EU and China.

const NAMES: Record<CredentialRegion, { slug: string; name: string; regionName: string }> = {
  global: { slug: "coros_training_hub", name: "COROS Training Hub", regionName: "Global (teamapi.coros.com)" },
  eu: { slug: "coros_training_hub_eu", name: "COROS Training Hub (EU)", regionName: "Europe (teameuapi.coros.com)" },
  cn: { slug: "coros_training_hub_cn", name: "COROS Training Hub (China)", regionName: "China (teamcnapi.coros.com)" },
};

function createCorosHub(region: CredentialRegion): CredentialProviderDefinition {
  const { host, fileHosts } = HUB_REGIONS[region];
  return {
    kind: "credentials",
    ...NAMES[region],
    family: "coros",
    region,
    familyName: "COROS",
    hosts: [host, ...fileHosts],
    brandColor: "#e4002b",
    websiteUrl: "https://t.coros.com/",
    dataTypes: ["activities", "daily", "hrv"],
    auth: corosHubAuth(region),
    sync: corosHubSync(region),
  };
}

export const corosHub = createCorosHub("global");
export const corosHubEu = createCorosHub("eu");
export const corosHubChina = createCorosHub("cn");
