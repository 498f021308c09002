#!/usr/bin/env node
import { processIo } from './context.js';
import { runEnlace } from './program.js';

process.exitCode = await runEnlace(process.argv, processIo());
