#!/usr/bin/env node
// Thin launcher so the bin exists before `tsc -b` has produced dist/.
import "../dist/cli/main.js";
