/**
 * Where JSON.parse gave up, as "position N (line L, column C)". Node 20's messages quote a
 * snippet instead of a position (newer V8 says "at position N"), so both are read.
 */
export function describeJsonError(error: SyntaxError, text: string): string {
  const position = jsonErrorPosition(error.message, text);
  if (position === undefined) return error.message;
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return `${error.message.replace(/\s*\(line \d+ column \d+\)$/, "")} at position ${position} (line ${line}, column ${column})`;
}

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
