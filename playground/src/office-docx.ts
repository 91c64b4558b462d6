// The Word writer, loaded only when a document is saved (src/office.ts).
import './buffer-global.js';
import * as docx from 'docx';

(globalThis as { __jixiaoLib?: Record<string, unknown> }).__jixiaoLib ??= {};
(globalThis as unknown as { __jixiaoLib: Record<string, unknown> }).__jixiaoLib.docx = docx;
