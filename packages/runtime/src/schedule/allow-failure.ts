import type { AllowFailure } from "../plan/run-plan.js";

/**
 * Whether `allow_failure` allows a failure with `exitCode`: `true` always, `exit_codes` only
 * for a listed code (and never when the code is unknown).
 * @example failureAllowed({ exit_codes: [3] }, 3) // true
 */
export function failureAllowed(allowFailure: AllowFailure, exitCode: number | undefined): boolean {
  if (typeof allowFailure === "boolean") return allowFailure;
  const codes = allowFailure.exit_codes;
  const list: readonly number[] = typeof codes === "number" ? [codes] : codes;
  return exitCode !== undefined && list.includes(exitCode);
}
