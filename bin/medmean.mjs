#!/usr/bin/env node
// medmean ships TypeScript sources; tsx (a runtime dependency) loads them.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../src/cli/main.ts', import.meta.url);
process.exitCode = await main(process.argv);
