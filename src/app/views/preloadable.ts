import { type ComponentType, createElement, lazy } from 'react';

/**
 * A view in its own chunk, as React.lazy gives, whose code can be fetched ahead (`preload`) and,
 * once fetched, renders at once. React.lazy suspends on its first render even when the chunk is
 * already here, and React reveals content no sooner than 300 ms after its fallback appeared (its
 * Suspense throttle): on the demo that was half of a warm load (measured, `npm run bench`).
 * Render it inside a Suspense boundary: before its code arrives it suspends like React.lazy.
 */
export interface Preloadable<P extends object> {
  (props: P): ReturnType<typeof createElement>;
  preload: () => Promise<unknown>;
}

/** A chunk fetched once, however often asked for; a failed fetch is forgotten, so the next ask fetches again. */
export function fetchedOnce<M>(load: () => Promise<M>): () => Promise<M> {
  let pending: Promise<M> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

export function preloadable<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): Preloadable<P> {
  let loaded: ComponentType<P> | undefined;
  // Once an instance rendered through React.lazy, every instance keeps it: switching component
  // types under a mounted view would remount it and lose its state (an expanded row).
  let viaLazy = false;
  const preload = fetchedOnce(() =>
    load().then((module) => {
      loaded = module.default;
      return module;
    }),
  );
  const Lazy = lazy(preload);
  // biome-ignore lint/correctness/noComponentHookFactories: called once per view at module level, as React.lazy is
  const View = (props: P) => {
    if (loaded && !viaLazy) return createElement(loaded, props);
    viaLazy = true;
    return createElement(Lazy, props);
  };
  return Object.assign(View, { preload });
}
