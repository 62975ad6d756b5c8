// `pipecraft` is the one package users install: it re-exports the API of the inner packages.
export * from "@pipecraft/core";
export * from "@pipecraft/gitlab";
export { emitYaml, emitYamlDocuments, yamlTag } from "@pipecraft/emit";
export type { YamlValue } from "@pipecraft/emit";
