import type { CredentialRegion } from "../credential-types";

// COROS Training Hub's regional hosts (coros.md B1). An account lives in one region; a sign-in
// works on any host, but its token only on the account's own region's host, so the login
// reply's regionId decides where the account is linked.

export interface HubRegion {
  region: CredentialRegion;
  regionId: number;
  host: string;
  /**
   * Where its FIT downloads are: pre-signed URLs on the region's storage (AWS S3 for global and EU,
   * Aliyun OSS for China; bucket names from coros-connect's config, URL hosts UNCONFIRMED).
   */
  fileHosts: readonly string[];
}

export const HUB_REGIONS: Record<CredentialRegion, HubRegion> = {
  global: { region: "global", regionId: 1, host: "teamapi.coros.com", fileHosts: ["oss.coros.com", ".amazonaws.com"] },
  cn: { region: "cn", regionId: 2, host: "teamcnapi.coros.com", fileHosts: [".aliyuncs.com"] },
  eu: { region: "eu", regionId: 3, host: "teameuapi.coros.com", fileHosts: [".amazonaws.com"] },
};

export function regionOfId(regionId: number | null | undefined): CredentialRegion | undefined {
  return Object.values(HUB_REGIONS).find((candidate) => candidate.regionId === regionId)?.region;
}
