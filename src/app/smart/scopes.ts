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

/**
 * The scope the app asks for: the site's, with `launch/patient` instead of `launch` in a
 * standalone launch, and `online_access` (a refresh token for as long as the user's EHR session
 * lasts) where the site allows it and has not asked for it (or `offline_access`) itself.
 */
export function requestedScope(config: { scope: string; onlineAccess: boolean }, standalone: boolean): string {
  const scopes = config.scope.split(/\s+/).filter(Boolean);
  const asked = standalone ? [...scopes.filter((s) => s !== 'launch'), 'launch/patient'] : scopes;
  const refresh = asked.includes('online_access') || asked.includes('offline_access');
  return [...new Set(config.onlineAccess && !refresh ? [...asked, 'online_access'] : asked)].join(' ');
}
