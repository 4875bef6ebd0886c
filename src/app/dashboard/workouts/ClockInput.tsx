"use client";

import { useState } from "react";
import { formatDuration } from "@/lib/format";

/** "4:05" or "1:02:05" as seconds; NaN for anything else, which the server then names. */
export function parseClock(text: string): number {
  const parts = text.trim().split(":");
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => !/^\d+$/.test(part))) return Number.NaN;
  const [seconds, minutes, hours = 0] = parts.map(Number).reverse() as [number, number, number?];
  if (seconds > 59 || (parts.length === 3 && minutes > 59)) return Number.NaN;
  return hours * 3600 + minutes * 60 + seconds;
}

const INPUT =
  "w-20 rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm tabular-nums dark:border-zinc-700 dark:bg-zinc-900";

/** A time or pace typed as m:ss, kept as text while it is typed and handed on as seconds. */
export function ClockInput({
  label,
  seconds,
  onChange,
}: {
  label: string;
  seconds: number;
  onChange: (seconds: number) => void;
}) {
  const [text, setText] = useState(() => (Number.isFinite(seconds) ? formatDuration(seconds) : ""));
  return (
    <input
      aria-label={label}
      inputMode="numeric"
      placeholder="m:ss"
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parseClock(event.target.value));
      }}
      className={INPUT}
    />
  );
}

/** A whole number field (bpm, watts, metres) that hands on NaN while empty. */
export function NumberInput({
  label,
  value,
  onChange,
  min,
  max,
  width = "w-20",
}: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
  width?: string;
}) {
  return (
    <input
      type="number"
      aria-label={label}
      min={min}
      max={max}
      value={Number.isFinite(value) ? value : ""}
      onChange={(event) => onChange(event.target.value === "" ? Number.NaN : Number(event.target.value))}
      className={INPUT.replace("w-20", width)}
    />
  );
}
