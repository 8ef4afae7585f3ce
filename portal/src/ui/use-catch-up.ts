import { useEffect, useRef, useState } from 'react';

/** How often and how long a page asks again for a version its own change produced. */
const EVERY_MS = 300;
const TRIES = 40;

/**
 * Read models follow a change by a moment: a page that reloads once right after its own
 * mutation may read the version before it and then stay there. `expect(version)` (the version
 * the mutation answered) makes the page reload until it shows that version, for up to 12 s.
 */
export const useCatchUp = (shown: number | undefined, reload: () => void): ((version: number | null | undefined) => void) => {
  const [awaited, setAwaited] = useState<number | null>(null);
  const tries = useRef(0);
  useEffect(() => {
    if (awaited === null || shown === undefined) return;
    if (shown >= awaited || tries.current >= TRIES) {
      setAwaited(null);
      return;
    }
    const timer = setTimeout(() => {
      tries.current++;
      reload();
    }, EVERY_MS);
    return () => clearTimeout(timer);
  }, [awaited, shown, reload]);
  return (version) => {
    tries.current = 0;
    setAwaited(version ?? null);
    reload();
  };
};
