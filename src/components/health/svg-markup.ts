// Markup for the Health page's many small repeated parts (a chart's marks, a long table's rows),
// written as one string per series or table: a year of charts is about a thousand marks with a
// tooltip each, and as React elements every one went through the server render twice (the RSC
// payload and the HTML), most of the page's time. Everything written here is escaped; callers
// pass text and numbers, never markup from outside.

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

/** A tooltip: the `<title>` a browser shows on hover and a screen reader reads. */
export const titleElement = (text: string): string => `<title>${escapeMarkup(text)}</title>`;
