import { describe, expect, it } from 'vitest';
import { e2eHostFrom } from '../../e2e/e2e-host';

describe('the end-to-end host choice', () => {
  it('is the web host unless npm run test:electron asks for Electron', () => {
    expect(e2eHostFrom({})).toBe('web');
    expect(e2eHostFrom({ SCRIVANIA_E2E_HOST: 'web' })).toBe('web');
    expect(e2eHostFrom({ SCRIVANIA_E2E_HOST: 'electron' })).toBe('electron');
  });

  it('refuses a host it does not know in one line', () => {
    expect(() => e2eHostFrom({ SCRIVANIA_E2E_HOST: 'chrome' })).toThrow('SCRIVANIA_E2E_HOST must be "web" or "electron", not "chrome"');
  });
});
