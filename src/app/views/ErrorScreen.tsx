import type { AppError } from '../smart/errors.js';

/** A full-page error in words a physician can act on: title, message, what to do. Never a stack. */
export function ErrorScreen({ error }: { error: AppError }) {
  return (
    <div className="error-screen" role="alert">
      <h1 className="error-screen-title">{error.title}</h1>
      <p>{error.message}</p>
      {error.relaunch && (
        <p className="relaunch-hint">
          Relaunch ImmunoSteward from the EHR: open the patient chart and start the app again.
        </p>
      )}
    </div>
  );
}
