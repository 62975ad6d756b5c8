import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { yamlTag } from "../../src/index.js";
import type { YamlReader } from "./yaml-reader.js";

// PyYAML implements YAML 1.1, the version GitLab's Ruby reader (Psych) follows; CSafeLoader
// uses libyaml, the same parser Psych wraps. One long-lived Python process answers one JSON
// line per request, so a property test can ask thousands of times.
const SCRIPT = String.raw`
import json, math, sys, yaml

loaders = {"SafeLoader": yaml.SafeLoader}
if getattr(yaml, "__with_libyaml__", False):
    loaders["CSafeLoader"] = yaml.CSafeLoader

class Reference:
    def __init__(self, items):
        self.items = items

for loader in loaders.values():
    yaml.add_constructor("!reference", lambda l, node: Reference(l.construct_sequence(node, deep=True)), Loader=loader)

# Every value as [kind, payload], so nothing a test generates can be mistaken for a marker.
def encode(v):
    if v is None: return ["z"]
    if isinstance(v, bool): return ["b", v]
    if isinstance(v, str): return ["s", v]
    if isinstance(v, int): return ["n", v]
    if isinstance(v, float):
        return ["f", repr(v)] if math.isnan(v) or math.isinf(v) else ["n", v]
    if isinstance(v, list): return ["l", [encode(x) for x in v]]
    if isinstance(v, Reference): return ["r", [encode(x) for x in v.items]]
    if isinstance(v, dict):
        for k in v:
            if not isinstance(k, str): raise ValueError("non-string key %r" % (k,))
        return ["m", [[k, encode(x)] for k, x in v.items()]]
    raise ValueError("unexpected %s: %r" % (type(v).__name__, v))

for line in sys.stdin:
    request = json.loads(line)
    try:
        docs = list(yaml.load_all(request["text"], Loader=loaders[request["loader"]]))
        answer = {"docs": [encode(d) for d in docs]}
    except Exception as e:
        answer = {"error": "%s: %s" % (type(e).__name__, e)}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
`;

type Encoded =
  | ["z"]
  | ["b", boolean]
  | ["s", string]
  | ["n", number]
  | ["f", string]
  | ["l", Encoded[]]
  | ["r", Encoded[]]
  | ["m", [string, Encoded][]];

function decode(e: Encoded): unknown {
  switch (e[0]) {
    case "z":
      return null;
    case "f":
      return e[1] === "nan" ? Number.NaN : e[1].startsWith("-") ? -Infinity : Infinity;
    case "l":
      return e[1].map(decode);
    case "r":
      return yamlTag("!reference", e[1].map(decode) as string[]);
    case "m": {
      const map: Record<string, unknown> = {};
      for (const [k, v] of e[1]) {
        Object.defineProperty(map, k, {
          value: decode(v),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return map;
    }
    default:
      return e[1];
  }
}

/** True when python3 with PyYAML is on this machine. */
export function pyyamlAvailable(): boolean {
  return spawnSync("python3", ["-c", "import yaml"], { stdio: "ignore" }).status === 0;
}

/** A running PyYAML process with one reader per loader; `close` ends the process. */
export interface PyyamlReaders {
  readonly readers: YamlReader[];
  close(): void;
}

/** Starts Python and returns readers for PyYAML's SafeLoader and, where built, CSafeLoader. */
export function startPyyaml(): PyyamlReaders {
  const child: ChildProcessWithoutNullStreams = spawn("python3", ["-c", SCRIPT]);
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on("line", (line) => waiting.shift()?.(line));
  const ask = (loader: string, text: string): Promise<unknown[]> =>
    new Promise((resolve, reject) => {
      waiting.push((line) => {
        const answer = JSON.parse(line) as { docs?: Encoded[]; error?: string };
        if (answer.docs) resolve(answer.docs.map(decode));
        else reject(new Error(`PyYAML ${loader}: ${answer.error}`));
      });
      child.stdin.write(`${JSON.stringify({ loader, text })}\n`);
    });
  const hasLibyaml =
    spawnSync("python3", ["-c", "import yaml, sys; sys.exit(0 if yaml.__with_libyaml__ else 1)"])
      .status === 0;
  const loaders = hasLibyaml ? ["SafeLoader", "CSafeLoader"] : ["SafeLoader"];
  return {
    readers: loaders.map((loader) => ({
      name: `PyYAML ${loader} (YAML 1.1)`,
      readAll: (text: string) => ask(loader, text),
    })),
    close: () => child.kill(),
  };
}
