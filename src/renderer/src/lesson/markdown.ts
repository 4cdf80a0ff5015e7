/**
 * Lesson Markdown to HTML: markdown-it with raw HTML disabled (any `<tag>` in the text is shown
 * as text, never parsed), and `$…$` / `$$…$$` math typeset by KaTeX with `trust` off (no
 * \href, \url or \htmlClass). Links open outside the app. The result is the parser's and
 * KaTeX's own markup, so it is safe to put into the page.
 */
import katex from 'katex';
import markdownIt, { type MarkdownIt, type StateInline } from 'markdown-it';

/** `$` opens math only when not followed by a space, and closes only when not preceded by one ("costs $5 and $6" is text). */
function findClosing(src: string, from: number, delimiter: string): number {
  for (let at = src.indexOf(delimiter, from); at !== -1; at = src.indexOf(delimiter, at + 1)) {
    if (src[at - 1] === '\\') continue;
    if (delimiter === '$' && /\s/.test(src[at - 1] ?? '')) continue;
    return at;
  }
  return -1;
}

function mathRule(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src[pos] !== '$') return false;
  const display = src[pos + 1] === '$';
  const delimiter = display ? '$$' : '$';
  const start = pos + delimiter.length;
  if (!display && /\s/.test(src[start] ?? ' ')) return false;
  const end = findClosing(src, start, delimiter);
  if (end === -1 || end === start) return false;
  if (!silent) {
    const token = state.push(display ? 'math_display' : 'math_inline', 'math', 0);
    token.content = src.slice(start, end);
    token.markup = delimiter;
  }
  state.pos = end + delimiter.length;
  return true;
}

function typeset(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, { displayMode, throwOnError: false, trust: false, strict: 'ignore', maxSize: 20, maxExpand: 200, output: 'htmlAndMathml' });
}

function createParser(): MarkdownIt {
  const md = markdownIt({ html: false, linkify: false, typographer: false, breaks: false });
  md.inline.ruler.after('escape', 'math', mathRule);
  md.renderer.rules.math_inline = (tokens, idx) => typeset(tokens[idx]!.content, false);
  md.renderer.rules.math_display = (tokens, idx) => typeset(tokens[idx]!.content, true);
  const defaultLink = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx]!.attrSet('target', '_blank');
    tokens[idx]!.attrSet('rel', 'noopener noreferrer');
    return defaultLink(tokens, idx, options, env, self);
  };
  return md;
}

let parser: MarkdownIt | null = null;

/** Block Markdown (headings, lists, paragraphs, code) with math, as HTML. */
export function renderLessonMarkdown(text: string): string {
  parser ??= createParser();
  return parser.render(text);
}

/** One line of Markdown (a goal's prompt): no surrounding paragraph. */
export function renderInlineMarkdown(text: string): string {
  parser ??= createParser();
  return parser.renderInline(text);
}
