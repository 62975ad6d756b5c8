// `pipecraft` is the one package users install: it re-exports the API of the inner packages.
export * from "@pipecraft/core";
export type { YamlValue } from "@pipecraft/emit";
export { emitYaml, emitYamlDocuments, yamlTag } from "@pipecraft/emit";
export * from "@pipecraft/gitlab";
export * from "@pipecraft/kubernetes";
