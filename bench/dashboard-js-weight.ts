// JavaScript a page makes the browser download, gzip-compressed: every chunk its HTML names,
// whether as a <script src> or inside the inline RSC payload (client components' chunks).
import { gzipSync } from "node:zlib";

const CHUNK_PATH = /\/_next\/static\/[^"'\s\\]+?\.js/g;

export function findScriptUrls(html: string): string[] {
  // A `noModule` script (Next's legacy polyfills) is never fetched by a browser that runs modules,
  // which every browser we support does: counting it would weigh bytes nobody downloads.
  const tags = [...html.matchAll(/<script\b([^>]*)>/g)].flatMap((match) => {
    const src = /\ssrc="([^"]+)"/.exec(match[1]!)?.[1];
    return src
      ? [{ src: src.replaceAll("&amp;", "&").split("?")[0]!, isNoModule: /\snomodule\b/i.test(match[1]!) }]
      : [];
  });
  const fromTags = tags.filter((tag) => !tag.isNoModule).map((tag) => tag.src);
  const skipped = new Set(tags.filter((tag) => tag.isNoModule).map((tag) => tag.src));
  // The flight data escapes quotes, so chunk paths there are found by shape rather than by attribute.
  const fromPayload = [...html.matchAll(CHUNK_PATH)].map((match) => match[0]);
  return [
    ...new Set(
      [...fromTags, ...fromPayload]
        .map((src) => src.split("?")[0]!)
        .filter((src) => src.endsWith(".js") && !skipped.has(src)),
    ),
  ].sort();
}

export interface JsWeight {
  scripts: number;
  rawKb: number;
  gzipKb: number;
}

const cache = new Map<string, { raw: number; gzip: number }>();

async function sizeOf(url: string): Promise<{ raw: number; gzip: number }> {
  const known = cache.get(url);
  if (known) return known;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  // Level 6 is zlib's default and what Next's own compression middleware sends.
  const size = { raw: body.length, gzip: gzipSync(body, { level: 6 }).length };
  cache.set(url, size);
  return size;
}

export async function measureJsWeight(baseUrl: string, html: string): Promise<JsWeight> {
  const sizes = await Promise.all(findScriptUrls(html).map((src) => sizeOf(new URL(src, baseUrl).toString())));
  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
  return {
    scripts: sizes.length,
    rawKb: kb(sizes.reduce((sum, size) => sum + size.raw, 0)),
    gzipKb: kb(sizes.reduce((sum, size) => sum + size.gzip, 0)),
  };
}
