import { expect, test } from 'vitest';
import { shortcutFor, shortcuts } from '../../../renderer/src/run-screen/shortcuts';
import { availableActions, needsTypedConfirmation } from '../../../renderer/src/run-screen/step-actions';
import { header, step } from './run-fixtures';

const key = (
  name: string,
  modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {},
) => shortcutFor({ key: name, ctrlKey: false, metaKey: false, altKey: false, ...modifiers });

test('the keys of the semantics doc map to their actions, and modified keys are left alone', () => {
  expect(
    ['j', 'ArrowDown', 'k', 'ArrowUp', 'r', 'd', 'n', 's', 't', 'Escape', '?'].map((name) => key(name)),
  ).toEqual([
    'next',
    'next',
    'previous',
    'previous',
    'run',
    'done',
    'note',
    'skip',
    'terminal',
    'list',
    'help',
  ]);
  expect(key('r', { ctrlKey: true })).toBeUndefined();
  expect(key('x')).toBeUndefined();
  expect(shortcuts.map((shortcut) => shortcut.action)).toEqual([
    'next',
    'previous',
    'run',
    'done',
    'note',
    'skip',
    'terminal',
    'list',
    'help',
  ]);
});

test('actions offered follow the step: run when pending, retry after a failure, sign for gates', () => {
  expect(availableActions(step('a'))).toEqual(['run', 'done', 'fail', 'skip']);
  expect(availableActions(step('a', { status: 'failed' }))).toEqual(['done', 'retry', 'skip']);
  expect(availableActions(step('g', { kind: 'gate', commands: [] }))).toEqual(['sign', 'fail', 'skip']);
  expect(availableActions(step('w', { kind: 'wait', commands: [] }))).toContain('startWait');
  expect(availableActions(step('a', { status: 'succeeded' }))).toEqual(['fail']);
});

test('only destructive steps of live production runs ask for the typed name', () => {
  const production = header({ environment: { ...header().environment, kind: 'production' } });
  expect(needsTypedConfirmation(production, step('x', { destructive: true }))).toBe(true);
  expect(needsTypedConfirmation(production, step('x'))).toBe(false);
  expect(needsTypedConfirmation(header(), step('x', { destructive: true }))).toBe(false);
});
