// Markup written as text for the Health page's repeated parts (markup-shape.ts puts it together
// per row). Everything written here is escaped; callers pass text and numbers, never markup from
// outside.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text safe inside an element or a quoted attribute. */
export const escapeMarkup = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

type Attributes = Record<string, string | number | null | undefined>;

/** One element: attribute values escaped, null and undefined left out; `inner` is markup already. */
export function element(name: string, attributes: Attributes, inner = ""): string {
  let markup = `<${name}`;
  for (const [key, value] of Object.entries(attributes))
    if (value !== null && value !== undefined) markup += ` ${key}="${escapeMarkup(String(value))}"`;
  return `${markup}>${inner}</${name}>`;
}
