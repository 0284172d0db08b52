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
  | { view: 'run'; id: string; stepKey?: string }
  | { view: 'search' }
  | { view: 'replay'; id: string; sessionId?: string; atMs?: number; stepKey?: string }
  | { view: 'review'; id: string }
  | { view: 'compare'; id: string; reference?: string }
  | { view: 'reports' }
  /** A run imported from a bundle, read-only (countersign, export). */
  | { view: 'imported'; id: string };

const runPath = /^#\/runs\/([0-9a-fA-F-]{36})(\/replay)?(?:\?(.*))?$/;
const reviewPath = /^#\/review\/([0-9a-fA-F-]{36})$/;
const comparePath = /^#\/compare\/([0-9a-fA-F-]{36})(?:\/([0-9a-fA-F-]{36}))?$/;
const importedPath = /^#\/reports\/([0-9a-fA-F-]{36})$/;

export function parseRoute(hash: string): Route {
  if (hash === '#/environments') return { view: 'environments' };
  if (hash === '#/runs') return { view: 'runs' };
  if (hash === '#/runs/new') return { view: 'start-run' };
  if (hash === '#/search') return { view: 'search' };
  if (hash === '#/reports') return { view: 'reports' };
  const imported = importedPath.exec(hash);
  if (imported?.[1] !== undefined) return { view: 'imported', id: imported[1].toLowerCase() };
  const run = runPath.exec(hash);
  if (run?.[1] !== undefined) return runRoute(run[1].toLowerCase(), run[2] !== undefined, run[3] ?? '');
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
      return `#/runs/${route.id}${query({ step: route.stepKey })}`;
    case 'search':
      return '#/search';
    case 'replay':
      return `#/runs/${route.id}/replay${query({ session: route.sessionId, at: route.atMs?.toString(), step: route.stepKey })}`;
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

/** A run's screen or its replay, with where to open them (the step, the session and moment). */
function runRoute(id: string, replay: boolean, search: string): Route {
  const params = new URLSearchParams(search);
  const stepKey = params.get('step') ?? undefined;
  if (!replay) return stepKey === undefined ? { view: 'run', id } : { view: 'run', id, stepKey };
  const at = Number(params.get('at'));
  return {
    view: 'replay',
    id,
    ...(stepKey === undefined ? {} : { stepKey }),
    ...(params.get('session') === null ? {} : { sessionId: params.get('session') as string }),
    ...(params.get('at') !== null && Number.isFinite(at) && at >= 0 ? { atMs: at } : {}),
  };
}

function query(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) params.set(key, value);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
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
