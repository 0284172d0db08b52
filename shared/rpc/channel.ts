/**
 * A bidirectional text channel: what the RPC core needs from a transport and nothing more.
 * Adapters exist for MessagePorts (the Electron app) and WebSockets (browser mode).
 */
export interface Channel {
  send(text: string): void;
  /**
   * Registers the one listener for incoming texts. The server's listener returns a promise that
   * settles once the message has been answered, so a transport can hold back further reading
   * while too much is in flight (browser mode's byte budget); others ignore it.
   */
  onMessage(listener: (text: string) => void | Promise<void>): void;
  /** Registers the one listener for the channel closing, from either end. */
  onClose(listener: () => void): void;
  close(): void;
}
