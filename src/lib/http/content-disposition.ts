// Controls, path separators and characters Windows refuses in a name.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f/\\:*?"<>|\u202a-\u202e\u2066-\u2069]+/g;

/**
 * `attachment` with a name a browser saves as is: an ASCII `filename` for old clients and the
 * full UTF-8 name in `filename*` (RFC 6266 / 8187). Whatever the name held, neither form can
 * carry a path, a quote that ends the parameter, or a control character.
 */
export function attachmentDisposition(fileName: string): string {
  const cleaned =
    fileName
      .replace(UNSAFE, "_")
      .replace(/^[.\s]+/, "")
      .trim() || "download";
  const ascii = cleaned
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/[%;]/g, "_");
  const encoded = encodeURIComponent(cleaned).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
