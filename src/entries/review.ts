/**
 * jixiao/review — 复核: a filed 自评表 checked against its own rules, finding by finding, and the
 * successive review layers (自评, 主管部门, 财政复核, 专家/中介, 终审) over a result. What a finance
 * bureau does with the forms departments file; scoring does not need it, so
 * `import { loadRubric, evaluate } from 'jixiao'` loads none of this code.
 */
export { review, safeReview } from '../review/review.js';
export type { ReviewOptions } from '../review/review.js';
export { filedDocumentSchema } from '../review/schema.js';
export type { FiledForm, FiledFigures } from '../review/schema.js';
export { FINDING_CLASSES } from '../review/finding.js';
export { applyLayers, filedLayer, LAYER_NAMES } from '../review/layers.js';
export type { LayerInput, LayerName, LayerOptions } from '../review/layers.js';
export type { Finding, FindingClass, Review } from '../review/finding.js';
