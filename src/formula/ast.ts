import type { Decimal } from '../decimal.js';

export type BinaryOp = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '=' | '!=' | 'and' | 'or';
export type FnName = 'min' | 'max' | 'abs' | 'round' | 'floor' | 'ceil' | 'clamp' | 'if';

/** A parsed formula. Every node keeps the column it starts at (1-based). */
export type Expr =
  | { type: 'num'; value: Decimal; col: number }
  | { type: 'name'; name: string; col: number }
  | { type: 'unary'; op: '-' | 'not'; arg: Expr; col: number }
  | { type: 'binary'; op: BinaryOp; left: Expr; right: Expr; col: number }
  | { type: 'call'; fn: FnName; args: Expr[]; col: number };

export type ValueType = 'number' | 'boolean';
