/**
 * Characters that must never reach a report as themselves, and the visible marker each one is
 * shown as instead: the mapping is shared/text/visible-markers.ts, pure, so the app's screens
 * show exactly what a report does.
 */
export {
  replacementCharacter,
  visibleMarker,
  withVisibleControls,
} from '../../../shared/text/visible-markers';

/** Text from bytes (invalid UTF-8 becomes U+FFFD, a BOM is kept to be marked) or a string as it is. */
export function decodeUntrusted(input: string | Uint8Array): string {
  return typeof input === 'string'
    ? input
    : new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(input);
}
