/**
 * reStructuredText inline markup to Markdown: links kept, roles reduced to their text, literals
 * to backticks, Sphinx substitutions to runbook variables. Every class is bounded.
 */
export function rstInline(text: string, variables: Map<string, number>, line: number): string {
  return (
    text
      // `text <url>`_ and anonymous `text <url>`__ : a link.
      .replace(/`([^`<>]{1,500}?)\s*<([^<>`\s]{1,1000})>`_{1,2}/g, (_, label: string, url: string) =>
        /^[a-z]+:\/\/|^\.{0,2}\//i.test(url)
          ? `[${label.replace(/\s+/g, ' ')}](${url})`
          : label.replace(/\s+/g, ' '),
      )
      // :role:`text <target>` and :role:`text`: the text.
      .replace(/:[\w.+-]{1,60}:`([^`<>]{1,500}?)\s*<[^<>`]{1,1000}>`/g, (_, label: string) =>
        label.replace(/\s+/g, ' '),
      )
      .replace(/:[\w.+-]{1,60}:`([^`]{1,500})`/g, (_, label: string) => label.replace(/\s+/g, ' '))
      // `reference`_ without a target here: its text.
      .replace(/(^|[^`])`([^`]{1,500})`_{1,2}/g, (_, before: string, label: string) => `${before}${label}`)
      // ``literal`` becomes `literal`.
      .replace(/``([^`]{1,1000}?)``/g, (_, literal: string) => `\`${literal}\``)
      .replace(
        /\|([A-Za-z][\w.-]{0,62})\|(?!_)/g,
        (_, name: string) => `{{${variableFor(name, variables, line)}}}`,
      )
  );
}

/** `|current_release|` in a code block with :substitutions:. */
export function substitute(text: string, variables: Map<string, number>, line: number): string {
  return text.replace(
    /\|([A-Za-z][\w.-]{0,62})\|/g,
    (_, name: string) => `{{${variableFor(name, variables, line)}}}`,
  );
}

export function variableFor(name: string, variables: Map<string, number>, line: number): string {
  const safe = name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 64);
  if (!variables.has(safe)) variables.set(safe, line);
  return safe;
}
