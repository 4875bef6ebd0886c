import type { ProviderSlug } from "@/lib/providers/base-types";
import { corosSandbox } from "./coros/sandbox";
import { fitbitSandbox } from "./fitbit/sandbox";
import { garminSandbox } from "./garmin/sandbox";
import { corosHubSandbox } from "./coros-hub/sandbox";
import { garminConnectSandbox } from "./garmin-connect/sandbox";
import { ouraSandbox } from "./oura/sandbox";
import { polarSandbox } from "./polar/sandbox";
import { stravaSandbox } from "./strava/sandbox";
import type { SandboxProvider } from "./types";
import { whoopSandbox } from "./whoop/sandbox";

// Each provider's documented protocol, played by /sandbox, keyed by its slug. Kept apart from
// the provider registry so a route that talks to real providers never loads the simulators:
// only the /sandbox route, its webhook sender and tests import this.
export const SANDBOXES: Readonly<Record<ProviderSlug, SandboxProvider>> = {
  strava: stravaSandbox,
  garmin: garminSandbox,
  oura: ouraSandbox,
  whoop: whoopSandbox,
  fitbit: fitbitSandbox,
  polar: polarSandbox,
  coros: corosSandbox,
  // Accounts linked with the person's own password (lib/providers/credential-index.ts): one
  // simulator per integration, covering every region's hosts.
  garmin_connect: garminConnectSandbox,
  coros_training_hub: corosHubSandbox,
};

/** The simulators as the router takes them, in registry order. */
export const listSandboxes = (): Array<{ slug: ProviderSlug; sandbox: SandboxProvider }> =>
  Object.entries(SANDBOXES).map(([slug, sandbox]) => ({ slug, sandbox }));
