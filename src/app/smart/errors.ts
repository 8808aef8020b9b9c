/** What went wrong, in words a physician can act on: never a blank page or "see console". */
export interface AppError {
  kind: 'session' | 'denied' | 'unauthorized' | 'forbidden' | 'network' | 'config' | 'server';
  title: string;
  message: string;
  /** Offer to relaunch from the EHR. */
  relaunch: boolean;
}

export function describeError(error: unknown): AppError {
  const text = error instanceof Error ? error.message : String(error);
  const status =
    (error as { status?: number; response?: { status?: number } }).status ??
    (error as { response?: { status?: number } }).response?.status;
  if (/No 'state' parameter|No state found|state .* not found|expired/i.test(text)) {
    return {
      kind: 'session',
      title: 'Your session has ended',
      message: 'Open ImmunoSteward again from the patient chart.',
      relaunch: true,
    };
  }
  if (/access_denied/i.test(text)) {
    return {
      kind: 'denied',
      title: 'Access was not granted',
      message: 'The EHR did not authorise ImmunoSteward for this patient.',
      relaunch: true,
    };
  }
  if (status === 401) {
    return {
      kind: 'unauthorized',
      title: 'Your session has expired',
      message: 'Relaunch ImmunoSteward from the patient chart.',
      relaunch: true,
    };
  }
  if (status === 403) {
    return {
      kind: 'forbidden',
      title: 'Not authorised',
      message: 'Your account is not allowed to read this data.',
      relaunch: false,
    };
  }
  if (/Failed to fetch|NetworkError|network/i.test(text) || error instanceof TypeError) {
    return {
      kind: 'network',
      title: 'The EHR could not be reached',
      message: 'Check the connection and try again.',
      relaunch: false,
    };
  }
  if (/smart-config\.json|not allowed|issuer/i.test(text)) {
    return { kind: 'config', title: 'ImmunoSteward is not set up for this EHR', message: text, relaunch: false };
  }
  return {
    kind: 'server',
    title: 'Something went wrong',
    message: status ? `The EHR answered ${status}.` : 'Please try again.',
    relaunch: false,
  };
}
