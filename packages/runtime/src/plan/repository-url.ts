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

/**
 * Whether git reaches `url` over SSH: `ssh://`, `git+ssh://`, `ssh+git://`, or git's SCP-like form
 * (`git@host:group/x.git`: a colon before any slash, and no `://`).
 * @example isSshUrl("git@gitlab.com:shop/app.git") // true
 */
export function isSshUrl(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined) return ["ssh", "git+ssh", "ssh+git"].includes(scheme);
  return /^[^/]+:/.test(url) && !/^[a-z]:[\\/]/i.test(url);
}
