/**
 * The SSO session's cookies between requests: the login answer sets the session the MFA step
 * must present, possibly minutes later and from another request. Serializable, so it can be
 * kept sealed with the challenge.
 */
export class CookieJar {
  private readonly cookies: Map<string, string>;

  constructor(entries: Record<string, string> = {}) {
    this.cookies = new Map(Object.entries(entries));
  }

  collect(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const separator = pair!.indexOf("=");
      if (separator <= 0) continue;
      const name = pair!.slice(0, separator).trim();
      const value = pair!.slice(separator + 1).trim();
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ") } : {};
  }

  toJSON(): Record<string, string> {
    return Object.fromEntries(this.cookies);
  }
}
