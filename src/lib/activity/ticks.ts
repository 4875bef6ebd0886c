const NICE_STEPS = [1, 2, 2.5, 5, 10];
// Elapsed-time steps a person would pick: minutes, then quarter and half hours, then hours.
const TIME_STEPS_S = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600];

const ticksFor = (min: number, max: number, step: number) => {
  const ticks: number[] = [];
  for (let value = Math.ceil(min / step) * step; value <= max + step * 1e-9; value += step)
    ticks.push(Number(value.toFixed(10)));
  return ticks;
};

/** Round values inside [min, max]: the finest round step that gives at most `count` + 1 of them. */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const magnitude = 10 ** Math.floor(Math.log10((max - min) / count));
  const steps = [magnitude / 10, magnitude, magnitude * 10].flatMap((base) => NICE_STEPS.map((nice) => nice * base));
  for (const step of steps) {
    const ticks = ticksFor(min, max, step);
    if (ticks.length <= count + 1) return ticks;
  }
  return [min, max];
}

/** Elapsed-time ticks from 0 to `durationS`, in whole minutes or hours. */
export function timeTicks(durationS: number, count = 5): number[] {
  if (!(durationS > 0)) return [0];
  const step =
    TIME_STEPS_S.find((candidate) => durationS / candidate <= count) ?? Math.ceil(durationS / count / 3600) * 3600;
  const ticks: number[] = [];
  for (let value = 0; value <= durationS; value += step) ticks.push(value);
  return ticks;
}
