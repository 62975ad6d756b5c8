import { z } from "zod";

/** `inputs` passed to an included file, component or child pipeline: name → value. */
export const inputValuesSchema = z.record(
  z.string().regex(/^[a-zA-Z0-9_-]+$/, "input names use letters, digits, _ and -"),
  z.json(),
);
