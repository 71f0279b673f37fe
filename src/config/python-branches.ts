// The default of the `intake.pythonBranches` setting: CPython's branches and
// their status (PEP 602's phases, as the devguide's "Status of Python
// versions" lists them), which the security policy check of incoming reports
// uses: only bugfix and security branches accept vulnerability reports.

/**
 * As of December 2026: 3.15 released in October 2026 (bugfix), 3.14 bugfix,
 * 3.13 moved to security fixes in October 2026, 3.12 and 3.11 security, 3.10
 * end of life in October 2026, 3.16 in development. Update it, or set
 * `intake.pythonBranches`, when a branch changes phase.
 */
export const defaultPythonBranches: Readonly<
  Record<string, 'feature' | 'prerelease' | 'bugfix' | 'security' | 'end-of-life'>
> = {
  '3.16': 'feature',
  '3.15': 'bugfix',
  '3.14': 'bugfix',
  '3.13': 'security',
  '3.12': 'security',
  '3.11': 'security',
  '3.10': 'end-of-life',
  '3.9': 'end-of-life',
  '3.8': 'end-of-life',
};
