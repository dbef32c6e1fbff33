import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/*
 * Code blocks of the docs that the tests run: a fence marked with a file name,
 * ```python title="server.py", is that file. Reading them from the markdown keeps the docs and
 * what the tests prove the same text.
 */

const root = new URL('../../', import.meta.url).pathname

export interface Snippet {
  lang: string
  title: string
  code: string
}

/** Every titled fenced block of a markdown file under the repository root. */
export function titledSnippets(docPath: string): Snippet[] {
  const markdown = readFileSync(join(root, docPath), 'utf8')
  const fence = /^```(\w+)[ \t]+title="([^"]+)"[ \t]*\n([\s\S]*?)^```[ \t]*$/gm
  return [...markdown.matchAll(fence)].map((m) => ({ lang: m[1], title: m[2], code: m[3] }))
}

/** The one block titled `title` (fails loudly when the page lost it or has it twice). */
export function snippet(docPath: string, title: string): string {
  const found = titledSnippets(docPath).filter((s) => s.title === title)
  if (found.length !== 1)
    throw new Error(`${docPath} has ${found.length} code blocks titled "${title}", expected 1`)
  return found[0].code
}
