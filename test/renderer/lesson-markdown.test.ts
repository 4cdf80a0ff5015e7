/** Lesson Markdown: the parts teachers use, math through KaTeX, and no way to inject HTML or script. */
import { describe, expect, it } from 'vitest';
import { renderInlineMarkdown, renderLessonMarkdown } from '../../src/renderer/src/lesson/markdown';

describe('renderLessonMarkdown', () => {
  it('renders headings, lists, emphasis and code', () => {
    const html = renderLessonMarkdown('## Task\n\n- one **bold**\n- two *em*\n\n1. first\n\nUse `dense` here.');
    expect(html).toContain('<h2>Task</h2>');
    expect(html).toContain('<li>one <strong>bold</strong></li>');
    expect(html).toContain('<em>em</em>');
    expect(html).toContain('<ol>');
    expect(html).toContain('<code>dense</code>');
  });

  it('typesets inline and display math with KaTeX', () => {
    const html = renderLessonMarkdown('The loss $L = (y - \\hat y)^2$ and\n\n$$\\frac{\\partial L}{\\partial w}$$');
    expect(html).toContain('class="katex"');
    expect(html).toContain('katex-display');
    expect(html).toContain('<annotation encoding="application/x-tex">L = (y - \\hat y)^2</annotation>');
  });

  it('leaves dollar amounts alone', () => {
    expect(renderLessonMarkdown('costs $5 and $6 today')).toBe('<p>costs $5 and $6 today</p>\n');
  });

  it('shows bad TeX as an error in place instead of failing', () => {
    expect(renderLessonMarkdown('$\\frac{1}{$')).toContain('katex-error');
  });

  it('never passes HTML or script through', () => {
    const html = renderLessonMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)"> [x](javascript:alert(1))');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('href="javascript:');
  });

  it('keeps KaTeX from emitting links or classes from the text (trust off)', () => {
    const html = renderLessonMarkdown('$\\href{javascript:alert(1)}{x}$ $\\htmlClass{evil}{x}$');
    expect(html).not.toMatch(/<a[\s>]/);
    expect(html).not.toContain('href=');
    expect(html).not.toContain('class="evil"');
  });

  it('opens links outside the app', () => {
    expect(renderLessonMarkdown('[lecture](https://example.org/a)')).toContain('<a href="https://example.org/a" target="_blank" rel="noopener noreferrer">lecture</a>');
  });

  it('renders a prompt inline, without a paragraph', () => {
    expect(renderInlineMarkdown('What is *δ*?')).toBe('What is <em>δ</em>?');
  });
});
