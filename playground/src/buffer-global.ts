// exceljs and docx write through Node's Buffer; the page has none, so they get the buffer package's.
import { Buffer } from 'buffer';

(globalThis as { Buffer?: unknown }).Buffer ??= Buffer;
