/**
 * An authenticated Garmin Connect client: what the credential-linked account (#15) provides so
 * workouts can be sent through Connect's own API. `path` is on the account's Connect API host
 * (connectapi.garmin.com, or .cn for a China account); the client adds the host, the account's
 * access token and the app's headers, and routes the request (sandbox, PROVIDER_BASE_URL).
 */
export interface ConnectClient {
  request(path: string, init?: { method?: "GET" | "POST" | "PUT" | "DELETE"; json?: unknown }): Promise<Response>;
}
