/**
 * The curriculum's lesson ids, for the page script, without shipping a YAML parser or zod: a
 * line reader for the `lessons:` lists of `content/curriculum.yaml`. Deliberately narrow; the
 * test checks that it yields exactly `lessonOrder` from `src/curriculum/curriculum.ts`, so the two
 * cannot drift apart unnoticed. Pure; the raw text is passed in.
 */

/** Lesson ids listed under every `lessons:` key, in file order (block or flow style). */
export function lessonIdsFromYaml(text: string): string[] {
  const ids: string[] = [];
  let listIndent = -1;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trimEnd();
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    const key = /^(\s*)(?:- )?lessons:\s*(.*)$/.exec(line);
    if (key) {
      listIndent = key[2] ? -1 : indent;
      if (key[2].startsWith('[')) ids.push(...key[2].replace(/^\[|\]$/g, '').split(',').map(unquote).filter(Boolean));
      continue;
    }
    const item = /^\s*-\s+(.+)$/.exec(line);
    if (listIndent >= 0 && item && indent >= listIndent) ids.push(unquote(item[1]));
    else if (indent <= listIndent) listIndent = -1;
  }
  return ids;
}

function unquote(s: string): string {
  return s.trim().replace(/^(['"])(.*)\1$/, '$2');
}

/** The docs id a site path belongs to (`/foundations/cap/` → `foundations/cap`), or null if none is listed. */
export function lessonIdForPath(pathname: string, ids: readonly string[]): string | null {
  let id = pathname.replace(/^\/+|\/+$/g, '').replace(/\/index\.html$|\.html$/, '');
  try {
    id = decodeURIComponent(id);
  } catch {
    return null;
  }
  return ids.includes(id) ? id : null;
}
