/**
 * Sentences that take an indicator out of the ordinary score: a thing whose presence scores nothing
 * (发生安全事故的，该项不得分), and an indicator that does not apply (没有…的部门按满分计算). Read by `readAs` in
 * ./parse.ts, the one dispatcher.
 */

/** 村庄有露天焚烧垃圾、秸秆、落叶现象，此项不得分 · 发生安全事故的，该项不得分: a thing whose presence scores nothing. */
export const VETO = /(?<=^|[，；。\n])([^，；。\n]*?)(有|存在|发生|出现)([^，；。\n]+?(?:现象|情况|事故|问题|行为))的?[，]?(?:则)?(?:此项|该项|本项|该指标)(?:不得分|得0分|计0分)/;

/** 没有楼堂馆所项目的部门按满分计算 · 不适用的按满分计算: an indicator that does not apply scores its max. */
export const NA_FULL = /[^，；。\n]*(?:没有|无)[^，；。\n]*?的?(?:部门|单位)?按满分计(?:算)?|不适用的?(?:按|计)满分(?:计算)?/;
