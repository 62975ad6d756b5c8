/** A short reason for a failed file operation, e.g. `permission denied`, without Node's temp-file paths. */
export function fileErrorReason(error: unknown): string {
  const code = error instanceof Error && "code" in error ? String(error.code) : undefined;
  switch (code) {
    case "ENOENT":
      return "the directory does not exist";
    case "ENOTDIR":
      return "a parent of it is not a directory";
    case "EEXIST":
      // Only a folder that must be made can exist already (files are written through new ones).
      return "a file is in the way of its folder";
    case "EISDIR":
      return "it is a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "read-only file system";
    case "ENOSPC":
      return "no space left on device";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
