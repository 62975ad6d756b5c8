import { afterAll, beforeAll } from "vitest";
import { jsYamlReader } from "./js-yaml-reader.js";
import { type PyyamlReaders, pyyamlAvailable, startPyyaml } from "./pyyaml-reader.js";
import { yamlPackageReaders } from "./yaml-package-reader.js";
import type { YamlReader } from "./yaml-reader.js";

/**
 * Every YAML reader the round trips check against, for one test file: js-yaml, the `yaml`
 * package (1.1 and 1.2), and PyYAML (pure and libyaml) when python3 has it. The PyYAML process
 * starts before the file's tests and stops after them.
 */
export function useAllReaders(): { readers: YamlReader[]; pyyamlReaders: () => YamlReader[] } {
  let pyyaml: PyyamlReaders | undefined;
  const readers: YamlReader[] = [jsYamlReader, ...yamlPackageReaders];
  beforeAll(() => {
    if (pyyamlAvailable()) {
      pyyaml = startPyyaml();
      readers.push(...pyyaml.readers);
    } else {
      console.warn("python3 with PyYAML not found: YAML 1.1 round trips skipped");
    }
  });
  afterAll(() => pyyaml?.close());
  return { readers, pyyamlReaders: () => pyyaml?.readers ?? [] };
}
