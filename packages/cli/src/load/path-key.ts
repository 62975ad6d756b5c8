/**
 * 16 hex characters that stand for a text (a file's path): FNV-1a, 64 bits. A name in a cache
 * folder, not a secret: node:crypto's sha256 did the same job at the cost of loading node:crypto
 * (a few ms of every start). Two paths of one project meeting by chance: about 1 in 10^19.
 */
export function pathKey(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  }
  return hash.toString(16).padStart(16, "0");
}
