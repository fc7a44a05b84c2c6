// Catalogue facts the client needs without asking the server: control titles (for the Markdown
// preview and the control quick pick) and guidance intents. Both come from the files the build
// writes to dist/catalogue: titles.json, and one page per control.
import { readFileSync, promises as fs } from 'node:fs';
import * as path from 'node:path';

export class ClientCatalogue {
  private titlesCache: Record<string, string> | undefined;
  private intentsCache: Promise<Map<string, string>> | undefined;

  constructor(private readonly dir: string) {}

  /** ID -> title for every 2022 and 2013 control; read synchronously, once, on first use. */
  titles(): Record<string, string> {
    if (!this.titlesCache) {
      try {
        this.titlesCache = JSON.parse(readFileSync(path.join(this.dir, 'titles.json'), 'utf8')) as Record<string, string>;
      } catch {
        this.titlesCache = {};
      }
    }
    return this.titlesCache;
  }

  /** The 93 ISO/IEC 27001:2022 controls, in catalogue order. */
  controls2022(): { id: string; title: string }[] {
    return Object.entries(this.titles())
      .filter(([id]) => /^A\.[5-8]\.\d{1,2}$/.test(id))
      .map(([id, title]) => ({ id, title }))
      .sort((a, b) => compareIds(a.id, b.id));
  }

  /** The "Intent" paragraph of each control's page (empty when a page has none). */
  intents(): Promise<Map<string, string>> {
    this.intentsCache ??= Promise.all(this.controls2022().map(async ({ id }) => {
      const text = await fs.readFile(this.page(id), 'utf8').catch(() => '');
      const m = /^## Intent\s*\n+([\s\S]*?)(?:\n\s*\n|\n## |$)/m.exec(text);
      return [id, m ? m[1].replace(/\s+/g, ' ').trim() : ''] as const;
    })).then((pairs) => new Map(pairs));
    return this.intentsCache;
  }

  /** The readable page of a control or clause. */
  page(id: string): string {
    return path.join(this.dir, `${id}.md`);
  }
}

export function compareIds(a: string, b: string): number {
  const pa = a.slice(2).split('.').map(Number);
  const pb = b.slice(2).split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d) return d;
  }
  return 0;
}
