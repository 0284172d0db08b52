import { useEffect, useState } from 'react';
import { useHost } from '../host-client/HostProvider';
import { describeError } from '../library/describe-error';
import type { ReplayBytes } from './replay-player';

/** A session's whole transcript, fetched page by page from the host. */
export function useTranscript(sessionId: string | undefined): {
  chunks: ReplayBytes[] | undefined;
  error: string | undefined;
} {
  const { client } = useHost();
  const [chunks, setChunks] = useState<ReplayBytes[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    setChunks(undefined);
    setError(undefined);
    if (client === undefined || sessionId === undefined) return;
    let live = true;
    const load = async () => {
      const all: ReplayBytes[] = [];
      let afterSeq = 0;
      for (;;) {
        const page = await client.call('replay.chunks', { sessionId, afterSeq });
        for (const chunk of page.chunks) all.push({ atMs: chunk.atMs, data: fromBase64(chunk.data) });
        if (page.done || page.chunks.length === 0) return all;
        afterSeq = page.chunks.at(-1)?.seq ?? afterSeq;
      }
    };
    load().then(
      (all) => live && setChunks(all),
      (failure: unknown) => live && setError(describeError(failure)),
    );
    return () => {
      live = false;
    };
  }, [client, sessionId]);
  return { chunks, error };
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
