#!/usr/bin/env node
import { runDemo } from './program.js';

runDemo(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then((code) => {
  process.exitCode = code;
});
