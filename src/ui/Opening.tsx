import { useApp } from 'ink';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { RedrawOnResize } from './components/RedrawOnResize.js';
import { KeyRouter } from './hooks/use-keys.js';

/**
 * The app's frame: `early` (home drawn from the queue cache) until `app` is ready (the
 * collection open), then the app. `app` is called once `early` is on screen and the keys are
 * read (raw mode on: a key typed during a long open is neither echoed nor held for a line);
 * keys pressed meanwhile wait, and once the app is up are taken in order, one per frame. A
 * failure to open ends the app with its error.
 */
export function Opening({
  early,
  app,
}: {
  readonly early: ReactNode;
  readonly app: () => Promise<ReactNode>;
}) {
  const { exit } = useApp();
  const [ready, setReady] = useState<{ readonly node: ReactNode } | null>(null);
  const started = useRef(false);
  // After the children's effects: KeyRouter's input subscription has turned raw mode on.
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    let live = true;
    app().then(
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
