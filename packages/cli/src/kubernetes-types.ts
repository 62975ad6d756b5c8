// `pipecraft/kubernetes-types`: the Kubernetes API types that `kubernetes:` blocks accept and the
// Kubernetes and Kaniko targets emit (V1Toleration, V1SecurityContext, V1Job, …), as plain types
// equal to @kubernetes/client-node's, so that typing a helper does not need client-node installed.
export type * from "@pipecraft/core/kubernetes-types";
