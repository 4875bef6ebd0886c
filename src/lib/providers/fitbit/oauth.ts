import { expiresInToDate } from "@/lib/oauth/oauth2-client";
import { TokenGrantError, parseTokenBody } from "@/lib/oauth/token-errors";
import type { OAuth2Spec } from "../types";
import { googleTokenSchema } from "./schemas";

const SCOPE_PREFIX = "https://www.googleapis.com/auth/googlehealth";

// Read-only scopes. The bare names (googlehealth.sleep, …) became write-only on 2026-05-26.
export const GOOGLE_HEALTH_SCOPES = {
  // Exercise, steps, distance, active minutes, VO2 max.
  activity: `${SCOPE_PREFIX}.activity_and_fitness.readonly`,
  // Heart rate, resting HR, HRV, SpO2, weight, body fat. Sources disagree on which scope gates
  // the heart-rate family, so this one is asked for beside activity.
  metrics: `${SCOPE_PREFIX}.health_metrics_and_measurements.readonly`,
  sleep: `${SCOPE_PREFIX}.sleep.readonly`,
} as const;

// Exercise GPS: with the activity scope, what exportExerciseTcx needs. Asked for, never required:
// without it workouts sync all the same, only without their TCX.
export const GOOGLE_HEALTH_LOCATION_SCOPE = `${SCOPE_PREFIX}.location.readonly`;

export const fitbitOAuth: OAuth2Spec = {
  kind: "oauth2",
  authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth",
  tokenUrl: "https://oauth2.googleapis.com/token",
  scopes: [...Object.values(GOOGLE_HEALTH_SCOPES), GOOGLE_HEALTH_LOCATION_SCOPE],
  scopeSeparator: " ",
  clientAuth: "body",
  pkce: true,
  credentialCheck: {
    verdict: "reliable",
    answers:
      'Google: 401 invalid_client ("Unauthorized", or "The OAuth client was not found." for an unknown id) for a wrong client; 400 invalid_grant ("Bad Request") for the right client with a made-up code.',
  },
  // offline: without it Google issues no refresh token. consent: without it a reconnecting person
  // may get none either. No include_granted_scopes: unioning an older fitness.* grant into the
  // token reportedly makes the Health data plane refuse it.
  authorizeParams: { access_type: "offline", prompt: "consent" },
  // Google's granular consent lets people untick any scope, and Google asks apps not to fail on
  // a partial grant. Any one of these still leaves data to sync (and answers /identity), e.g.
  // sleep and HRV only for someone who records workouts on another watch.
  requiredScopes: [Object.values(GOOGLE_HEALTH_SCOPES)],
  parseTokenResponse(body, { grant }) {
    const token = parseTokenBody(googleTokenSchema, body, "Google");
    // Google sends none on refresh (the old one stays valid); in the code exchange its absence
    // means the grant would die within the hour.
    if (grant === "authorization_code" && !token.refresh_token) {
      throw new TokenGrantError(
        "malformed_response",
        "Google token reply: refresh_token: missing from the code exchange (access_type=offline not honoured)",
      );
    }
    return {
      accessToken: token.access_token,
      refreshToken: token.refresh_token,
      expiresAt: expiresInToDate(token.expires_in),
      scopes: token.scope.split(" ").filter(Boolean),
    };
  },
};
