// Cursors are opaque to callers: the sort key of a page's last row as base64url JSON. They are
// not signed: a forged one only moves the caller within their own rows, since every read is
// scoped to the authenticated person anyway.

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** The decoded key, or undefined for anything that is not one of ours (the schema then refuses it). */
export function decodeCursor(value: string): unknown {
  try {
    return JSON.parse(Buffer.from(value, "base64url").toString());
  } catch {
    return undefined;
  }
}
