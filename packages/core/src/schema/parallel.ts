import { z } from "zod";

const matrixValueSchema = z.union([
  z.string(),
  z.number(),
  z.array(z.union([z.string(), z.number()])),
]);

/** `parallel: { matrix }`: one job per combination of the listed variable values. */
export const parallelMatrixSchema = z.strictObject({
  matrix: z.array(z.record(z.string(), matrixValueSchema)).max(200),
});

/** `parallel`: N copies of the job (1..200) or a matrix. */
export const parallelSchema = z.union([z.int().min(1).max(200), parallelMatrixSchema]);
