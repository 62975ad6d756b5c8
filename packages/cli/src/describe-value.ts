/** A short phrase for what a value is, for messages such as "found an array". */
export function describeValue(value: unknown): string {
  if (value === null) {
    return "null";
  }
  if (Array.isArray(value)) {
    return "an array";
  }
  switch (typeof value) {
    case "undefined":
      return "undefined";
    case "string":
      return `a string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    case "function":
      return "a function";
    case "object": {
      const keys = Object.keys(value);
      if (keys.length === 0) {
        return "an empty object";
      }
      const shown = keys.slice(0, 5).join(", ");
      return `an object with keys ${shown}${keys.length > 5 ? ", …" : ""}`;
    }
    default:
      return `a ${typeof value} (${String(value)})`;
  }
}
