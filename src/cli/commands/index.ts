import type { Command } from '../context.js';
import { diff } from './diff.js';
import { explainCommand } from './explain.js';
import { batch } from './batch.js';
import { importCommand } from './import.js';
import { lint } from './lint.js';
import { list } from './list.js';
import { reviewCommand } from './review.js';
import { score } from './score.js';
import { schema } from './schema.js';
import { serve } from './serve.js';
import { sheet } from './sheet.js';
import { types } from './types.js';
import { validate } from './validate.js';

/** Every sub-command, in the order `--help` lists them. Add a command: one file, one line here. */
export const commands: Command[] = [score, batch, reviewCommand, sheet, diff, explainCommand, validate, lint, importCommand, types, list, schema, serve];
