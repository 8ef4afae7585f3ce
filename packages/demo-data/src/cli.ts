#!/usr/bin/env node
// The command the docs and bin/platform call (dist/cli.js); the CLI itself is the runner's.
import './runner/cli';
