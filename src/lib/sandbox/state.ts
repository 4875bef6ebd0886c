import { randomBytes } from "node:crypto";

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

export interface SandboxCall {
  provider: string;
  method: string;
  path: string;
  grant?: string;
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

  issue(prefix: string): string {
    return `${prefix}_${randomBytes(24).toString("base64url")}`;
  }

  record(call: SandboxCall) {
    this.calls.push(call);
    if (this.calls.length > 10_000) this.calls.splice(0, this.calls.length - 10_000);
  }

  countCalls(filter: Partial<SandboxCall>): number {
    return this.calls.filter((call) => Object.entries(filter).every(([key, value]) => call[key as keyof SandboxCall] === value)).length;
  }

  /** Invalidates every token of one account, as a person revoking access at the provider would. */
  revokeAccount(provider: string, account: string) {
    for (const map of [this.accessTokens, this.refreshTokens]) {
      for (const [token, issued] of map) if (issued.provider === provider && issued.account === account) map.delete(token);
    }
  }
}

const globalForSandbox = globalThis as unknown as { qtSandboxState?: SandboxState };

export function getSandboxState(): SandboxState {
  globalForSandbox.qtSandboxState ??= new SandboxState();
  return globalForSandbox.qtSandboxState;
}
