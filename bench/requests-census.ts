import { handleSandboxRequest, SandboxState } from "../src/sandbox";
import type { ProviderDefinition } from "../src/lib/providers/types";

/**
 * The perfect client: it asks the sandbox directly (its own state, not through the counting
 * proxy) with the widest windows and largest pages a provider documents, follows every page
 * token, and counts what that took. How many pages the data fills is the sandbox's to say.
 */
export class Census {
  private readonly state = new SandboxState();
  /** Requests by "METHOD host/path", as the counting proxy keys the sync's own. */
  readonly requests = new Map<string, number>();

  constructor(readonly account: string) {}

  /** A token for the account with every scope the provider asks for, never expiring. */
  grant(provider: ProviderDefinition): string {
    const token = this.state.issue(`${provider.slug}_census`);
    this.state.accessTokens.set(token, {
      provider: provider.slug,
      account: this.account,
      scopes: [...provider.oauth.scopes],
      expiresAt: null,
    });
    return token;
  }

  /** Provider-side flags a connect would have set (Polar's user registration). */
  register(key: string) {
    this.state.registrations.add(key);
  }

  /** Requests that need no asking to count (Garmin's backfill requests carry no data back). */
  add(method: "GET" | "POST", realUrl: string, requests: number) {
    const url = new URL(realUrl);
    const key = `${method} ${url.host}${url.pathname}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + requests);
  }

  async call(
    realUrl: string,
    init: { token?: string; method?: "GET" | "POST"; body?: unknown } = {},
  ): Promise<unknown> {
    this.add(init.method ?? "GET", realUrl, 1);
    const url = new URL(realUrl);
    const headers: Record<string, string> = { accept: "application/json" };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const request = new Request(`http://census/${url.host}${url.pathname}${url.search}`, {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const response = await handleSandboxRequest(request, { mountPath: "", state: this.state });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw new Error(`census ${url.pathname}: HTTP ${response.status} ${JSON.stringify(body)}`);
    return body;
  }

  /** Follows a paged list: `next` reads the token for the following page from a body. */
  async pages(
    urlFor: (token?: string) => string,
    next: (body: unknown) => string | undefined,
    init: { token?: string } = {},
  ) {
    let pageToken: string | undefined;
    do pageToken = next(await this.call(urlFor(pageToken), init));
    while (pageToken);
  }

  total(): number {
    return [...this.requests.values()].reduce((sum, n) => sum + n, 0);
  }
}
