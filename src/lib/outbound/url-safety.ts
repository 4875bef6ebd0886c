import dns from "node:dns";
import type { LookupFunction } from "node:net";
import net from "node:net";
import { getEnv } from "@/env";
import { getAppUrl } from "@/lib/providers/routing";
import { isPrivateAddress } from "./address-rules";

/** Where webhooks may go: private addresses only when the operator says so, never the app itself. */
export interface WebhookUrlPolicy {
  allowPrivate: boolean;
  /** The app's own origins (its configured URL, the one a request came in on). */
  appOrigins: string[];
}

export function webhookUrlPolicy(extraOrigins: string[] = []): WebhookUrlPolicy {
  return {
    allowPrivate: getEnv().QT_WEBHOOKS_ALLOW_PRIVATE,
    appOrigins: [new URL(getAppUrl()).origin, ...extraOrigins],
  };
}

const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/** What is wrong with a URL before any DNS: its scheme, credentials in it, the app itself, an IP literal. */
export function findUrlProblem(url: URL, policy: WebhookUrlPolicy): string | null {
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must be an http:// or https:// URL";
  if (url.username || url.password) return "must not carry a user name or password";
  if (policy.appOrigins.some((origin) => origin.toLowerCase() === url.origin.toLowerCase()))
    return "must not point at this app itself";
  const host = bareHost(url);
  if (net.isIP(host) && !policy.allowPrivate && isPrivateAddress(host))
    return `must not point at a private or local address (${host})`;
  return null;
}

/** Every address the host resolves to must be public (unless allowed); the problem, or null. */
export async function findResolvedProblem(url: URL, policy: WebhookUrlPolicy): Promise<string | null> {
  const host = bareHost(url);
  if (net.isIP(host) || policy.allowPrivate) return null;
  try {
    const addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
    const refused = addresses.find(({ address }) => isPrivateAddress(address));
    return refused ? `must not point at a private or local address (${host} is ${refused.address})` : null;
  } catch {
    return `has a host that could not be resolved (${host})`;
  }
}

/**
 * A DNS lookup for http.request that refuses private answers at connection time: the address
 * connected to is the one checked, so a name that resolved to a public address at registration
 * cannot be rebound to 127.0.0.1 for the delivery.
 */
export function safeLookup(policy: WebhookUrlPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, "", 4);
      const refused = policy.allowPrivate ? undefined : addresses.find(({ address }) => isPrivateAddress(address));
      if (refused || !addresses.length) {
        const reason = refused ? `${hostname} resolves to a private address (${refused.address})` : "no address";
        return callback(Object.assign(new Error(reason), { code: "EPRIVATEADDRESS" }), "", 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
