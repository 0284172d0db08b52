import { useCallback, useEffect, useState } from 'react';

/**
 * Where the window is, kept in the address's hash so a reload opens the same screen (a run the
 * operator was executing, above all).
 */
export type Route =
  | { view: 'library' }
  | { view: 'environments' }
  | { view: 'runs' }
  | { view: 'start-run' }
  | { view: 'run'; id: string }
  | { view: 'review'; id: string }
  | { view: 'compare'; id: string; reference?: string }
  | { view: 'reports' }
  /** A run imported from a bundle, read-only (countersign, export). */
  | { view: 'imported'; id: string };

const runPath = /^#\/runs\/([0-9a-fA-F-]{36})$/;
const reviewPath = /^#\/review\/([0-9a-fA-F-]{36})$/;
const comparePath = /^#\/compare\/([0-9a-fA-F-]{36})(?:\/([0-9a-fA-F-]{36}))?$/;
const importedPath = /^#\/reports\/([0-9a-fA-F-]{36})$/;

export function parseRoute(hash: string): Route {
  if (hash === '#/environments') return { view: 'environments' };
  if (hash === '#/runs') return { view: 'runs' };
  if (hash === '#/runs/new') return { view: 'start-run' };
  if (hash === '#/reports') return { view: 'reports' };
  const imported = importedPath.exec(hash);
  if (imported?.[1] !== undefined) return { view: 'imported', id: imported[1].toLowerCase() };
  const run = runPath.exec(hash);
  if (run?.[1] !== undefined) return { view: 'run', id: run[1].toLowerCase() };
  const review = reviewPath.exec(hash);
  if (review?.[1] !== undefined) return { view: 'review', id: review[1].toLowerCase() };
  const compare = comparePath.exec(hash);
  if (compare?.[1] !== undefined)
    return compare[2] === undefined
      ? { view: 'compare', id: compare[1].toLowerCase() }
      : { view: 'compare', id: compare[1].toLowerCase(), reference: compare[2].toLowerCase() };
  return { view: 'library' };
}

export function formatRoute(route: Route): string {
  switch (route.view) {
    case 'library':
      return '#/library';
    case 'environments':
      return '#/environments';
    case 'runs':
      return '#/runs';
    case 'start-run':
      return '#/runs/new';
    case 'run':
      return `#/runs/${route.id}`;
    case 'review':
      return `#/review/${route.id}`;
    case 'compare':
      return route.reference === undefined
        ? `#/compare/${route.id}`
        : `#/compare/${route.id}/${route.reference}`;
    case 'reports':
      return '#/reports';
    case 'imported':
      return `#/reports/${route.id}`;
  }
}

export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: Route) => {
    window.location.hash = formatRoute(next);
  }, []);
  return [route, navigate];
}
