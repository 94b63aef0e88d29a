/**
 * Whether an Authorization header carries `Bearer <secret>`. Compared in
 * constant time: both sides are hashed first, so timingSafeEqual compares
 * equal lengths and the time taken says nothing about the secret, not even
 * its length. A secret shorter than MIN_TOKEN_LENGTH is treated as unset.
 */

export const MIN_TOKEN_LENGTH = 32;

const digest = async (text: string) => crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));

export async function bearerMatches(header: string | undefined, secret: string | undefined): Promise<boolean> {
  if (!secret || secret.length < MIN_TOKEN_LENGTH) return false;
  const token = /^Bearer +(\S+) *$/i.exec(header ?? "")?.[1] ?? "";
  const [given, wanted] = await Promise.all([digest(token), digest(secret)]);
  return crypto.subtle.timingSafeEqual(given, wanted);
}
