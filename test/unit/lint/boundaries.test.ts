import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The rule ids ESLint reports for `code` as if it were the file at `path`. */
const violations = async (path: string, code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath: path });
  return (result?.messages ?? []).filter((message) => message.severity === 2).map((message) => message.ruleId ?? message.message);
};

describe('process boundaries', () => {
  it('keeps electron out of services and common', async () => {
    expect(await violations('main/services/vpn/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toContain('no-restricted-imports');
    expect(await violations('common/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toContain('no-restricted-imports');
    expect(await violations('main/host/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });

  it('keeps Node and main out of the renderer', async () => {
    expect(await violations('renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toContain('no-restricted-imports');
    expect(await violations('renderer/src/x.ts', "import { readFileSync } from 'fs';\nexport const a = readFileSync;\n")).toContain('no-restricted-imports');
    expect(await violations('renderer/src/x.ts', "import { createBackend } from '../../main/host/core/backend';\nexport const a = createBackend;\n")).toContain('no-restricted-imports');
  });

  it('keeps Node and the DOM out of common', async () => {
    expect(await violations('common/x.ts', "import { createHash } from 'node:crypto';\nexport const a = createHash;\n")).toContain('no-restricted-imports');
    expect(await violations('common/x.ts', 'export const a = () => document.title;\n')).toContain('no-restricted-globals');
  });
});
