import type { CredentialProviderDefinition } from "./credential-types";
import type { ProviderDefinition } from "./types";

/**
 * Anything a connection row can name: an official provider (OAuth, the registry in index.ts) or
 * an account linked with the person's own password (credential-index.ts). The sync machinery
 * takes either; what differs (how tokens are refreshed, where requests go) is in
 * connections/source-auth.ts.
 */
export type SourceDefinition = ProviderDefinition | CredentialProviderDefinition;
