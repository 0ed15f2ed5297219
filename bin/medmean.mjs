#!/usr/bin/env node
// The command-line entry: runs the compiled JavaScript in dist/ (built by `npm run build`, which
// `npm install` and `npm pack` run through the prepare script).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
