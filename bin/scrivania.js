#!/usr/bin/env node
import { existsSync } from 'node:fs';

const cli = new URL('../dist/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('scrivania: not built yet; run `npm run build` first.\n');
  process.exit(1);
}
await import(cli.href);
