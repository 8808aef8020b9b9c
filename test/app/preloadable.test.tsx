// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { Suspense, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { preloadable } from '../../src/app/views/preloadable.js';

/**
 * A view whose chunk was fetched ahead renders at once, without its Suspense fallback; one
 * rendered before its chunk arrived suspends like React.lazy and keeps its state afterwards.
 */

function Counter({ label }: { label: string }) {
  const [count, setCount] = useState(0);
  return (
    <button type="button" onClick={() => setCount((c) => c + 1)}>
      {label} {count}
    </button>
  );
}

/** A chunk that arrives when the test says so. */
function deferredChunk() {
  let arrive: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  let fetches = 0;
  const load = async () => {
    fetches++;
    await arrived;
    return { default: Counter };
  };
  return { load, arrive, fetches: () => fetches };
}

const fallback = <p>loading the view</p>;

afterEach(cleanup);

describe('views fetched ahead', () => {
  it('renders a preloaded view at once, its fallback never shown', async () => {
    const chunk = deferredChunk();
    const View = preloadable(chunk.load);
    const preloaded = View.preload();
    chunk.arrive();
    await preloaded;
    render(
      <Suspense fallback={fallback}>
        <View label="table" />
      </Suspense>,
    );
    // Synchronously after the first render: no fallback, no second fetch.
    expect(screen.getByRole('button').textContent).toBe('table 0');
    expect(screen.queryByText('loading the view')).toBeNull();
    expect(chunk.fetches()).toBe(1);
  });

  it('suspends before its code arrives, then keeps the mounted view and its state', async () => {
    const chunk = deferredChunk();
    const View = preloadable(chunk.load);
    const { rerender } = render(
      <Suspense fallback={fallback}>
        <View label="table" />
      </Suspense>,
    );
    expect(screen.getByText('loading the view')).toBeTruthy();
    await act(async () => {
      chunk.arrive();
      await View.preload();
    });
    const button = await screen.findByRole('button');
    await act(async () => button.click());
    expect(button.textContent).toBe('table 1');
    rerender(
      <Suspense fallback={fallback}>
        <View label="table" />
      </Suspense>,
    );
    // The same instance: its count survived the re-render.
    expect(screen.getByRole('button').textContent).toBe('table 1');
    expect(chunk.fetches()).toBe(1);
  });

  it('fetches again after a failed fetch', async () => {
    let attempts = 0;
    const View = preloadable(async () => {
      attempts++;
      if (attempts === 1) throw new Error('network down');
      return { default: Counter };
    });
    await expect(View.preload()).rejects.toThrow('network down');
    await View.preload();
    expect(attempts).toBe(2);
    render(
      <Suspense fallback={fallback}>
        <View label="after retry" />
      </Suspense>,
    );
    expect(screen.getByRole('button').textContent).toBe('after retry 0');
  });
});
