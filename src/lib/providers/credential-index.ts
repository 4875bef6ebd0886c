import type { CredentialProviderDefinition, CredentialRegion } from "./credential-types";
import { corosHub, corosHubChina, corosHubEu } from "./coros-hub";
import { garminConnect, garminConnectChina } from "./garmin-connect";

/**
 * Accounts linked with the person's own password, one entry per provider and region (see
 * credential-types.ts for why they are not auth kinds of the official providers). The login
 * routes, the sync and the Settings card read this list; adding one is a folder and an entry.
 */
export const CREDENTIAL_PROVIDERS: readonly CredentialProviderDefinition[] = [
  garminConnect,
  garminConnectChina,
  corosHub,
  corosHubEu,
  corosHubChina,
];

const BY_SLUG = new Map(CREDENTIAL_PROVIDERS.map((provider) => [provider.slug, provider]));

export function findCredentialProvider(slug: string): CredentialProviderDefinition | undefined {
  return BY_SLUG.get(slug);
}

/** The regions a family (an official provider's slug, as in /api/<family>/login) is offered in. */
export function listCredentialRegions(family: string): CredentialProviderDefinition[] {
  return CREDENTIAL_PROVIDERS.filter((provider) => provider.family === family);
}

export function findCredentialProviderFor(
  family: string,
  region: CredentialRegion,
): CredentialProviderDefinition | undefined {
  return CREDENTIAL_PROVIDERS.find((provider) => provider.family === family && provider.region === region);
}
