import { CONNECTION_FAILURES, isConnectionFailure } from "@/lib/connections/connection-error";
import { findProvider } from "@/lib/providers";

type OAuthResultBannerProps = { connected?: string; error?: string; provider?: string };

/** What happened on the way back from a provider's consent page. */
export function OAuthResultBanner({ connected, error, provider }: OAuthResultBannerProps) {
  if (connected) {
    const name = findProvider(connected)?.name ?? connected;
    return (
      <p
        role="status"
        className="mb-6 rounded-xl bg-emerald-50 px-4 py-3 text-sm text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300"
      >
        {name} is connected. Its data will start arriving shortly.
      </p>
    );
  }
  if (!error) return null;
  const name = provider ? (findProvider(provider)?.name ?? provider) : undefined;
  const message = isConnectionFailure(error) ? CONNECTION_FAILURES[error] : CONNECTION_FAILURES.provider_error;
  return (
    <p
      role="status"
      className="mb-6 rounded-xl bg-red-50 px-4 py-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-300"
      data-testid="oauth-error"
    >
      {name ? <strong>{name}: </strong> : null}
      {message}
    </p>
  );
}
