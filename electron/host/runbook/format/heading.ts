import type { Heading } from 'mdast';
import type { PhaseWindow, RollingSpec, StepKind } from '../../../../shared/runbook/index';
import { phaseWindows, rollingOrders, stepKinds } from '../../../../shared/runbook/index';
import { parseAttributes, splitHeadingAttributes } from './attributes';
import { parseDuration } from './duration';
import { report, type SourceFile } from './source';

/** What a step heading's `{…}` block says; fields left undefined were not given. */
export interface StepAttributes {
  id?: string;
  kind?: StepKind;
  destructive: boolean;
  optional: boolean;
  /** Sub-steps only: the host is out of service from here / back in service after this. */
  drains: boolean;
  restores: boolean;
  estimate?: number;
  wait?: number;
  interval?: number;
  timeout?: number;
  manual?: { evidenceRequired: boolean };
  rolling?: Omit<RollingSpec, 'steps'>;
  window?: PhaseWindow;
}

export interface HeadingInfo {
  title: string;
  attributes: StepAttributes;
}

/** Reads `### Title {#id kind=… …}`: the title as written (inline Markdown kept) and the attributes. */
export function readHeading(source: SourceFile, node: Heading): HeadingInfo {
  const first = node.children[0];
  const last = node.children.at(-1);
  const raw =
    first === undefined || last === undefined
      ? ''
      : source.text.slice(first.position?.start.offset ?? 0, last.position?.end.offset ?? 0);
  const { title, attributes } = splitHeadingAttributes(raw);
  const result: StepAttributes = { destructive: false, optional: false, drains: false, restores: false };
  if (attributes !== undefined) {
    const parsed = parseAttributes(attributes);
    if (parsed.ok)
      for (const { key, value } of parsed.attributes) applyAttribute(source, node, result, key, value);
    else report(source, 'error', node, parsed.message);
  }
  return { title: title.trim(), attributes: result };
}

function applyAttribute(
  source: SourceFile,
  node: Heading,
  result: StepAttributes,
  key: string,
  value: string | undefined,
): void {
  const fail = (message: string): void => report(source, 'error', node, message);
  const duration = (): number | undefined => {
    const seconds = value === undefined ? undefined : parseDuration(value);
    if (seconds === undefined)
      fail(`${key}: expected a duration such as 90s, 10m or 1h30m, got '${value ?? ''}'`);
    return seconds;
  };
  switch (key) {
    case '#':
      if (value !== undefined && /^[a-z0-9][a-z0-9-]{0,79}$/.test(value)) result.id = value;
      else fail(`step id '${value ?? ''}': use lowercase letters, digits and -, at most 80`);
      return;
    case 'kind':
      if ((stepKinds as readonly string[]).includes(value ?? '')) result.kind = value as StepKind;
      else fail(`kind: expected one of ${stepKinds.join(', ')}, got '${value ?? ''}'`);
      return;
    case 'window':
      if ((phaseWindows as readonly string[]).includes(value ?? '')) result.window = value as PhaseWindow;
      else fail(`window: expected one of ${phaseWindows.join(', ')}, got '${value ?? ''}'`);
      return;
    case 'destructive':
    case 'optional':
    case 'drains':
    case 'restores':
      result[key] = true;
      return;
    case 'estimate':
      result.estimate = duration();
      return;
    case 'wait':
      result.wait = duration();
      return;
    case 'interval':
      result.interval = duration();
      return;
    case 'timeout':
      result.timeout = duration();
      return;
    case 'manual':
    case 'evidence':
      result.manual = { evidenceRequired: key === 'evidence' };
      return;
    default:
      if (rollingKeys.has(key)) applyRollingAttribute(result, key, value, fail);
      else fail(`unknown heading attribute '${key}'`);
  }
}

const rollingKeys = new Set([
  'group',
  'order',
  'batch',
  'drain-cap',
  'vip-last',
  'vip-var',
  'last',
  'canary',
  'auto',
]);

function applyRollingAttribute(
  result: StepAttributes,
  key: string,
  value: string | undefined,
  fail: (message: string) => void,
): void {
  const rolling = (result.rolling ??= {
    group: '',
    order: 'serial',
    batchSize: 1,
    vipHolderLast: false,
    auto: false,
  });
  const count = (): number | undefined => {
    if (value !== undefined && /^[1-9]\d{0,5}$/.test(value)) return Number(value);
    fail(`${key}: expected a whole number from 1, got '${value ?? ''}'`);
    return undefined;
  };
  switch (key) {
    case 'group':
      if (value) rolling.group = value;
      else fail('group: expected an inventory group or host pattern');
      return;
    case 'order':
      if ((rollingOrders as readonly string[]).includes(value ?? ''))
        rolling.order = value as RollingSpec['order'];
      else fail(`order: expected one of ${rollingOrders.join(', ')}, got '${value ?? ''}'`);
      return;
    case 'batch':
      rolling.batchSize = count() ?? 1;
      return;
    case 'drain-cap':
      rolling.drainCap = count();
      return;
    case 'vip-var':
      if (value !== undefined && /^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(value)) rolling.vipVariable = value;
      else fail(`vip-var: expected a host variable name, got '${value ?? ''}'`);
      return;
    case 'last':
    case 'canary':
      if (value) rolling[key === 'last' ? 'lastHost' : 'canary'] = value;
      else fail(`${key}: expected a host name`);
      return;
    case 'auto':
      rolling.auto = true;
      return;
    default:
      rolling.vipHolderLast = true;
  }
}
