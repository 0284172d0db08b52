import { Fragment, useMemo, type ReactNode } from 'react';
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VisibleText } from '../format/visible-text';

const parser = unified().use(remarkParse).use(remarkGfm);

/**
 * Markdown (step text, notes) as React elements, built from the parsed tree: every piece of text
 * goes through React, which escapes it, and raw HTML in the source is shown as text, never
 * interpreted. Links are shown with their address but not followed (no request leaves the app).
 */
export function MarkdownText({ text, className }: { text: string; className?: string }) {
  const tree = useMemo(() => parser.parse(text) as Root, [text]);
  return (
    <div className={className === undefined ? 'markdown' : `markdown ${className}`}>{children(tree)}</div>
  );
}

function children(node: { children?: Nodes[] }): ReactNode {
  return (node.children ?? []).map((child, index) => <Fragment key={index}>{render(child)}</Fragment>);
}

function render(node: Nodes): ReactNode {
  switch (node.type) {
    case 'paragraph':
      return <p>{children(node)}</p>;
    case 'heading':
      return <p className={`markdown-heading markdown-h${node.depth}`}>{children(node)}</p>;
    case 'text':
      return <VisibleText text={node.value} />;
    case 'emphasis':
      return <em>{children(node)}</em>;
    case 'strong':
      return <strong>{children(node)}</strong>;
    case 'delete':
      return <del>{children(node)}</del>;
    case 'inlineCode':
      return (
        <code>
          <VisibleText text={node.value} />
        </code>
      );
    case 'code':
      return (
        <pre className="markdown-code">
          <code>
            <VisibleText text={node.value} />
          </code>
        </pre>
      );
    case 'html':
      return (
        <code>
          <VisibleText text={node.value} />
        </code>
      );
    case 'break':
      return <br />;
    case 'thematicBreak':
      return <hr />;
    case 'blockquote':
      return <blockquote>{children(node)}</blockquote>;
    case 'list':
      return node.ordered === true ? <ol>{children(node)}</ol> : <ul>{children(node)}</ul>;
    case 'listItem':
      return (
        <li>
          {node.checked === true ? '☑ ' : node.checked === false ? '☐ ' : null}
          {children(node)}
        </li>
      );
    case 'link':
      return (
        <span className="markdown-link" title={node.url}>
          {children(node)}
        </span>
      );
    case 'image':
      return <span className="markdown-link">[image: {node.alt ?? node.url}]</span>;
    case 'table':
      return (
        <table className="markdown-table">
          <tbody>{children(node)}</tbody>
        </table>
      );
    case 'tableRow':
      return <tr>{children(node)}</tr>;
    case 'tableCell':
      return <td>{children(node)}</td>;
    default:
      return 'children' in node ? children(node) : 'value' in node ? String(node.value) : null;
  }
}
