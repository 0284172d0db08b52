import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { claimSingleInstance, type FocusableWindow } from '../../../electron/main/single-instance';

/** Shaped like Electron's `app` for the lock: the lock's answer, and what was done with it. */
function fakeApp(gotLock: boolean) {
  const emitter = new EventEmitter();
  return Object.assign(emitter, {
    quits: 0,
    requestSingleInstanceLock: () => gotLock,
    quit() {
      this.quits++;
    },
  });
}

function fakeWindow(minimized: boolean) {
  const calls: string[] = [];
  const window: FocusableWindow = {
    isMinimized: () => minimized,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  };
  return { window, calls };
}

describe('single-instance lock', () => {
  it('a second launch quits and leaves the first alone', () => {
    const app = fakeApp(false);
    expect(claimSingleInstance(app, () => undefined)).toBe(false);
    expect(app.quits).toBe(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('the first instance brings its window forward when another launch hands over', () => {
    const app = fakeApp(true);
    const { window, calls } = fakeWindow(true);
    expect(claimSingleInstance(app, () => window)).toBe(true);
    expect(app.quits).toBe(0);
    app.emit('second-instance', {}, ['handrail'], '/home/op', {});
    expect(calls).toEqual(['restore', 'show', 'focus']);
    const shown = fakeWindow(false);
    const again = fakeApp(true);
    claimSingleInstance(again, () => shown.window);
    again.emit('second-instance');
    expect(shown.calls).toEqual(['show', 'focus']);
  });

  it('does nothing when the first instance has no window yet', () => {
    const app = fakeApp(true);
    claimSingleInstance(app, () => undefined);
    expect(() => app.emit('second-instance')).not.toThrow();
  });
});
