import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

// markdown-it's validateLink already refuses javascript:, vbscript:, file: and non-image data:
// URLs; we also refuse anything but http(s), mailto, relative links and fragments.
const SAFE_URL = /^(https?:|mailto:|\/|#|\.{0,2}\/)/i;
const defaultValidate = md.validateLink.bind(md);
md.validateLink = (url: string) => {
  const trimmed = url.trim();
  if (!defaultValidate(trimmed)) return false;
  return SAFE_URL.test(trimmed) || !/^[a-z][a-z0-9+.-]*:/i.test(trimmed);
};

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = tokens[idx].attrGet('href') ?? '';
  if (/^https?:/i.test(href)) tokens[idx].attrSet('rel', 'nofollow noopener noreferrer ugc');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/**
 * Renders a Markdown body to HTML that is safe to insert into a page: raw HTML in the source is
 * shown as text (html:false), and links to anything but web, mail and relative addresses are
 * left as text; outside links get rel="nofollow noopener noreferrer ugc".
 */
export function renderMarkdown(source: string): string {
  return md.render(source);
}

/** Plain text of a Markdown body (for feeds' summaries and meta descriptions). */
export function markdownToText(source: string, max = 300): string {
  const text = source
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~|-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
