/**
 * Prints a fresh TACT_KEYS entry: a key id (today's date) and 32 random bytes.
 *
 *   npm run -s keygen                      → 2026-11-23:Qm9…
 *   npm run -s keygen | wrangler secret put TACT_KEYS   (-s: no npm banner in the secret)
 *
 * To rotate, put the new entry first and keep the old one after a comma.
 */
import { randomBytes } from "node:crypto";

const kid = new Date().toISOString().slice(0, 10);
process.stdout.write(`${kid}:${randomBytes(32).toString("base64url")}\n`);
