/** What linking by password means, said before the person types it. */
export function PasswordLinkNotice({ familyName, isSandbox }: { familyName: string; isSandbox: boolean }) {
  return (
    <div className="flex flex-col gap-2 text-sm text-zinc-700 dark:text-zinc-300">
      <p>
        This signs in to {familyName} with <strong>your own {familyName} password</strong>, the way tools like garth and
        python-garminconnect do. QT.run sends it to {familyName} once to get access tokens, and from then on works with
        the tokens, stored encrypted.
      </p>
      <p>
        The password is <strong>not stored</strong> unless you tick &ldquo;sign in again automatically&rdquo;; then it
        is kept encrypted so the tokens can be renewed without you.
      </p>
      <p>
        The risks: {familyName} does not offer this to other apps and may block sign-ins from servers or ask you to
        confirm them; whoever runs this QT.run server could use the tokens (and a kept password) to read your account.
        Where the official Connect button works, prefer it.
      </p>
      {isSandbox ? (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          Sandbox: any username works; the password &ldquo;wrong-password&rdquo; is always wrong. A username starting
          with &ldquo;blocked&rdquo; meets the bot block; at Garmin, one starting with &ldquo;mfa&rdquo; asks for a code
          (123456); at COROS, one starting with &ldquo;eu-&rdquo; or &ldquo;cn-&rdquo; lives in that region.
        </p>
      ) : null}
    </div>
  );
}
