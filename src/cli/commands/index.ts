import type { Command } from '../context.js';
import { list } from './list.js';
import { score } from './score.js';
import { schema } from './schema.js';
import { validate } from './validate.js';

/** Every sub-command, in the order `--help` lists them. Add a command: one file, one line here. */
export const commands: Command[] = [score, validate, list, schema];
