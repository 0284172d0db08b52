import type { Command } from '../../../../shared/runbook/index';
import { hasPrompt, hasSetE, readsAsCommand, readTranscript } from './console';
import { guideWarning, type Guide, type GuideBlock } from './guide';
import { substitute, variableFor } from './rst-inline';

type CodeBlock = Extract<GuideBlock, { type: 'code' }>;

/** Transcripts: prompts and output. */
const sessionLanguages = new Set(['console', 'shellsession', 'shell-session', 'sh-session', 'terminal']);
/** Scripts: the whole block is what to run. */
const scriptLanguages = new Set(['bash', 'sh', 'shell', 'zsh', 'ksh']);
/** Files and snippets shown without a remark. */
const quietShowLanguages = new Set([
  'yaml',
  'yml',
  'ini',
  'json',
  'toml',
  'cfg',
  'conf',
  'xml',
  'text',
  'txt',
  'none',
  'jinja',
  'diff',
]);

/**
 * A guide's code block as a runbook command: runnable or shown, prompts stripped, output kept,
 * and in runnable text every `|name|` substitution and `<placeholder>` made a declared variable
 * and every `{{` already there (Jinja, Go templates) escaped as `\{{` so it is sent as written.
 */
export function toCommand(guide: Guide, file: string, block: CodeBlock): Command {
  if (block.ready === true)
    return {
      language: block.language,
      text: block.text,
      run: true,
      setE: hasSetE(block.text),
      poll: false,
      mayFail: false,
      source: { line: block.line, column: 1 },
    };
  const language = block.language.toLowerCase() || (block.literal ? 'console' : '');
  let text = dedent(block.text);
  let expectedOutput: string | undefined;
  let run = false;
  const transcript =
    sessionLanguages.has(language) ||
    block.literal === true ||
    (scriptLanguages.has(language) && /^\s*\$ /.test(text));
  if (transcript && hasPrompt(text)) {
    const read = readTranscript(text);
    for (const at of read.unpromptedCommandLines)
      guideWarning(
        guide,
        file,
        block.line + at,
        'this line reads like a command but has no prompt: kept as output, not run',
      );
    text = read.commands.join('\n');
    if (read.output.length > 0) expectedOutput = read.output.join('\n');
    run = true;
  } else if (transcript) run = unpromptedSession(guide, file, block, text);
  else if (scriptLanguages.has(language)) run = true;
  else unlabelledOrShown(guide, file, block, language, text);
  if (run) text = runnableText(guide, file, block, text);
  else if (block.substitutions) text = substitute(text, guide.variables, block.line);
  const command: Command = {
    language: language || 'text',
    text,
    run,
    setE: run && hasSetE(text),
    poll: false,
    mayFail: false,
    source: { line: block.line, column: 1 },
  };
  if (block.caption) command.file = block.caption;
  if (expectedOutput !== undefined) command.expectedOutput = expectedOutput;
  return command;
}

/**
 * A console block without a single prompt: runnable only if every line reads as a command. If
 * just its first line does (a command followed by its output), it is shown with a warning.
 */
function unpromptedSession(guide: Guide, file: string, block: CodeBlock, text: string): boolean {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) return false;
  if (!block.literal && lines.every(readsAsCommand)) return true;
  if (!block.literal && readsAsCommand(lines[0]!))
    guideWarning(
      guide,
      file,
      block.line,
      'console block without a prompt: its first line reads like a command and the rest like output; shown, not run (add `$ ` before the command to run it)',
    );
  else if (!block.literal)
    guideWarning(guide, file, block.line, 'console block without a prompt: shown as output', 'info');
  return false;
}

function unlabelledOrShown(
  guide: Guide,
  file: string,
  block: CodeBlock,
  language: string,
  text: string,
): void {
  if (block.literal) return;
  if (language === '') {
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    const looksLikeCommands = lines.length > 0 && lines.every(readsAsCommand) && !lines.some(isConfigLine);
    guideWarning(
      guide,
      file,
      block.line,
      looksLikeCommands
        ? 'run this? a code block without a language whose every line reads as a command: shown, not run (mark it bash to run it)'
        : 'code block without a language: shown, not run (mark it bash to run it)',
      looksLikeCommands ? 'warning' : 'info',
    );
  } else if (!quietShowLanguages.has(language)) {
    guideWarning(guide, file, block.line, `code block in '${block.language}' is shown, not run`, 'info');
  }
}

/** `key: value`, `key = value`, `[section]`: a file's content, not commands. */
function isConfigLine(line: string): boolean {
  return /^\s*(?:[\w.-]{1,80}\s*[:=](?:\s|$)|\[[^\]]{1,80}\]\s*$|-\s)/.test(line);
}

function runnableText(guide: Guide, file: string, block: CodeBlock, text: string): string {
  let out = text.replace(/(^|[^\\])\{\{/g, '$1\\{{');
  if (guide.format === 'restructuredtext')
    out = out.replace(/\|([A-Za-z][\w.-]{0,62})\|/g, (_, name: string) => {
      const variable = variableFor(name, guide.variables, block.line);
      return `{{${variable}}}`;
    });
  return out.replace(
    /<([A-Za-z_][\w.:-]{0,60}(?: [\w.:-]{1,30}){0,4})>/g,
    (whole, name: string, offset: number, all: string) => {
      if (all.includes(`</${name}>`)) return whole; // an HTML or XML tag, not a placeholder
      const variable = placeholderVariable(guide, name, block.line);
      guideWarning(
        guide,
        file,
        block.line,
        `placeholder ${whole} made the variable {{${variable}}}: fill it in when the run starts`,
        'info',
      );
      void offset;
      return `{{${variable}}}`;
    },
  );
}

function placeholderVariable(guide: Guide, placeholder: string, line: number): string {
  const name = placeholder
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(?=\d)/, '_')
    .slice(0, 64);
  const variable = variableFor(name || 'value', guide.variables, line);
  if (!guide.descriptions.has(variable))
    guide.descriptions.set(variable, `The guide's placeholder <${placeholder}> (line ${line})`);
  return variable;
}

function dedent(text: string): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}
