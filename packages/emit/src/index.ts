export type { EmitOptions } from "./emit-yaml.js";
export { emitYaml, emitYamlDocuments } from "./emit-yaml.js";
export type { GeneratedFrom } from "./header-comment.js";
export { generatedHeader, isGeneratedFrom, isGeneratedText } from "./header-comment.js";
export type { TaggedValue } from "./tagged-value.js";
export { isTaggedValue, yamlTag } from "./tagged-value.js";
export type { YamlValue } from "./yaml-value.js";
