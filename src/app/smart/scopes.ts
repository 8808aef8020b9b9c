/**
 * Whether the granted scope lets the app read a resource type for the patient: SMART v2
 * (`patient/Observation.rs`, `patient/*.r`) and v1 (`patient/Observation.read`, `patient/*.*`).
 */
export function canRead(grantedScope: string | undefined, resourceType: string): boolean {
  if (!grantedScope) return false;
  for (const scope of grantedScope.split(/\s+/)) {
    const m = /^(patient|user|system)\/([A-Za-z*]+)\.([a-z*]+)(\?.*)?$/.exec(scope);
    if (!m) continue;
    const [, , type, perms] = m;
    if (type !== resourceType && type !== '*') continue;
    if (perms === '*' || perms === 'read' || (perms !== 'write' && perms?.includes('r'))) return true;
  }
  return false;
}
