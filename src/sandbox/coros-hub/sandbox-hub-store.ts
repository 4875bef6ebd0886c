import { createHash, randomBytes } from "node:crypto";
import { sandboxAccount } from "@/sandbox/accounts";
import type { SandboxState } from "@/sandbox/state";

// What the simulated Training Hub remembers. Accounts live in one region, chosen by their name
// (eu-… in Europe, cn-… in China, the rest global); a token works only on its account's region's host.

export type HubRegionId = 1 | 2 | 3;
export const HUB_HOSTS: Record<HubRegionId, string> = {
  1: "teamapi.coros.com",
  2: "teamcnapi.coros.com",
  3: "teameuapi.coros.com",
};
/** Where each region's FIT files are served from, pre-signed (the real hosts are UNCONFIRMED). */
export const FILE_HOSTS: Record<HubRegionId, string> = {
  1: "oss.coros.com",
  2: "coros-oss.oss-cn-beijing.aliyuncs.com",
  3: "eu-coros.s3.eu-central-1.amazonaws.com",
};
export const HUB_PROVIDER = "coros_training_hub";
export const TOKEN_TTL_MS = 12 * 3_600_000;

export const regionOfLogin = (login: string): HubRegionId =>
  login.startsWith("eu-") ? 3 : login.startsWith("cn-") ? 2 : 1;
export function regionOfHost(host: string): HubRegionId | undefined {
  const found = Object.entries(HUB_HOSTS).find(([, candidate]) => candidate === host);
  return found ? (Number(found[0]) as HubRegionId) : undefined;
}

export function hubProfile(login: string) {
  const account = sandboxAccount(HUB_PROVIDER, login);
  return {
    // COROS user ids are long numeric strings.
    userId: `4${String(account.numericId).padStart(17, "0")}`,
    nickname: `${account.firstName} ${account.lastName}`,
    email: account.email,
    headPic: "",
    countryCode: regionOfLogin(login) === 2 ? "CN" : regionOfLogin(login) === 3 ? "DE" : "US",
    birthday: 19900101,
    regionId: regionOfLogin(login),
  };
}

interface HubStore {
  /** Signed download links handed out: signature -> the file they open. */
  links: Map<string, { login: string; labelId: string; expiresAt: number }>;
}

const stores = new WeakMap<SandboxState, HubStore>();

export function hubStore(state: SandboxState): HubStore {
  let store = stores.get(state);
  if (!store) stores.set(state, (store = { links: new Map() }));
  return store;
}

export const signature = () => randomBytes(16).toString("hex");
export const md5 = (text: string) => createHash("md5").update(text).digest("hex");
