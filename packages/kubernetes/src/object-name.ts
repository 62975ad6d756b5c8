/** The longest Job name: the Job controller copies it into a label value (63 characters). */
export const MAX_OBJECT_NAME = 63;

/**
 * The DNS-1123 form of `text`: lower case, every run of other characters one `-`, no `-` at
 * either end. Deterministic and without a hash, so names stay readable and stable.
 * @example dnsLabel("Build: [linux, 22]") // "build-linux-22"
 */
export function dnsLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** `<pipeline>-<part>…` as one DNS-1123 name, cut to 63 characters (without a dangling `-`). */
export function objectName(pipelineName: string, ...parts: readonly string[]): string {
  const name = [pipelineName, ...parts.map(dnsLabel)].filter((part) => part !== "").join("-");
  return name.slice(0, MAX_OBJECT_NAME).replace(/-+$/, "");
}

/** `text` as a label value: at most 63 of `[A-Za-z0-9-_.]`, alphanumeric at both ends. */
export function labelValue(text: string): string {
  return text
    .replace(/[^A-Za-z0-9_.-]+/g, "-")
    .slice(0, MAX_OBJECT_NAME)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
}
