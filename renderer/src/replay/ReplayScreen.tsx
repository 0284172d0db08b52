import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReplayOutline, ReplaySession } from '../../../shared/contract/index';
import type { Route } from '../app/route';
import { formatClock } from '../format/time';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import { ReplayPlayer, replaySpeeds, type ReplayBytes, type ReplaySink } from './replay-player';
import { ReplayTerminal } from './ReplayTerminal';
import { ReplayTimeline } from './ReplayTimeline';
import { useTranscript } from './use-transcript';
import './replay.css';

type ReplayRoute = Extract<Route, { view: 'replay' }>;

/** Plays back a run's terminal sessions from their transcripts, with its steps on a time line. */
export function ReplayScreen({ route, navigate }: { route: ReplayRoute; navigate(route: Route): void }) {
  const { client } = useHost();
  const [outline, setOutline] = useState<ReplayOutline | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (client === undefined) return;
    client
      .call('replay.outline', { runId: route.id })
      .then(setOutline, (failure: unknown) => setError(describeError(failure)));
  }, [client, route.id]);

  if (error !== undefined)
    return (
      <p className="error section-full" role="alert">
        {error}
      </p>
    );
  if (outline === undefined) return <p className="muted section-full">Loading the run's sessions…</p>;
  const session = outline.sessions.find((s) => s.id === route.sessionId) ?? outline.sessions[0];
  const spanStart = outline.spans.find(
    (span) => span.stepKey === route.stepKey && span.sessionId === session?.id,
  )?.startMs;
  const startAt = route.atMs ?? spanStart ?? 0;
  return (
    <section className="section-full replay" aria-label="Replay">
      <header className="replay-header">
        <h1>
          Replay · {outline.runbookTitle} <span className="muted">· {outline.environmentName}</span>
        </h1>
        <a href={`#/runs/${outline.runId}`}>Open the run</a>
      </header>
      {outline.sessions.length > 1 && (
        <nav className="replay-sessions" aria-label="Terminal sessions">
          {outline.sessions.map((item, index) => (
            <button
              key={item.id}
              type="button"
              aria-pressed={item.id === session?.id}
              onClick={() => navigate({ view: 'replay', id: outline.runId, sessionId: item.id })}
            >
              Session {index + 1}: {item.title}
            </button>
          ))}
        </nav>
      )}
      {session === undefined ? (
        <p className="muted">
          {outline.imported
            ? 'This run came from a bundle: bundles do not carry terminal transcripts, so only its steps are shown.'
            : 'This run opened no terminal: there is nothing to replay.'}
        </p>
      ) : (
        <SessionReplay
          key={`${session.id}@${startAt}`}
          outline={outline}
          session={session}
          startAt={startAt}
        />
      )}
      <StepJumps outline={outline} navigate={navigate} />
    </section>
  );
}

function SessionReplay({
  outline,
  session,
  startAt,
}: {
  outline: ReplayOutline;
  session: ReplaySession;
  startAt: number;
}) {
  const { chunks, error } = useTranscript(session.id, session.resizes);
  if (error !== undefined) return <p className="error">{error}</p>;
  if (chunks === undefined) return <p className="muted">Loading the transcript…</p>;
  return (
    <Player
      chunks={chunks}
      session={session}
      spans={outline.spans.filter((span) => span.sessionId === session.id)}
      startAt={startAt}
    />
  );
}

function Player({
  chunks,
  session,
  spans,
  startAt,
}: {
  chunks: ReplayBytes[];
  session: ReplaySession;
  spans: ReplayOutline['spans'];
  startAt: number;
}) {
  const player = useRef<ReplayPlayer | undefined>(undefined);
  const [, setFrame] = useState(0);
  const redraw = () => setFrame((frame) => frame + 1);
  const onSink = useCallback(
    (sink: ReplaySink | undefined) => {
      if (sink === undefined) {
        player.current?.pause();
        player.current = undefined;
        return;
      }
      player.current = new ReplayPlayer(chunks, sink);
      player.current.seek(startAt);
      setFrame((frame) => frame + 1);
    },
    [chunks, startAt],
  );
  const current = player.current;
  usePlayLoop(current, redraw);
  const duration = current?.duration ?? 0;
  const position = current?.position ?? 0;
  const jump = (ms: number) => {
    current?.seek(ms);
    redraw();
  };

  return (
    <div className="replay-player">
      <div className="replay-controls">
        <button
          type="button"
          onClick={() => {
            if (current?.playing) current.pause();
            else current?.play(performance.now());
            redraw();
          }}
        >
          {current?.playing ? 'Pause' : 'Play'}
        </button>
        {replaySpeeds.map((speed) => (
          <button
            key={speed}
            type="button"
            aria-pressed={current?.speed === speed}
            onClick={() => {
              current?.setSpeed(speed, performance.now());
              redraw();
            }}
          >
            {speed}×
          </button>
        ))}
        <input
          type="range"
          aria-label="Position"
          min={0}
          max={Math.max(1, Math.round(duration))}
          value={Math.round(position)}
          onChange={(event) => jump(Number(event.target.value))}
        />
        <span className="muted" data-testid="replay-position" data-ms={Math.round(position)}>
          {formatClock(position / 1000)} / {formatClock(duration / 1000)}
        </span>
      </div>
      <ReplayTimeline spans={spans} durationMs={duration} positionMs={position} onJump={jump} />
      <ReplayTerminal cols={session.cols} rows={session.rows} onSink={onSink} />
    </div>
  );
}

/** While playing, ticks the player once per animation frame and redraws the controls. */
function usePlayLoop(player: ReplayPlayer | undefined, redraw: () => void): void {
  const playing = player?.playing ?? false;
  useEffect(() => {
    if (player === undefined || !playing) return;
    let frame = requestAnimationFrame(function step(now) {
      player.tick(now);
      redraw();
      if (player.playing) frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [player, playing, redraw]);
}

/** Every step attempt of the run; one on a session's time line jumps there. */
function StepJumps({ outline, navigate }: { outline: ReplayOutline; navigate(route: Route): void }) {
  return (
    <ol className="replay-steps" aria-label="Steps">
      {outline.spans.map((span) => (
        <li key={`${span.stepKey}#${span.attempt}`}>
          {span.sessionId !== null && span.startMs !== null ? (
            <button
              type="button"
              className="link"
              onClick={() =>
                navigate({
                  view: 'replay',
                  id: outline.runId,
                  sessionId: span.sessionId as string,
                  atMs: span.startMs as number,
                  stepKey: span.stepKey,
                })
              }
            >
              {span.title}
            </button>
          ) : (
            <span>{span.title}</span>
          )}{' '}
          <span className="muted">
            attempt {span.attempt} · {span.status}
            {span.startMs !== null ? ` · ${formatClock(span.startMs / 1000)}` : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}
