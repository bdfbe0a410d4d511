import { escapeXml } from '../../../kernel/xml.js';

export interface AtomEntry {
  id: string;
  title: string;
  url: string;
  updated: Date;
  published?: Date | null;
  summary: string;
  /** HTML content (escaped into a type="html" element). */
  html?: string;
  categories?: string[];
  lang?: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  selfUrl: string;
  alternateUrl: string;
  author: string;
  lang: string;
  entries: AtomEntry[];
  /** When the feed has no entries. */
  fallbackUpdated: Date;
}

/** An Atom 1.0 (RFC 4287) document: feed id, title, updated, author, self link, and entries. */
export function buildAtomFeed(feed: AtomFeed): string {
  const updated = feed.entries.reduce((max, e) => (e.updated > max ? e.updated : max), new Date(0));
  const x = escapeXml;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(feed.lang)}">`,
    `  <id>${x(feed.id)}</id>`,
    `  <title>${x(feed.title)}</title>`,
    `  <updated>${(feed.entries.length ? updated : feed.fallbackUpdated).toISOString()}</updated>`,
    `  <author><name>${x(feed.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${x(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${x(feed.alternateUrl)}"/>`,
  ];
  for (const e of feed.entries) {
    lines.push(`  <entry${e.lang ? ` xml:lang="${x(e.lang)}"` : ''}>`);
    lines.push(`    <id>${x(e.id)}</id>`);
    lines.push(`    <title>${x(e.title)}</title>`);
    lines.push(`    <link rel="alternate" type="text/html" href="${x(e.url)}"/>`);
    lines.push(`    <updated>${e.updated.toISOString()}</updated>`);
    if (e.published) lines.push(`    <published>${e.published.toISOString()}</published>`);
    for (const c of e.categories ?? []) lines.push(`    <category term="${x(c)}"/>`);
    lines.push(`    <summary>${x(e.summary)}</summary>`);
    if (e.html) lines.push(`    <content type="html">${x(e.html)}</content>`);
    lines.push('  </entry>');
  }
  lines.push('</feed>');
  return `${lines.join('\n')}\n`;
}
