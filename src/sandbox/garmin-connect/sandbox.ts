import type { SandboxProvider } from "@/sandbox/types";
import { apiRoutes } from "./sandbox-api";
import { ssoRoutes } from "./sandbox-sso";
import { authenticateConnect, CONSUMER_ROUTES, tokenRoutes } from "./sandbox-tokens";
import { connectWeightRoutes } from "./sandbox-weight";
import { connectWorkoutRoutes } from "./sandbox-workouts";

// Garmin Connect as the mobile app meets it, for both user databases: garmin.com and garmin.cn
// serve the same protocol on their own hosts, and nothing issued on one works on the other.
function domainRoutes(domain: "garmin.com" | "garmin.cn") {
  const api = `connectapi.${domain}`;
  return [
    ...ssoRoutes(`sso.${domain}`),
    ...tokenRoutes(api),
    ...apiRoutes(api),
    ...connectWorkoutRoutes(api, authenticateConnect),
    ...connectWeightRoutes(api),
  ];
}

export const garminConnectSandbox: SandboxProvider = {
  routes: [...CONSUMER_ROUTES, ...domainRoutes("garmin.com"), ...domainRoutes("garmin.cn")],
};
