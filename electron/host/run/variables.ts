/**
 * Variable substitution and secret masking for run commands. `{{name}}` (spaces allowed inside
 * the braces) is replaced only for names in `values`; anything else in double braces, such as
 * docker's Go templates `{{.Names}}` or a variable the runbook does not declare, stays as it is.
 */
export const secretMask = '••••••';

// `\{{` is the runbook format's escape for two literal braces (Jinja's `{{ inventory_hostname }}`):
// never a reference, and sent as `{{` (see sendable).
const reference = /(?<!\\)\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The text with every `{{name}}` whose name has a value replaced by that value. */
export function substitute(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(reference, (whole, name: string) =>
    Object.hasOwn(values, name) ? (values[name] as string) : whole,
  );
}

/** What goes to the terminal: the template filled in, and each escaped `\{{` sent as `{{`. */
export function sendable(template: string, values: Readonly<Record<string, string>>): string {
  return substitute(template, values).replace(/\\\{\{/g, '{{');
}

/** The names a template refers to (declared or not), in order of first use. */
export function referencedNames(template: string): string[] {
  return [...new Set([...template.matchAll(reference)].map((match) => match[1] as string))];
}

/** Replaces every occurrence of a secret value with the mask, longest value first. */
export function maskSecrets(text: string, secretValues: Iterable<string>): string {
  const values = [...new Set(secretValues)]
    .filter((value) => value !== '')
    .sort((a, b) => b.length - a.length);
  let masked = text;
  for (const value of values) masked = masked.split(value).join(secretMask);
  return masked;
}

/**
 * The text to show and store: plain values filled in, secret references replaced by the mask, and
 * any secret value that appears literally masked as well.
 */
export function displayText(
  template: string,
  plain: Readonly<Record<string, string>>,
  secretNames: readonly string[],
  secretValues: Iterable<string> = [],
): string {
  const masks = Object.fromEntries(secretNames.map((name) => [name, secretMask]));
  return maskSecrets(substitute(template, { ...plain, ...masks }), secretValues);
}

/**
 * An operator's edit as a template: a secret value typed literally becomes a reference to its
 * variable, so the log holds the name and the command still sends the value.
 */
export function templateOf(text: string, secrets: ReadonlyMap<string, string>): string {
  const byLength = [...secrets]
    .filter(([, value]) => value !== '')
    .sort(([, a], [, b]) => b.length - a.length);
  let template = text;
  for (const [name, value] of byLength) template = template.split(value).join(`{{${name}}}`);
  return template;
}
