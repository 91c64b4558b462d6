import { decodeText, documentFromData, type DocumentData, type SourceDocument } from '../source/document.js';
import { DEFAULT_LIMITS, type Limits } from '../source/limits.js';
import { isText } from '../source/read.js';
import { utf8Length } from '../source/utf8.js';
import { decodeSchemaOutput } from './prepared.js';
import hunanDepartment, { prepared as hunanDepartmentPrepared, parsed as hunanDepartmentParsed } from '../../rubrics/hunan-department.yaml';
import kunmingDepartment, { prepared as kunmingDepartmentPrepared, parsed as kunmingDepartmentParsed } from '../../rubrics/kunming-department.yaml';
import hunanCountyDepartment, { prepared as hunanCountyDepartmentPrepared, parsed as hunanCountyDepartmentParsed } from '../../rubrics/hunan-county-department.yaml';
import projectSelfEvaluation, { prepared as projectSelfEvaluationPrepared, parsed as projectSelfEvaluationParsed } from '../../rubrics/project-self-evaluation.yaml';
import projectSelfEvaluationHubei, { prepared as projectSelfEvaluationHubeiPrepared, parsed as projectSelfEvaluationHubeiParsed } from '../../rubrics/project-self-evaluation-hubei.yaml';
import projectSelfEvaluationSichuan, { prepared as projectSelfEvaluationSichuanPrepared, parsed as projectSelfEvaluationSichuanParsed } from '../../rubrics/project-self-evaluation-sichuan.yaml';
import projectEvaluation, { prepared as projectEvaluationPrepared, parsed as projectEvaluationParsed } from '../../rubrics/project-evaluation.yaml';

/**
 * The rubrics shipped with jixiao: each one's YAML text, and the document read from that text
 * when jixiao was built (src/rubric/prepared.ts), so that loading it skips the YAML parser.
 */
const BUNDLED: Record<string, { text: string; prepared: string | null; parsed: string | null; bytes?: number }> = {
  'hunan-department': { text: hunanDepartment, prepared: hunanDepartmentPrepared, parsed: hunanDepartmentParsed },
  'kunming-department': { text: kunmingDepartment, prepared: kunmingDepartmentPrepared, parsed: kunmingDepartmentParsed },
  'hunan-county-department': { text: hunanCountyDepartment, prepared: hunanCountyDepartmentPrepared, parsed: hunanCountyDepartmentParsed },
  'project-self-evaluation': { text: projectSelfEvaluation, prepared: projectSelfEvaluationPrepared, parsed: projectSelfEvaluationParsed },
  'project-self-evaluation-hubei': { text: projectSelfEvaluationHubei, prepared: projectSelfEvaluationHubeiPrepared, parsed: projectSelfEvaluationHubeiParsed },
  'project-self-evaluation-sichuan': { text: projectSelfEvaluationSichuan, prepared: projectSelfEvaluationSichuanPrepared, parsed: projectSelfEvaluationSichuanParsed },
  'project-evaluation': { text: projectEvaluation, prepared: projectEvaluationPrepared, parsed: projectEvaluationParsed },
};

/** Ids of the rubrics shipped with jixiao. */
export const bundledRubricIds: readonly string[] = Object.freeze(Object.keys(BUNDLED));

/** The YAML text of a bundled rubric, or undefined. */
export function bundledRubricSource(id: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(BUNDLED, id) ? BUNDLED[id]!.text : undefined;
}

/**
 * The document of `source` when it is, character for character, the text of a bundled rubric
 * read with limits no tighter than the defaults it was read with at build time: the same
 * document readDocument would return, without parsing YAML again. Undefined otherwise.
 */
export function preparedDocument(source: unknown, limits: Limits, file?: string): SourceDocument | undefined {
  try {
    return prepared(source, limits, file);
  } catch {
    // Bytes with a getter that throws, or the like: the ordinary reader reports it.
    return undefined;
  }
}

function prepared(source: unknown, limits: Limits, file?: string): SourceDocument | undefined {
  if (limits.maxBytes < DEFAULT_LIMITS.maxBytes || limits.maxNodes < DEFAULT_LIMITS.maxNodes || limits.maxDepth < DEFAULT_LIMITS.maxDepth) return undefined;
  let text: string | undefined;
  if (typeof source === 'string') text = source;
  else if (isText(source)) {
    // A file read as bytes (the CLI): decoded as readDocument decodes it, if it is the size of one.
    let candidate = false;
    for (const id in BUNDLED) {
      const b = BUNDLED[id]!;
      b.bytes ??= utf8Length(b.text);
      if (source.length === b.bytes || source.length === b.bytes + 3) candidate = true;
    }
    if (!candidate) return undefined;
    const decoded = decodeText(source);
    if ('issue' in decoded) return undefined;
    text = decoded.text;
  } else return undefined;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  for (const id in BUNDLED) {
    const b = BUNDLED[id]!;
    // A fresh value each time: nothing a load does to it reaches the next load.
    if (b.prepared !== null && b.text === text) {
      const doc = documentFromData(JSON.parse(b.prepared) as DocumentData, file);
      if (b.parsed !== null) doc.schemaOutput = decodeSchemaOutput(b.parsed);
      return doc;
    }
  }
  return undefined;
}
