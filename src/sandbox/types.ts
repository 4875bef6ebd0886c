import type { SandboxState } from "./state";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface SandboxRequest {
  request: Request;
  /** The URL as the provider would have seen it: https://<host>/<path>?<query>. */
  url: URL;
  /** Path parameters from the route pattern (`/v3/users/:userId`). */
  params: Record<string, string>;
  state: SandboxState;
  /** Where the sandbox is mounted, for links it renders (e.g. the authorize form). */
  mountUrl: string;
}

export type SandboxHandler = (request: SandboxRequest) => Response | Promise<Response>;

export interface SandboxRoute {
  method: HttpMethod;
  host: string;
  /** Literal segments and `:name` parameters. */
  path: string;
  handle: SandboxHandler;
  /**
   * For two simulators that share a host and a path shape (COROS's file host serves the official
   * API's plain fitUrls and Training Hub's pre-signed links): whether this request is this route's.
   */
  accepts?(url: URL): boolean;
}

/** A push notification exactly as the provider would send it (signed with its secret). */
export interface SandboxWebhook {
  headers: Record<string, string>;
  body: string;
}

export interface SandboxProvider {
  routes: SandboxRoute[];
  /**
   * Builds the provider's webhook for a sandbox account, for "send webhook" (tests, demos);
   * undefined for a kind the provider never sends (most send no deauthorization push).
   */
  buildWebhook?(params: {
    account: string;
    kind: "sync" | "deauthorized";
    /**
     * For a provider that delivers either way (Garmin's endpoint configuration, per summary
     * type): a ping naming where the data is (the default) or a push carrying the data itself.
     */
    delivery?: "ping" | "push";
    webhookSecret: string;
    clientId: string;
    clientSecret: string;
    /** What the simulator remembers, e.g. the signing key a webhook registration handed out. */
    state?: SandboxState;
  }): SandboxWebhook | undefined;
}
