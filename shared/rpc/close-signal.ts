/**
 * The closing half of a channel adapter: whichever end closes first, the channel's close
 * listener is told exactly once.
 */
export function closeSignal(): { fire(): void; listen(listener: () => void): void; isClosed(): boolean } {
  let listener: () => void = () => {};
  let closed = false;
  return {
    fire: () => {
      if (closed) return;
      closed = true;
      listener();
    },
    listen: (next) => {
      listener = next;
    },
    isClosed: () => closed,
  };
}
