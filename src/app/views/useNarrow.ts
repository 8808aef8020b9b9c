import { useSyncExternalStore } from 'react';

/** Below this width (an EHR side panel, a phone) tables become lists of cards. */
export const NARROW_QUERY = '(max-width: 720px)';

function subscribe(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => undefined;
  const query = window.matchMedia(NARROW_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

function narrowNow(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(NARROW_QUERY).matches;
}

/** Whether the frame the app is shown in is narrow; follows the frame as the EHR resizes it. */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, narrowNow, () => false);
}
