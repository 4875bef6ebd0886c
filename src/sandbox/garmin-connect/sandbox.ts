import type { SandboxProvider } from "@/sandbox/types";
import { apiRoutes } from "./sandbox-api";
import { ssoRoutes } from "./sandbox-sso";
import { CONSUMER_ROUTES, tokenRoutes } from "./sandbox-tokens";

// Garmin Connect as the mobile app meets it, for both user databases: garmin.com and garmin.cn
// serve the same protocol on their own hosts, and nothing issued on one works on the other.
function domainRoutes(domain: "garmin.com" | "garmin.cn") {
  return [...ssoRoutes(`sso.${domain}`), ...tokenRoutes(`connectapi.${domain}`), ...apiRoutes(`connectapi.${domain}`)];
}

export const garminConnectSandbox: SandboxProvider = {
  routes: [...CONSUMER_ROUTES, ...domainRoutes("garmin.com"), ...domainRoutes("garmin.cn")],
};
