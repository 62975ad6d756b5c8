/**
 * A `$NAME` or `${NAME}` reference (group 1: the braced name, group 2: the bare one), or any other
 * `$` (no group). The one rule for what a Kaniko value may expand on every target: references
 * expand, every other `$` (`$(…)`, `$1`, `${NAME:-x}`, `$$`) stays literal.
 */
export const VARIABLE_REFERENCE_OR_DOLLAR =
  /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))?/g;
