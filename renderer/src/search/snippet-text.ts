import { createElement, type ReactElement } from 'react';
import type { Snippet } from '../../../shared/contract/index';
import { snippetParts } from './snippet-parts';

/**
 * A search snippet: its text as text nodes (React escapes them), the matched words in <mark>
 * elements made here. Written without JSX so tests can render it from the host's tsconfig.
 */
export function SnippetText({ snippet }: { snippet: Snippet }): ReactElement {
  return createElement(
    'span',
    { className: 'snippet' },
    snippetParts(snippet).map((part, index) =>
      createElement(part.marked ? 'mark' : 'span', { key: index }, part.text),
    ),
  );
}
