/**
 * A place in a body as "position N (line L, column C)": the byte offset, and where an editor
 * would show it. Only computed when a body has failed, so the extra pass costs nothing otherwise.
 */
export function describeBodyPosition(body: Buffer, position: number): string {
  const before = body.subarray(0, Math.min(position, body.length));
  let line = 1;
  let lineStart = 0;
  for (let index = before.indexOf(10); index !== -1; index = before.indexOf(10, index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return `position ${position} (line ${line}, column ${position - lineStart + 1})`;
}

/**
 * Where JSON.parse gave up inside `text`. Node 20's messages quote a snippet instead of a
 * position (newer V8 says "at position N"), so both are read.
 */
export function jsonErrorPosition(message: string, text: string): number | undefined {
  const stated = /at position (\d+)/.exec(message);
  if (stated) return Number(stated[1]);
  if (/Unexpected end of JSON input/.test(message)) return text.length;
  // 'Unexpected token '}', ..."etrics": [}" is not valid JSON': the snippet ends at the error.
  const snippet = /"(?:\.\.\.)?([\s\S]*?)(?:\.\.\.)?" is not valid JSON$/.exec(message)?.[1];
  if (!snippet) return undefined;
  const start = text.indexOf(snippet);
  if (start === -1) return undefined;
  const token = /Unexpected token '(.)'/.exec(message)?.[1];
  const offset = token ? snippet.indexOf(token) : snippet.length - 1;
  return start + Math.max(0, offset);
}
