/**
 * What a user can do about a failed write of synth's output, as the tail of the error line
 * (`; …`), or "" when the reason says it already (a foreign file names its own fix).
 */
export function writeErrorFix(error: unknown): string {
  const code = error instanceof Error && "code" in error ? String(error.code) : undefined;
  switch (code) {
    case "ENOENT":
      return "; create it, or write elsewhere with --out PATH (or --stdout)";
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return "; run synth as a user who may write there, or write elsewhere with --out PATH (or --stdout)";
    default:
      return "";
  }
}
