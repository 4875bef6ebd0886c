import { createHmac } from "node:crypto";
import OAuth from "oauth-1.0a";

/**
 * What garth does on a person's own computer, against the sandbox: sign in at the SSO, buy the
 * OAuth 1.0a token with the ticket and the OAuth 2.0 pair with that, and write the two files it
 * keeps in ~/.garth (field names as garth's dataclasses dump them). Written apart from our
 * client on purpose: an import test must not use the code it tests to make its input.
 */
export async function garthTokenFiles(
  sandboxUrl: string,
  params: { username: string; password: string; domain?: "garmin.com" | "garmin.cn"; expiredOAuth2?: boolean },
) {
  const domain = params.domain ?? "garmin.com";
  const service = `https://mobile.integration.${domain}/gcm/android`;
  const login = await fetch(
    `${sandboxUrl}/sso.${domain}/mobile/api/login?${new URLSearchParams({ clientId: "GCM_ANDROID_DARK", locale: "en-US", service })}`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        username: params.username,
        password: params.password,
        rememberMe: false,
        captchaToken: "",
      }),
    },
  );
  const { serviceTicketId: ticket } = (await login.json()) as { serviceTicketId: string };
  const consumerReply = (await (await fetch(`${sandboxUrl}/thegarth.s3.amazonaws.com/oauth_consumer.json`)).json()) as {
    consumer_key: string;
    consumer_secret: string;
  };
  const oauth = new OAuth({
    consumer: { key: consumerReply.consumer_key, secret: consumerReply.consumer_secret },
    signature_method: "HMAC-SHA1",
    hash_function: (base, key) => createHmac("sha1", key).update(base).digest("base64"),
  });
  const signed = (method: string, url: string, token?: OAuth.Token, data?: Record<string, string>) =>
    oauth.toHeader(oauth.authorize({ method, url, data }, token)).Authorization;
  const preauthorizedUrl = `https://connectapi.${domain}/oauth-service/oauth/preauthorized?${new URLSearchParams({ ticket, "login-url": service, "accepts-mfa-tokens": "true" })}`;
  const preauthorized = await fetch(preauthorizedUrl.replace("https://", `${sandboxUrl}/`), {
    headers: { authorization: signed("GET", preauthorizedUrl) },
  });
  const oauth1 = Object.fromEntries(new URLSearchParams(await preauthorized.text()));
  const exchangeUrl = `https://connectapi.${domain}/oauth-service/oauth/exchange/user/2.0`;
  const form = { audience: "GARMIN_CONNECT_MOBILE_ANDROID_DI" };
  const exchanged = await fetch(exchangeUrl.replace("https://", `${sandboxUrl}/`), {
    method: "POST",
    headers: {
      authorization: signed(
        "POST",
        exchangeUrl,
        { key: oauth1.oauth_token!, secret: oauth1.oauth_token_secret! },
        form,
      ),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(form),
  });
  const oauth2 = (await exchanged.json()) as Record<string, unknown> & {
    access_token: string;
    expires_in: number;
    refresh_token_expires_in: number;
  };
  const now = Math.floor(Date.now() / 1000);
  return {
    "oauth1_token.json": {
      oauth_token: oauth1.oauth_token,
      oauth_token_secret: oauth1.oauth_token_secret,
      mfa_token: null,
      mfa_expiration_timestamp: null,
      domain,
    },
    "oauth2_token.json": {
      ...oauth2,
      expires_at: params.expiredOAuth2 ? now - 60 : now + oauth2.expires_in,
      refresh_token_expires_at: now + oauth2.refresh_token_expires_in,
    },
  };
}
