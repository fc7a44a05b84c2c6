// A markdown-it plugin for VS Code's built-in Markdown preview: control IDs (A.5.15, and 2013 IDs
// such as A.9.2.3) in text render inside <abbr title="A.5.15 Access control">. Code spans and
// fenced code are separate token types, so IDs there are left alone, as in the diagnostics.

/** The few markdown-it shapes the plugin touches (no dependency on markdown-it's types). */
export interface MdToken {
  type: string;
  content: string;
  children: MdToken[] | null;
  attrSet(name: string, value: string): void;
}
interface MdCoreState {
  tokens: MdToken[];
  Token: new (type: string, tag: string, nesting: number) => MdToken;
}
export interface MarkdownIt {
  core: { ruler: { push(name: string, rule: (state: MdCoreState) => void): void } };
}

const CONTROL_ID = /(?<![\w.])A\.\d{1,2}\.\d{1,2}(?:\.\d{1,2})?(?![\w]|\.\d)/g;

export function controlTitlesPlugin(md: MarkdownIt, titles: () => Record<string, string>): MarkdownIt {
  md.core.ruler.push('isms_control_titles', (state) => {
    let known: Record<string, string> | undefined;
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      let linkDepth = 0;
      const out: MdToken[] = [];
      for (const token of block.children) {
        if (token.type === 'link_open') linkDepth++;
        if (token.type === 'link_close') linkDepth--;
        if (token.type !== 'text' || linkDepth > 0 || !/A\.\d/.test(token.content)) { out.push(token); continue; }
        known ??= titles();
        out.push(...split(token.content, known, state.Token));
      }
      block.children = out;
    }
  });
  return md;
}

function split(text: string, titles: Record<string, string>, Token: MdCoreState['Token']): MdToken[] {
  const out: MdToken[] = [];
  const text_ = (content: string) => { const t = new Token('text', '', 0); t.content = content; out.push(t); };
  let last = 0;
  for (const m of text.matchAll(CONTROL_ID)) {
    const title = titles[m[0]];
    if (!title) continue;
    if (m.index > last) text_(text.slice(last, m.index));
    const open = new Token('isms_abbr_open', 'abbr', 1);
    open.attrSet('title', `${m[0]} ${title}`);
    out.push(open);
    text_(m[0]);
    out.push(new Token('isms_abbr_close', 'abbr', -1));
    last = m.index + m[0].length;
  }
  if (last < text.length || !out.length) text_(text.slice(last));
  return out;
}
