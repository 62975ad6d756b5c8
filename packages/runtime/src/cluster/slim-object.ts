// A run's informers keep every Job and Pod of the run in memory until it ends: 1,000 jobs are
// 1,000 of each, and most of each object is what the client never reads (managedFields, the
// Pod template with the job's script, the Pod's containers and volumes). What the watches hand
// on is trimmed in place, so that the informer's cache holds only what the run reads.
import type { V1Job, V1Pod } from "@kubernetes/client-node";

/** `job` without managedFields and its Pod template (the run reads its metadata, suspend, status). */
export function slimJob(job: V1Job): V1Job {
  if (job.metadata !== undefined) job.metadata.managedFields = undefined;
  if (job.spec !== undefined) job.spec.template = { metadata: {} };
  return job;
}

/**
 * `pod` without managedFields, volumes and all of its containers but their names (and the init
 * containers' restart policies): the run reads its metadata, its status, which container is the
 * job's (`job`, or `kaniko`) and which init containers are service sidecars.
 */
export function slimPod(pod: V1Pod): V1Pod {
  if (pod.metadata !== undefined) pod.metadata.managedFields = undefined;
  if (pod.spec !== undefined) {
    const { initContainers } = pod.spec;
    pod.spec = {
      containers: pod.spec.containers.map((container) => ({ name: container.name })),
      ...(initContainers === undefined
        ? {}
        : {
            initContainers: initContainers.map((container) => ({
              name: container.name,
              ...(container.restartPolicy === undefined
                ? {}
                : { restartPolicy: container.restartPolicy }),
            })),
          }),
    };
  }
  return pod;
}
