/**
 * How a client proves it holds browser mode's per-start token: in the WebSocket handshake's
 * `Sec-WebSocket-Protocol` header, as one of the subprotocols it offers. A browser never sends
 * that header on its own (unlike a cookie, which goes to every server on the same host whatever
 * its port, or HTTP credentials it has cached); only code that knows the token can put it there.
 * Kubernetes' API server takes bearer tokens from browsers the same way.
 *
 * The client offers two subprotocols: `rpcSubprotocol`, which the server selects and echoes, and
 * the token one, which is never echoed.
 */
export const rpcSubprotocol = 'handrail.rpc.v1';

const tokenPrefix = 'handrail.token.';

/** The subprotocols a client offers to connect with this token (base64url: valid header tokens). */
export function handshakeProtocols(token: string): string[] {
  return [rpcSubprotocol, `${tokenPrefix}${token}`];
}

/** The token offered among the subprotocols, or undefined when none was. */
export function offeredToken(protocols: Iterable<string>): string | undefined {
  for (const protocol of protocols) {
    if (protocol.startsWith(tokenPrefix)) return protocol.slice(tokenPrefix.length);
  }
  return undefined;
}
