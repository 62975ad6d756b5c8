export { emitYaml, emitYamlDocuments } from "./emit-yaml.js";
export type { EmitOptions, YamlValue } from "./emit-yaml.js";
export { isTaggedValue, yamlTag } from "./tagged-value.js";
export type { TaggedValue } from "./tagged-value.js";
