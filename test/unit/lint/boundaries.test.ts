import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The probes below are not on disk, so no tsconfig holds them: the type-aware rules type them in a default project. */
const probes = ['main/services/vpn/x.ts', 'main/host/electron/x.ts', 'renderer/src/x.ts', 'renderer/src/x.tsx', 'common/x.ts'];
const eslint = new ESLint({ overrideConfig: { languageOptions: { parserOptions: { projectService: { allowDefaultProject: probes } } } } });

/** The rule ids ESLint reports for `code` as if it were the file at `path`. */
const violations = async (path: string, code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath: path });
  return (result?.messages ?? []).filter((message) => message.severity === 2).map((message) => message.ruleId ?? message.message);
};

describe('process boundaries', () => {
  it('keeps electron out of services and common', async () => {
    expect(await violations('main/services/vpn/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toContain(
      'no-restricted-imports',
    );
    expect(await violations('common/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toContain('no-restricted-imports');
    expect(await violations('main/host/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });

  it('keeps Node and main out of the renderer', async () => {
    expect(await violations('renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toContain(
      'no-restricted-imports',
    );
    expect(await violations('renderer/src/x.ts', "import { readFileSync } from 'fs';\nexport const a = readFileSync;\n")).toContain(
      'no-restricted-imports',
    );
    expect(
      await violations(
        'renderer/src/x.ts',
        "import { createBackend } from '../../main/host/core/backend';\nexport const a = createBackend;\n",
      ),
    ).toContain('no-restricted-imports');
  });

  it('keeps Node and the DOM out of common', async () => {
    expect(await violations('common/x.ts', "import { createHash } from 'node:crypto';\nexport const a = createHash;\n")).toContain(
      'no-restricted-imports',
    );
    expect(await violations('common/x.ts', 'export const a = () => document.title;\n')).toContain('no-restricted-globals');
  });
});

describe('type-aware rules on the product code', () => {
  it('refuse a promise nobody handles, a promise where a callback is expected, and a switch that forgets a case', async () => {
    const floating = 'const later = async (): Promise<void> => undefined;\nexport const a = (): void => {\n  later();\n};\n';
    expect(await violations('main/services/vpn/x.ts', floating)).toContain('@typescript-eslint/no-floating-promises');
    const misused = 'export const a = (handle: (done: () => void) => void): void => handle(async () => undefined);\n';
    expect(await violations('renderer/src/x.ts', misused)).toContain('@typescript-eslint/no-misused-promises');
    const forgotten =
      "export const a = (kind: 'a' | 'b'): number => {\n  switch (kind) {\n    case 'a':\n      return 1;\n  }\n  return 0;\n};\n";
    expect(await violations('common/x.ts', forgotten)).toContain('@typescript-eslint/switch-exhaustiveness-check');
    expect(await violations('main/services/vpn/x.ts', 'export const a = async (): Promise<number> => await 1;\n')).toContain(
      '@typescript-eslint/await-thenable',
    );
  });

  it('hold the renderer to the rules of hooks', async () => {
    const conditional =
      "import { useState } from 'react';\nexport const A = ({ on }: { on: boolean }) => {\n  if (on) useState(0);\n  return null;\n};\n";
    expect(await violations('renderer/src/x.tsx', conditional)).toContain('react-hooks/rules-of-hooks');
  });
});
