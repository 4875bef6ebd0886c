// Original files cost one request each, every one on a path of its own (an exercise id, a file
// name). Counted per path, a first sync's hundreds of them would bury the report; these
// patterns count them together, the sync's and the fewest alike.
const FILE_PATHS: Array<[RegExp, string]> = [
  [/^(GET www\.polaraccesslink\.com\/v3\/exercises\/)[^/]+(\/(?:fit|tcx|gpx))$/, "$1{exerciseId}$2"],
  [/^(GET oss\.coros\.com\/fit\/)[^/]+\/[^/]+$/, "$1{folder}/{file}.fit"],
  [
    /^(GET health\.googleapis\.com\/v4\/users\/me\/dataTypes\/exercise\/dataPoints\/)[^/]+(:exportExerciseTcx)$/,
    "$1{id}$2",
  ],
  [/^(GET apis\.garmin\.com\/wellness-api\/rest\/activityFile)$/, "$1"],
];

const patternOf = (key: string) =>
  FILE_PATHS.reduce((path, [pattern, template]) => path.replace(pattern, template), key);

/** Request counts keyed "METHOD host/path", with each provider's file downloads under one pattern. */
export function byPathPattern(counts: ReadonlyMap<string, number>): Map<string, number> {
  const grouped = new Map<string, number>();
  for (const [key, n] of counts) grouped.set(patternOf(key), (grouped.get(patternOf(key)) ?? 0) + n);
  return grouped;
}
