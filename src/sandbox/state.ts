import { randomBytes, timingSafeEqual } from "node:crypto";
import { sandboxCredentials } from "./accounts";

export interface IssuedCode {
  provider: string;
  clientId: string;
  redirectUri: string | null;
  scopes: string[];
  account: string;
  codeChallenge?: string;
  expiresAt: number;
}

export interface IssuedToken {
  provider: string;
  /** The client it was issued to; absent for tokens made outside the token endpoint. */
  clientId?: string;
  account: string;
  scopes: string[];
  expiresAt: number | null;
}

export interface IssuedRefreshToken {
  provider: string;
  account: string;
  scopes: string[];
  isUsed: boolean;
}

/** A misbehaviour to play on the next matching requests (tests, demos). */
export interface SandboxFault {
  host: string;
  /** Only requests whose path contains this. */
  pathIncludes?: string;
  kind: "rate_limit" | "server_error" | "malformed" | "slow" | "http_error";
  /** How many matching requests it affects. */
  times: number;
  /** Matching requests to let through untouched first (e.g. fail only the second page). */
  skip?: number;
  retryAfterSeconds?: number;
  /** Extra response headers, e.g. a provider's own rate-limit headers. */
  headers?: Record<string, string>;
  /**
   * For "malformed": the JSON body to send instead (status 200); for "http_error" and
   * "rate_limit": the provider's own error body.
   */
  body?: unknown;
  /** For "http_error": the status to answer, e.g. a provider's documented 400 or 404. */
  status?: number;
  /** For "slow": delay before the real answer. */
  delayMs?: number;
}

/** A file uploaded to a simulated provider and, once processed, the activity it became. */
export interface SandboxUpload {
  id: number;
  provider: string;
  account: string;
  externalId: string | null;
  /** Status requests still answered "processing", as a real upload takes a few seconds. */
  pollsUntilDone: number;
  error?: string;
  activity?: SandboxUploadedActivity;
}

export interface SandboxUploadedActivity {
  id: number;
  provider: string;
  account: string;
  externalId: string | null;
  name: string;
  /** The provider's own sport name. */
  sportType: string;
  startAt: Date;
  durationS: number;
  movingTimeS: number;
  distanceM: number;
}

export interface SandboxCall {
  provider: string;
  method: string;
  path: string;
  grant?: string;
  /** The query a list was asked with (Google Health's filter), for tests that check the windows. */
  query?: string;
}

/**
 * Everything the simulated providers remember. In memory on purpose: the sandbox is a
 * stand-in for someone else's servers, and a restart behaves like tokens being revoked.
 */
export class SandboxState {
  readonly codes = new Map<string, IssuedCode>();
  readonly accessTokens = new Map<string, IssuedToken>();
  readonly refreshTokens = new Map<string, IssuedRefreshToken>();
  /** Provider-specific flags, e.g. Polar's registered users. */
  readonly registrations = new Set<string>();
  readonly calls: SandboxCall[] = [];
  readonly faults: SandboxFault[] = [];
  /** Requests a fault answered instead of the provider (not in `calls`, which the handlers record). */
  readonly faultedCalls: Array<SandboxCall & { fault: SandboxFault["kind"] }> = [];
  /**
   * Client apps a provider knows beside the built-in sandbox client (provider -> client id ->
   * secret), as if registered in its developer portal: what an admin saved in Provider apps,
   * registered by a test or through /_control/clients.
   */
  readonly clients = new Map<string, Map<string, string>>();

  registerClient(provider: string, client: { clientId: string; clientSecret: string }) {
    if (!this.clients.has(provider)) this.clients.set(provider, new Map());
    this.clients.get(provider)!.set(client.clientId, client.clientSecret);
  }

  /** The secret of a client this provider knows, the built-in sandbox client included; undefined for a stranger. */
  clientSecretOf(provider: string, clientId: string): string | undefined {
    const builtIn = sandboxCredentials(provider);
    if (clientId === builtIn.clientId) return builtIn.clientSecret;
    return this.clients.get(provider)?.get(clientId);
  }

  /** Whether this id and secret name a client of this provider (constant-time on the secret). */
  isClient(provider: string, clientId: string | null | undefined, clientSecret: string | null | undefined): boolean {
    const expected = clientId ? this.clientSecretOf(provider, clientId) : undefined;
    if (expected === undefined || typeof clientSecret !== "string") return false;
    const [given, wanted] = [Buffer.from(clientSecret), Buffer.from(expected)];
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }

  /** Uploads by id, and the activities they created (listed beside the synthetic ones). */
  readonly uploads = new Map<number, SandboxUpload>();
  readonly uploadedActivities: SandboxUploadedActivity[] = [];
  private nextUploadId = 16_000_000_001;

  /** Ids in the provider's int64 range, unique within this sandbox's life. */
  takeUploadId(): number {
    return this.nextUploadId++;
  }

  /** The first fault that applies to this request, used up by one. */
  takeFault(host: string, path: string): SandboxFault | undefined {
    const fault = this.faults.find(
      (candidate) =>
        candidate.host === host &&
        candidate.times > 0 &&
        (!candidate.pathIncludes || path.includes(candidate.pathIncludes)),
    );
    if (!fault) return undefined;
    if (fault.skip) {
      fault.skip -= 1;
      return undefined;
    }
    fault.times -= 1;
    if (fault.times === 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault;
  }

  issue(prefix: string): string {
    return `${prefix}_${randomBytes(24).toString("base64url")}`;
  }

  record(call: SandboxCall) {
    this.calls.push(call);
    if (this.calls.length > 10_000) this.calls.splice(0, this.calls.length - 10_000);
  }

  recordFaulted(call: SandboxCall & { fault: SandboxFault["kind"] }) {
    this.faultedCalls.push(call);
    if (this.faultedCalls.length > 10_000) this.faultedCalls.splice(0, this.faultedCalls.length - 10_000);
  }

  countCalls(filter: Partial<SandboxCall>): number {
    return this.calls.filter((call) =>
      Object.entries(filter).every(([key, value]) => call[key as keyof SandboxCall] === value),
    ).length;
  }

  /** Ends the life of every access token of one account now, as time passing would; refresh tokens stay good. How many. */
  expireAccessTokens(provider: string, account: string): number {
    let expired = 0;
    for (const issued of this.accessTokens.values()) {
      if (issued.provider !== provider || issued.account !== account) continue;
      issued.expiresAt = Date.now() - 1;
      expired += 1;
    }
    return expired;
  }

  /** Invalidates every token of one account, as a person revoking access at the provider would. */
  revokeAccount(provider: string, account: string) {
    for (const map of [this.accessTokens, this.refreshTokens]) {
      for (const [token, issued] of map)
        if (issued.provider === provider && issued.account === account) map.delete(token);
    }
  }
}

const globalForSandbox = globalThis as unknown as { qtSandboxState?: SandboxState };

export function getSandboxState(): SandboxState {
  globalForSandbox.qtSandboxState ??= new SandboxState();
  return globalForSandbox.qtSandboxState;
}
