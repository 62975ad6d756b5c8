// Plain (unquoted) scalars are the readable default, but a reader decides their type by
// pattern, and YAML 1.1 (GitLab's Ruby reader) has many more patterns than 1.2. Rather than
// mirror every resolver, this file allows plain style only where no reader of either version
// can see anything but a string; everything else is quoted, which is always correct.

// The common case: an identifier, path or image name. Checked first because it is cheap.
const SIMPLE = /^[A-Za-z_$/][A-Za-z0-9_$/.()=:-]*$/;

// Printable ASCII (no tab), or a non-ASCII letter, mark, number, punctuation or symbol. This
// leaves out separators (NBSP, U+2028/2029), controls (incl. U+0085, a line break in 1.1),
// format characters (BOM, zero-width joiners) and unassigned or private-use code points.
const PLAIN_CHARS = /^[\x20-\x7E\p{L}\p{M}\p{N}\p{P}\p{S}]*$/u;

// Indicator characters that cannot start a plain scalar ("-" is handled separately).
const INDICATOR_START = /^[?:,[\]{}#&*!|>'"%@`]/;

// "-x" and "--flag" are fine; "-", "- x", "-1", "---" are not.
const DASH_START_OK = /^--?[A-Za-z_]/;

// Words some reader resolves to a non-string: booleans and nulls of YAML 1.1 and 1.2 in any
// case, the 1.1 merge key "<<" and the 1.1 value key "=" (PyYAML refuses to load it).
const SPECIAL_WORD = /^(?:true|false|yes|no|on|off|y|n|null|~|=|<<)$/i;

// Strings that start like a number and use only characters found in some reader's number,
// date or time formats: ints and floats of both versions, 1.1 sexagesimals ("12:30"),
// timestamps ("2001-12-14 21:59:43.10 -5"), versions ("1.2.3", a float to 1.1's pattern),
// Ruby Psych's "1,000". A character outside the set ("1 week") rules all of them out.
const NUMBER_START = /^[-+]?\.?[0-9]/;
const NUMBER_CHARS = /^[-+0-9a-fA-F_.:, \txXoObBtTzZ]*$/;
const FLOAT_WORD = /^[-+]?\.(?:inf|nan)$/i;

// YAML 1.1 floats need no digit before the point or exponent: "." and "._" match its
// pattern, and the `yaml` package reads even "e1" as a float.
const DIGITLESS_FLOAT = /^[-+]?(?:\.[0-9_.]*)?(?:[eE][-+]?[0-9]+)?$/;

// A plain scalar may not contain ": " or " #", nor end in ":" or a space, nor start with a
// space or a document marker.
const STRUCTURE = /: | #|:$|^ | $|^(?:---|\.\.\.)/;

// Inside a flow sequence ("!reference [a, b]") readers end plain scalars at more characters
// (PyYAML even at "?"), so only names made of these stay plain there.
const FLOW_SAFE = /^[A-Za-z0-9_.$/-]+$/;

/** True when `s` can be written without quotes and reads back as the same string in YAML 1.1 and 1.2. */
export function isPlainSafe(s: string, flow: boolean): boolean {
  if (flow && !FLOW_SAFE.test(s)) return false;
  if (SIMPLE.test(s)) return !SPECIAL_WORD.test(s) && !DIGITLESS_FLOAT.test(s) && !s.endsWith(":");
  if (s === "" || !PLAIN_CHARS.test(s)) return false;
  if (INDICATOR_START.test(s)) return false;
  if (s.charCodeAt(0) === 45 /* - */ && !DASH_START_OK.test(s)) return false;
  if (NUMBER_START.test(s) ? NUMBER_CHARS.test(s) : FLOAT_WORD.test(s)) return false;
  if (DIGITLESS_FLOAT.test(s)) return false;
  return !SPECIAL_WORD.test(s) && !STRUCTURE.test(s);
}
