// CI_REPOSITORY_URL as a run may show and store it: credentials go in the Secret of
// `--git-credentials`, never into a Job, the run record or a printed line.

/**
 * A repository URL without its password: `https://user:token@host/x.git` → `https://host/x.git`.
 * SCP-like (`git@host:x.git`) and password-less URLs are kept as they are.
 * @example withoutCredentials("https://gitlab-ci-token:abc@gitlab.com/shop.git") // "https://gitlab.com/shop.git"
 */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*:[^/@]*@/i, "$1");
}
