import type { Command } from '../context.js';
import { batch } from './batch.js';
import { importCommand } from './import.js';
import { lint } from './lint.js';
import { list } from './list.js';
import { score } from './score.js';
import { schema } from './schema.js';
import { types } from './types.js';
import { validate } from './validate.js';

/** Every sub-command, in the order `--help` lists them. Add a command: one file, one line here. */
export const commands: Command[] = [score, batch, validate, lint, importCommand, types, list, schema];
