import { useApp } from 'ink';
import { type ReactNode, useEffect, useState } from 'react';
import { RedrawOnResize } from './components/RedrawOnResize.js';
import { KeyRouter } from './hooks/use-keys.js';

/**
 * The app's frame: `early` (home drawn from the queue cache) until `app` is ready (the
 * collection open), then the app. Keys pressed meanwhile wait, and once the app is up are
 * taken in order, one per frame; a failure to open ends the app with its error. Without
 * `early`, `app` must already be settled: nothing is drawn before it.
 */
export function Opening({
  early,
  app,
}: {
  readonly early: ReactNode;
  readonly app: Promise<ReactNode>;
}) {
  const { exit } = useApp();
  const [ready, setReady] = useState<{ readonly node: ReactNode } | null>(null);
  useEffect(() => {
    let live = true;
    app.then(
      (node) => live && setReady({ node }),
      (e: unknown) => live && exit(e as Error),
    );
    return () => {
      live = false;
    };
  }, [app, exit]);
  return (
    <KeyRouter hold={ready === null}>
      <RedrawOnResize>{ready ? ready.node : early}</RedrawOnResize>
    </KeyRouter>
  );
}
