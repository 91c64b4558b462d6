import { CST, Lexer } from 'yaml';
import { makeIssue, type Issue } from '../../issues/issue.js';
import type { LintCheck } from '../context.js';

/** A version that says the rubric is not finished (what `jixiao import` writes). */
const DRAFT = /^(?:draft|草稿)$/i;
/** A comment that asks a person to decide something. */
const TODO = /^#\s*TODO\b[\s:：]*(.*)$/;

/** The `# TODO` comments of a YAML text, with their 1-based line and column. */
function todoComments(text: string): { text: string; line: number; column: number }[] {
  const out: { text: string; line: number; column: number }[] = [];
  let line = 1;
  let column = 1;
  let scalarText = false; // the token after a scalar marker is the scalar's source text
  const advance = (tok: string) => {
    const nl = tok.lastIndexOf('\n');
    if (nl < 0) column += tok.length;
    else {
      for (let i = 0; i <= nl; i++) if (tok.charCodeAt(i) === 10) line++;
      column = tok.length - nl;
    }
  };
  try {
    for (const tok of new Lexer().lex(text)) {
      if (scalarText) {
        scalarText = false;
        advance(tok);
        continue;
      }
      const type = CST.tokenType(tok);
      if (type === 'doc-mode' || type === 'flow-error-end' || type === 'byte-order-mark') continue; // markers, not text
      if (type === 'scalar') {
        scalarText = true;
        continue;
      }
      if (type === 'comment') {
        const m = TODO.exec(tok);
        if (m) out.push({ text: m[1]!.trim() || 'TODO', line, column });
      }
      advance(tok);
    }
  } catch {
    return out; // the loader reports text the lexer cannot read
  }
  return out;
}

/**
 * A draft is not finished: every `# TODO` comment left in the file (`todo_unresolved`, warning, at
 * the comment) and `version: draft` (`draft_version`, warning) are findings, so a draft written
 * by `jixiao import` never lints as "没有发现问题". Comments are found with the YAML lexer, so a
 * `#` inside a quoted or block text is not one.
 */
export const draft: LintCheck = {
  name: 'draft',
  summary: '草稿中的 TODO 已处理、版本不是 draft · no unresolved TODO, no draft version',
  run(ctx) {
    const out: Issue[] = [];
    const version = ctx.doc.version?.trim();
    if (version !== undefined && DRAFT.test(version)) out.push(ctx.issue('draft_version', { version }, ['version']));
    if (ctx.text !== undefined)
      for (const t of todoComments(ctx.text))
        out.push(makeIssue('todo_unresolved', { text: t.text }, { severity: 'warning', source: { ...(ctx.file !== undefined ? { file: ctx.file } : {}), line: t.line, column: t.column } }));
    return out;
  },
};
