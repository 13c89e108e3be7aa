#!/usr/bin/env node
// Thin launcher so the bin exists before `tsc -b` has produced dist/; works through npx's symlinks too.
import { run } from "../dist/cli/main.js";

run();
