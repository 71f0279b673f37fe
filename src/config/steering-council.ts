// The default of the `steeringCouncil` setting: the Python Steering Council,
// whose members stay on the PSRT but are never assigned a report
// automatically. The devguide roster does not say who they are.

/**
 * The Council of the 2026 term (PEP 13 "Current steering council", elected
 * per PEP 8107): Pablo Galindo Salgado, Savannah Ostrowski, Barry Warsaw,
 * Donghee Na and Thomas Wouters, by GitHub login (devguide core-team.csv).
 * Update it, or set `steeringCouncil`, when a new term starts.
 */
export const defaultSteeringCouncil: readonly string[] = [
  'pablogsal',
  'savannahostrowski',
  'warsaw',
  'corona10',
  'Yhg1s',
];
