// The shapes of the identifiers psrt handles, in one place: CVE, GHSA and
// PSRT report ids, GitHub logins and repositories.

export const cveIdPattern = /^CVE-\d{4}-\d{4,}$/;
export const psrtIdPattern = /^PSRT-\d{4}-\d{4,}$/;
/** GHSA ids use three groups of four from GitHub's alphabet (no vowels or look-alikes). */
export const ghsaIdPattern = /^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/;
export const githubLoginPattern = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
export const repositoryPattern = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
export const pullRequestUrlPattern = /^https:\/\/github\.com\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/pull\/\d+$/;
