const SECONDS_PER_UNIT: Readonly<Record<string, number>> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86_400,
  day: 86_400,
  days: 86_400,
  w: 604_800,
  wk: 604_800,
  wks: 604_800,
  week: 604_800,
  weeks: 604_800,
  mo: 2_592_000,
  mos: 2_592_000,
  month: 2_592_000,
  months: 2_592_000,
};

const PART = /(\d+(?:\.\d+)?)\s*([a-z]*)/y;
const SEPARATOR = /\s+and\s+|\s*,\s*|\s+/y;

/**
 * Seconds in a GitLab duration (`timeout`, `start_in`, `expire_in`): `"1h 30m"`, `"3 hours"`,
 * `"2 days and 4 hours"`, `"90"` (a bare number is seconds, as in GitLab). Undefined when the
 * text is not a duration.
 * @example parseDuration("1h 30m") // 5400
 */
export function parseDuration(text: string): number | undefined {
  const input = text.trim().toLowerCase();
  let seconds = 0;
  let parts = 0;
  let position = 0;
  while (position < input.length) {
    SEPARATOR.lastIndex = position;
    if (parts > 0 && SEPARATOR.exec(input)) position = SEPARATOR.lastIndex;
    PART.lastIndex = position;
    const match = PART.exec(input);
    if (match === null) return undefined;
    const unit = match[2] === "" ? 1 : SECONDS_PER_UNIT[match[2] ?? ""];
    if (unit === undefined) return undefined;
    seconds += Number(match[1]) * unit;
    parts += 1;
    position = PART.lastIndex;
  }
  return parts === 0 ? undefined : Math.round(seconds);
}
