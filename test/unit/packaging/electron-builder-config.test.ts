import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

describe('the electron-builder configuration', () => {
  it("passes electron-builder's own schema and names the four installer targets", async () => {
    const config = require('../../../electron-builder.config.cjs') as Record<string, { target?: string[] }>;
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    await expect(validateConfiguration(config, { isEnabled: false, add: () => {} })).resolves.toBeUndefined();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('would catch a misspelt option', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    await expect(
      validateConfiguration(
        { appId: 'x', linux: { targets: ['AppImage'] } },
        { isEnabled: false, add: () => {} },
      ),
    ).rejects.toThrow(/configuration\.linux/);
  });
});
