/** Lesson Markdown in the page. The HTML comes from markdown-it (raw HTML off) and KaTeX only: see markdown.ts. */
import { useMemo } from 'react';
import { renderInlineMarkdown, renderLessonMarkdown } from './markdown';
import 'katex/dist/katex.min.css';

export function MarkdownBlock({ text, testId, className }: { text: string; testId?: string; className?: string }) {
  const html = useMemo(() => renderLessonMarkdown(text), [text]);
  return <div className={`lesson-markdown ${className ?? ''}`} data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
}

export function MarkdownInline({ text }: { text: string }) {
  const html = useMemo(() => renderInlineMarkdown(text), [text]);
  return <span className="lesson-markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
