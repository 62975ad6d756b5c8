import { expect } from "vitest";
import type { YamlReader } from "./readers/yaml-reader.js";

/** Asserts that `reader` read `expected` back from `yaml`, with the text in the message. */
export function expectSameValue(
  actual: unknown,
  expected: unknown,
  reader: YamlReader,
  yaml: string,
): void {
  expect(actual, `${reader.name} reading:\n${yaml}`).toEqual(expected);
}
