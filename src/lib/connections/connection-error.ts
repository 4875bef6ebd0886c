import type { ProviderDefinition } from "@/lib/providers/types";

export const CONNECTION_FAILURES = {
  unknown_provider: "QT.run does not know that provider.",
  not_configured:
    "This provider is not set up on this QT.run yet: its client id and secret are missing (an admin adds them under Settings → Provider apps).",
  invalid_state: "This connection link is not valid. Start again from Connected sources.",
  replayed_state: "This connection link was already used. Start again from Connected sources.",
  expired_state: "This connection link expired (they last 10 minutes). Start again from Connected sources.",
  foreign_state:
    "This connection was started by a different QT.run account. Sign in as that account, or start again here.",
  denied: "You did not allow access, so nothing was connected.",
  provider_error: "The provider reported a problem and nothing was connected.",
  exchange_failed: "The provider did not accept the sign-in, so nothing was connected. Please try again.",
  missing_scope:
    "Some permissions QT.run needs were not granted, so nothing was connected. Connect again and leave them ticked.",
} as const;

export type ConnectionFailure = keyof typeof CONNECTION_FAILURES;

export function isConnectionFailure(value: string): value is ConnectionFailure {
  return value in CONNECTION_FAILURES;
}

/** Why a connection attempt stopped; the callback shows the person its message. */
export class ConnectionError extends Error {
  constructor(
    readonly reason: ConnectionFailure,
    readonly provider?: ProviderDefinition,
    readonly detail?: string,
  ) {
    super(`${provider ? `${provider.name}: ` : ""}${CONNECTION_FAILURES[reason]}${detail ? ` (${detail})` : ""}`);
    this.name = "ConnectionError";
  }
}
