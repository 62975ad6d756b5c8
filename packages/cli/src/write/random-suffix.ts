/**
 * Random hex characters for a temporary file's name (`bytes` random bytes). node:crypto is loaded
 * here, when a file is written, not at start-up: `synth --stdout` and `--check` write nothing.
 */
export async function randomSuffix(bytes: number): Promise<string> {
  const { randomBytes } = await import("node:crypto");
  return randomBytes(bytes).toString("hex");
}
