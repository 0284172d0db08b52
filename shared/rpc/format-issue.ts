import type { z } from 'zod';

/** The dotted path of a zod issue under a root name: `params.steps.3.title`. */
export function issuePath(root: string, issue: z.core.$ZodIssue): string {
  return [root, ...issue.path.map((part) => String(part))].join('.');
}

/** One line naming the first offending field and what was wrong with it. */
export function describeFirstIssue(root: string, error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  if (issue === undefined) return { field: root, message: `${root}: invalid` };
  const field = issuePath(root, issue);
  return { field, message: `${field}: ${issue.message}` };
}
