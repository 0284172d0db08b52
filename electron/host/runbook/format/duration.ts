/** Durations as people write them in runbooks: `200s`, `10m`, `1h30m`, `2h`. */
const unitSeconds: Record<string, number> = { h: 3600, m: 60, s: 1 };

export function parseDuration(text: string): number | undefined {
  const match = /^(?:(\d{1,5})h)?(?:(\d{1,5})m)?(?:(\d{1,7})s)?$/.exec(text.trim());
  if (match === null || text.trim() === '') return undefined;
  const [, hours, minutes, seconds] = match;
  const total =
    Number(hours ?? 0) * unitSeconds.h! + Number(minutes ?? 0) * unitSeconds.m! + Number(seconds ?? 0);
  return total > 0 ? total : undefined;
}

export function formatDuration(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return `${hours ? `${hours}h` : ''}${minutes ? `${minutes}m` : ''}${seconds ? `${seconds}s` : ''}` || '0s';
}
