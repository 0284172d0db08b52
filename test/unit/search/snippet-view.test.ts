import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { expect, test } from 'vitest';
import { snippetParts } from '../../../renderer/src/search/snippet-parts';
import { SnippetText } from '../../../renderer/src/search/snippet-text';
import { buildSnippet } from '../../../electron/host/search/snippet';
import { queryWords } from '../../../electron/host/search/search-words';
import { injectionCorpus } from '../../support/injection-corpus';
import { parseStrictHtml } from '../../support/html-safety';

test('a snippet renders as escaped text with <mark> around the matched words only', () => {
  const text = '<img src=x onerror=alert(1)> rabbitmq <b>bold</b> & "quotes" <script>x()</script>';
  const snippet = buildSnippet(text, queryWords('rabbitmq bold'));
  const html = renderToStaticMarkup(createElement(SnippetText, { snippet }));
  const parsed = parseStrictHtml(html);
  expect(new Set(parsed.elements.map((element) => element.tag))).toEqual(new Set(['span', 'mark']));
  expect(parsed.text).toBe(text);
  const marked = parsed.runs.filter((run) => run.ancestors.some((element) => element.tag === 'mark'));
  expect(marked.map((run) => run.text)).toEqual(['rabbitmq', 'bold']);
});

test('hostile strings never become markup', () => {
  for (const entry of injectionCorpus) {
    const input = typeof entry.input === 'string' ? entry.input : new TextDecoder().decode(entry.input);
    // As the host makes it: controls become spaces, the first word is highlighted.
    const snippet = buildSnippet(input, queryWords(input).slice(0, 1));
    // eslint-disable-next-line no-control-regex -- asserting no control character is left
    expect(snippet.text, entry.name).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    const parsed = parseStrictHtml(renderToStaticMarkup(createElement(SnippetText, { snippet })));
    expect(parsed.elements.every((element) => element.tag === 'span' || element.tag === 'mark')).toBe(true);
    expect(parsed.text, entry.name).toBe(snippet.text);
  }
});

test('bad ranges are clamped and merged, never dropping or repeating text', () => {
  const parts = snippetParts({
    text: 'abcdefgh',
    highlights: [
      { start: 6, end: 99 },
      { start: 1, end: 3 },
      { start: 2, end: 4 },
      { start: -5, end: 0 },
      { start: 5, end: 5 },
    ],
  });
  expect(parts.map((part) => part.text).join('')).toBe('abcdefgh');
  expect(parts.filter((part) => part.marked).map((part) => part.text)).toEqual(['bcd', 'gh']);
});
