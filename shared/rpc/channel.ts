/**
 * A bidirectional text channel: what the RPC core needs from a transport and nothing more.
 * Adapters exist for MessagePorts (the Electron app) and WebSockets (browser mode).
 */
export interface Channel {
  send(text: string): void;
  /** Registers the one listener for incoming texts. */
  onMessage(listener: (text: string) => void): void;
  /** Registers the one listener for the channel closing, from either end. */
  onClose(listener: () => void): void;
  close(): void;
}
