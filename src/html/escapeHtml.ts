/**
 * Text made safe for HTML (and SVG) content and quoted attribute values, by
 * hono's escaper: the one every page tact, its demo shop, its report and its
 * bench write uses.
 */
import { escapeToBuffer } from "hono/utils/html";

export function escapeHtml(value: string): string {
  const buffer: [string] = [""];
  escapeToBuffer(value, buffer);
  return buffer[0];
}
