import { version } from "../version.js";

/**
 * What `pipecraft init` adds to devDependencies, in this order: pipecraft itself (this CLI's own
 * version), tsx (which loads pipeline.ts) and typescript (which `pipecraft check` type-checks
 * with). The tsx and typescript ranges are the ones this repository builds and tests with (a test
 * compares them with the root package.json).
 */
export function initDevDependencies(): readonly (readonly [name: string, range: string])[] {
  return [
    ["pipecraft", `^${version()}`],
    ["tsx", "^4.23.15"],
    ["typescript", "^5.9.3"],
  ];
}
