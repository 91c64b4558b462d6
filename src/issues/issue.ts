import { messagesEn, messagesZh, type IssueCode } from './messages.js';

export type { IssueCode };

/** A place in a source file (1-based line and column). */
export interface SourcePosition {
  file?: string;
  line: number;
  column: number;
}

/** One problem found in a rubric, an input or during scoring. Issues are plain data. */
export interface Issue {
  code: IssueCode;
  /** `error`: must be fixed; `warning`: likely wrong; `info`: something a check could not do (never a failure). */
  severity: 'error' | 'warning' | 'info';
  /** Path in the document the issue is about (rubric or input), e.g. ['values', '在职人数']. */
  path: (string | number)[];
  /** Dotted id path of the indicator concerned, when there is one (e.g. `过程.预算执行.支付进度`). */
  indicator?: string;
  /** Chinese message. */
  message: string;
  /** English message. */
  messageEn: string;
  /** The figures the message was built from. */
  params: Record<string, string | number>;
  /** Line and column in the source file, when the document came from text. */
  source?: SourcePosition;
}

export interface IssueOptions {
  path?: (string | number)[];
  indicator?: string;
  severity?: 'error' | 'warning' | 'info';
  source?: SourcePosition;
}

/** Build an issue with its messages in both languages. */
export function makeIssue(
  code: IssueCode,
  params: Record<string, string | number | undefined> = {},
  opts: IssueOptions = {},
): Issue {
  const clean: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) clean[k] = v;
  const issue: Issue = {
    code,
    severity: opts.severity ?? 'error',
    path: opts.path ?? [],
    message: messagesZh[code](clean),
    messageEn: messagesEn[code](clean),
    params: clean,
  };
  if (opts.indicator !== undefined) issue.indicator = opts.indicator;
  if (opts.source !== undefined) issue.source = opts.source;
  return issue;
}

/** `indicators[0].children[2].rule` style rendering of a path. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[\p{L}_$][\p{L}\p{N}_$-]*$/u.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
