import { randomBytes } from "node:crypto";
import { sandboxAccount } from "@/sandbox/accounts";
import type { SandboxState } from "@/sandbox/state";

// What the simulated Garmin Connect remembers, per SandboxState (a reset forgets it). China and
// global are separate user databases: every record names its domain, and nothing issued on one
// is accepted on the other.

export type GarminDomain = "garmin.com" | "garmin.cn";

export interface ConnectStore {
  /** SSO sessions (cookie SESSION): which login they are for, and whether a code is awaited. */
  sessions: Map<string, { domain: GarminDomain; login: string; awaitingCode: boolean }>;
  /** CAS service tickets: single use, bound to the service they were issued for. */
  tickets: Map<string, { domain: GarminDomain; login: string; service: string; expiresAt: number; isMfa: boolean }>;
  /** OAuth 1.0a user tokens from preauthorized. */
  oauth1: Map<string, { domain: GarminDomain; login: string; secret: string }>;
  /** Files uploaded through /upload-service/upload, by content hash, per domain and login. */
  uploads: Map<string, { domain: GarminDomain; login: string; activityId: number; fileName: string; at: number }>;
  /** Activities deleted through DELETE /activity-service/activity/{id}, as `domain:login:id`. */
  deleted: Set<string>;
}

const stores = new WeakMap<SandboxState, ConnectStore>();

export function connectStore(state: SandboxState): ConnectStore {
  let store = stores.get(state);
  if (!store)
    stores.set(
      state,
      (store = { sessions: new Map(), tickets: new Map(), oauth1: new Map(), uploads: new Map(), deleted: new Set() }),
    );
  return store;
}

export const randomId = (prefix: string) => `${prefix}${randomBytes(18).toString("base64url")}`;

/** The provider key a domain's accounts and tokens live under (distinct people per region). */
export const providerOf = (domain: GarminDomain) => (domain === "garmin.cn" ? "garmin_connect_cn" : "garmin_connect");

export const domainOfHost = (host: string): GarminDomain => (host.endsWith(".garmin.cn") ? "garmin.cn" : "garmin.com");

/** A sign-in's login: what the person typed, as Garmin matches it (case-insensitive). */
export const loginOf = (username: string) => username.trim().toLowerCase();

export function connectProfile(domain: GarminDomain, login: string) {
  const account = sandboxAccount(providerOf(domain), login);
  return {
    id: account.numericId,
    profileId: account.numericId,
    garminGUID: account.uuid,
    displayName: account.uuid,
    fullName: `${account.firstName} ${account.lastName}`,
    userName: account.email,
    location: domain === "garmin.cn" ? "上海" : null,
  };
}

/** The key a deleted activity is remembered by: ids are per domain and login. */
export const activityKey = (domain: GarminDomain, login: string, activityId: number) =>
  `${domain}:${login}:${activityId}`;
