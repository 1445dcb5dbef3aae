#!/usr/bin/env node
// The published `khooshe` command: runs the TypeScript CLI through tsx so the
// package needs no separate compile step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
