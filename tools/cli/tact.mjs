#!/usr/bin/env node
/**
 * The `tact` command (package.json "bin"). The tools are TypeScript, run as
 * they are: tsx's loader is registered in this very process, so there is no
 * build step, and no second process between a signal and the command that
 * must act on it. Then the dispatcher runs.
 */
import process from "node:process";
import { register } from "tsx/esm/api";

register();
const { main } = await import("./main.ts");
await main(process.argv.slice(2));
