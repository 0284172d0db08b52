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
  | { view: 'replay'; id: string; sessionId?: string; atMs?: number; stepKey?: string };

const runPath = /^#\/runs\/([0-9a-fA-F-]{36})(\/replay)?(?:\?(.*))?$/;

export function parseRoute(hash: string): Route {
  if (hash === '#/environments') return { view: 'environments' };
  if (hash === '#/runs') return { view: 'runs' };
  if (hash === '#/runs/new') return { view: 'start-run' };
  if (hash === '#/search') return { view: 'search' };
  const run = runPath.exec(hash);
  if (run?.[1] !== undefined) return runRoute(run[1].toLowerCase(), run[2] !== undefined, run[3] ?? '');
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
