/** A YAML implementation that the emitter's output is checked against. */
export interface YamlReader {
  readonly name: string;
  /** Every document in `text`, as plain values (`!reference` as a tagged value). */
  readAll(text: string): Promise<unknown[]>;
}
