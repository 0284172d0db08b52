/**
 * Commands that lose data or take hosts down: the runner asks for confirmation in production.
 * Each pattern is anchored on a word and uses bounded repetition only.
 */
const destructivePatterns: RegExp[] = [
  /\bprune\b[^\n]{0,200}?(?:-a\b[^\n]{0,200}?-f\b|-f\b[^\n]{0,200}?-a\b|-af\b|-fa\b|--all\b[^\n]{0,200}?--force\b|--force\b[^\n]{0,200}?--all\b)/,
  /\bireallymeanit=yes\b/,
  /\breboot\b/,
  /\bshutdown\b|\bpoweroff\b/,
  /\brm\s+(?:-[a-zA-Z]*r[a-zA-Z]*f|-[a-zA-Z]*f[a-zA-Z]*r|-r\s+-f|-f\s+-r|--recursive\s+--force|--force\s+--recursive)\b/,
  /\b(?:database|db|mariadb|mysql|postgres(?:ql)?)\b[^\n]{0,80}\brestore\b|\brestore\b[^\n]{0,80}\b(?:database|db|mariadb|mysql)\b/i,
  /\bdrop\s+(?:database|table)\b/i,
  /\bmkfs(?:\.\w+)?\b|\bdd\s+if=/,
];

export function looksDestructive(command: string): boolean {
  return destructivePatterns.some((pattern) => pattern.test(command));
}
