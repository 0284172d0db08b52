/** Reliability tests print their counters in one greppable line each: `reliability <suite>: a=1 b=0`. */
export function reportCounters(suite: string, counters: Record<string, number>): void {
  const text = Object.entries(counters)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  console.log(`reliability ${suite}: ${text}`);
}
