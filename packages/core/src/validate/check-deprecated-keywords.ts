import { type Diagnostic, warning } from "../diagnostics/diagnostic.js";
import {
  DEPRECATED_TOP_LEVEL_KEYWORDS,
  deprecatedTopLevelMessage,
} from "../diagnostics/removed-keywords.js";
import type { CheckInput } from "./check-input.js";

/** Deprecated keywords that GitLab still accepts (global `image`, `cache`, …): warnings with their replacement. */
export function checkDeprecatedKeywords(input: CheckInput): Diagnostic[] {
  return DEPRECATED_TOP_LEVEL_KEYWORDS.filter(
    (keyword) => (input.writtenTopLevel as Record<string, unknown>)[keyword] !== undefined,
  ).map((keyword) => warning("keyword/deprecated", keyword, deprecatedTopLevelMessage(keyword)));
}
