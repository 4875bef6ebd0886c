export type SleepStage = "awake" | "light" | "deep" | "rem";

export interface StageKind {
  // null: no stage of ours says it (unstaged sleep, unknown) — counted, not drawn.
  stage: SleepStage | null;
  isAsleep: boolean;
  isInBed: boolean;
}

// androidx SleepSessionRecord.STAGE_TYPE_*: the index is the constant, the name is HC's own
// STAGE_TYPE_STRING_TO_INT_MAP key (also what the in-app Test payload sends).
const STAGE_NAMES = ["unknown", "awake", "sleeping", "out_of_bed", "light", "deep", "rem", "awake_in_bed"] as const;

const KINDS: Record<(typeof STAGE_NAMES)[number], StageKind> = {
  unknown: { stage: null, isAsleep: false, isInBed: true },
  awake: { stage: "awake", isAsleep: false, isInBed: true },
  // Sleep the tracker could not stage (STAGE_TYPE_SLEEPING): still sleep.
  sleeping: { stage: null, isAsleep: true, isInBed: true },
  out_of_bed: { stage: "awake", isAsleep: false, isInBed: false },
  light: { stage: "light", isAsleep: true, isInBed: true },
  deep: { stage: "deep", isAsleep: true, isInBed: true },
  rem: { stage: "rem", isAsleep: true, isInBed: true },
  awake_in_bed: { stage: "awake", isAsleep: false, isInBed: true },
};

/** What a stage sent as "5", 5 or "deep" means; undefined for a value newer than this table. */
export function sleepStageOf(value: string | number): StageKind | undefined {
  const text = String(value).trim().toLowerCase();
  const name = /^\d+$/.test(text) ? STAGE_NAMES[Number(text)] : text;
  return name !== undefined && Object.hasOwn(KINDS, name) ? KINDS[name as keyof typeof KINDS] : undefined;
}
