// `pipecraft rbac`: prints the Role and RoleBinding that `run`, `cancel` and `logs` need, to pipe
// into `kubectl apply -f -`. Needs no cluster and no pipeline file.
import { emitYamlDocuments } from "@pipecraft/emit";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { loadRuntime } from "../load/optional-package.js";
import { parseOptions } from "../parse-options.js";
import { UsageError } from "../user-error.js";
import { NAMESPACE_NAME } from "./namespace-name.js";

const rbacOptions = {
  namespace: { type: "string" },
  user: { type: "string" },
  group: { type: "string" },
  "service-account": { type: "string" },
} as const;

/** `pipecraft rbac [--namespace NS] [--user U | --group G | --service-account SA]`: exit 0 or 2. */
export async function rbac(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parseOptions("rbac", args, rbacOptions);
  const namespace = options.namespace ?? "default";
  if (!NAMESPACE_NAME.test(namespace)) {
    throw new UsageError(`--namespace ${namespace} is not a namespace name`, "rbac");
  }
  const given = (["user", "group", "service-account"] as const).filter(
    (name) => options[name] !== undefined,
  );
  if (given.length > 1) {
    throw new UsageError(
      `--${given[0]} and --${given[1]} both name the subject: give one of --user, --group, --service-account`,
      "rbac",
    );
  }
  const subject =
    options.user !== undefined
      ? { kind: "User" as const, name: options.user }
      : options.group !== undefined
        ? { kind: "Group" as const, name: options.group }
        : { kind: "ServiceAccount" as const, name: options["service-account"] ?? "pipecraft" };
  const runtime = await loadRuntime("rbac", io);
  const role = runtime.runRole(namespace);
  const binding = runtime.runRoleBinding(namespace, subject);
  io.stdout.write(
    emitYamlDocuments([role, binding], {
      headerComment: [
        `What pipecraft run, cancel and logs need in namespace ${namespace}, bound to ${subject.kind} ${subject.name}.`,
        "Apply with: pipecraft rbac … | kubectl apply -f -",
        ...runtime.RUN_RULES.map((rule) => `- ${rule.resources.join(", ")}: ${rule.why}`),
      ],
    }),
  );
  return ExitCode.ok;
}
