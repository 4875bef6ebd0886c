import { XMLParser } from "fast-xml-parser";
import { AppError } from "@/lib/errors";
import { MAX_POINTS } from "./points";

/** An element as fast-xml-parser gives it: attributes as "@_name", text as "#text", children by local name. */
export type XmlNode = { [key: string]: unknown };

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * The five predefined XML entities and character references, and nothing else: entity expansion is
 * off in the parser (no XXE, no billion laughs), so text that needs decoding is decoded here.
 */
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== "#") return XML_ENTITIES[name] ?? whole;
    const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** An element's text, whether it came as a bare value or beside attributes. */
export function text(node: unknown): string | undefined {
  if (typeof node === "string") return decodeEntities(node);
  if (typeof node === "number") return String(node);
  if (node && typeof node === "object" && "#text" in node) return text((node as XmlNode)["#text"]);
  return undefined;
}

export const child = (node: unknown, name: string): XmlNode | undefined => {
  const value = node && typeof node === "object" ? (node as XmlNode)[name] : undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first && typeof first === "object" ? (first as XmlNode) : undefined;
};

export const children = (node: unknown, name: string): XmlNode[] => {
  const value = node && typeof node === "object" ? (node as XmlNode)[name] : undefined;
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((item): item is XmlNode => !!item && typeof item === "object");
};

export interface ParsedXml {
  root: XmlNode;
  /** False when the text stops before the root element closes: an upload or download cut short. */
  isComplete: boolean;
  /** Point elements past MAX_POINTS, dropped while parsing so a huge file cannot fill memory. */
  pointsDropped: number;
}

/**
 * Parses GPX or TCX with namespace prefixes removed (devices write gpxtpx:, ns3:, ax: for the same
 * extensions), every value kept as text, and `arrays` always arrays even when one element is present.
 */
export function parseXml(
  bytes: Uint8Array,
  options: { label: string; rootTag: string; pointTag: string; arrays: string[] },
): ParsedXml {
  const arrays = new Set(options.arrays);
  let points = 0;
  let pointsDropped = 0;
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    removeNSPrefix: true,
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // Callbacks get a matcher instead of a path string built for every tag; they only look at the name.
    jPath: false,
    isArray: (name) => arrays.has(name),
    updateTag: (name) => {
      if (name !== options.pointTag) return name;
      if (++points <= MAX_POINTS) return name;
      pointsDropped++;
      return false;
    },
  });
  const xml = new TextDecoder("utf-8").decode(bytes);
  let document: unknown;
  try {
    // fast-xml-parser is lenient: a file cut short parses, with its open elements closed at the end.
    document = parser.parse(xml);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("INVALID_INPUT", `The ${options.label} file cannot be read as XML: ${reason}`);
  }
  const isComplete = new RegExp(`</([\\w.-]+:)?${options.rootTag}\\s*>(\\s*<!--[\\s\\S]*?-->)*\\s*$`).test(
    xml.slice(-300),
  );
  return { root: (document ?? {}) as XmlNode, isComplete, pointsDropped };
}

/** The warnings every XML format shares: cut short, too many points. */
export function xmlWarnings(parsed: ParsedXml, points: { time: Date }[]): string[] {
  const out: string[] = [];
  if (!parsed.isComplete) {
    const first = points[0]?.time.getTime();
    const last = points.at(-1)?.time.getTime();
    const minutes = first !== undefined && last !== undefined ? Math.floor((last - first) / 60_000) : 0;
    out.push(`The file ends early (truncated); the first ${minutes} minutes were read.`);
  }
  if (parsed.pointsDropped) out.push(overLimitWarning(parsed.pointsDropped));
  return out;
}

const overLimitWarning = (dropped: number) =>
  `The file has more than ${MAX_POINTS.toLocaleString("en")} points; the ${dropped} after them were left out.`;
