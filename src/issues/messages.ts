/**
 * The issue codes and their messages, Chinese first, English second. A code without a message
 * in both tables does not compile.
 */
type Params = Record<string, string | number | undefined>;
type Message = (p: Params) => string;

const list = (v: unknown) => String(v ?? '');

export const messagesZh = {
  // Reading a file
  file_too_large: (p) => `文件过大：${p.size} 字节，上限 ${p.limit} 字节`,
  encoding_invalid: (p) => `文件不是有效的 UTF-8 编码${p.hint ? `（${p.hint}）` : ''}，请另存为 UTF-8`,
  yaml_syntax: (p) => `YAML 语法错误：${p.detail}`,
  duplicate_key: (p) => `键“${p.key}”重复出现`,
  alias_limit: (p) => `YAML 别名（*alias）展开过多，上限 ${p.limit} 个节点`,
  too_deep: (p) => `嵌套层级过深，上限 ${p.limit} 层`,
  forbidden_key: (p) => `不允许使用键“${p.key}”`,
  too_many_nodes: (p) => `文档节点过多，上限 ${p.limit} 个节点（含别名展开）`,
  not_plain_data: (p) => `只接受 JSON 数据（映射、列表、文本、数字、布尔值、空值），此处为${p.received}`,
  // Shape of a document
  unknown_key: (p) => `未知的键“${p.key}”${p.hint ? `，是否应为“${p.hint}”？` : ''}`,
  missing_key: (p) => `缺少必填项“${p.key}”`,
  invalid_type: (p) => `类型错误：应为${p.expected}，实际为${p.received}`,
  invalid_value: (p) => `取值无效：应为${p.expected}，实际为“${p.received}”`,
  invalid_number: (p) =>
    p.reason === 'too_large'
      ? `数值“${p.received}”超出允许范围（绝对值不超过 10¹⁵）`
      : p.reason === 'too_small'
        ? `数值“${p.received}”过小：科学计数法的指数应在 -40 到 40 之间`
        : p.reason === 'leading_zero'
          ? `数字“${p.received}”以 0 开头：YAML 1.1 等工具会按八进制读作另一个数，请去掉开头的 0`
          : p.reason === 'too_precise'
            ? `数值“${p.received}”的有效数字超过 40 位，无法精确计算（最多 40 位有效数字）`
            : `“${p.received}”不是有效的十进制数字${p.hint ? `（${p.hint}）` : ''}`,
  unknown_rule_kind: (p) => `未知的评分规则类型“${p.kind}”，可用类型：${list(p.kinds)}`,
  // Rubric meaning
  duplicate_id: (p) => `指标 id“${p.id}”重复${p.first !== undefined ? `（已用于“${p.first}”）` : ''}，同一评分表内 id 必须唯一`,
  leaf_without_rule: () => `末级指标缺少评分规则（rule）`,
  rule_and_children: () => `指标不能同时有下级指标（children）和评分规则（rule）`,
  children_max_mismatch: (p) => `下级指标分值之和为 ${p.sum} 分，与本级分值 ${p.max} 分不一致`,
  unknown_name: (p) => `公式中的“${p.name}”既不是已声明的输入数据，也不是派生指标`,
  name_conflict: (p) => `“${p.name}”同时被声明为输入数据和派生指标`,
  formula_syntax: (p) => `公式“${p.formula}”第 ${p.column} 个字符处语法错误：${p.detail}`,
  formula_type: (p) => `公式“${p.formula}”类型错误：${p.detail}`,
  formula_too_complex: (p) => `公式“${p.formula}”过长或嵌套过深（上限 ${p.limit}）`,
  metric_cycle: (p) => `派生指标循环引用：${p.cycle}`,
  band_syntax: (p) => `分档区间“${p.text}”无法识别，应写作 [80, 90)、(0, 10]、≥90、<60 等形式`,
  target_syntax: (p) => `目标值“${p.text}”无法识别，应写作 ≥95%、≤680份、12期、100%、0 等形式`,
  unit_mismatch: (p) => (p.formula !== undefined
    ? `公式“${p.formula}”把单位为“${p.unit}”和“${p.expected}”的金额相加、相减或比较，请先换算为同一单位`
    : `单位“${p.unit}”与数据“${p.name}”的单位“${p.expected}”不一致`),
  score_above_max: (p) => `得分 ${p.score} 超过该指标分值 ${p.max}`,
  rule_invalid: (p) => `评分规则无效：${p.detail}`,
  checklist_points_mismatch: (p) => `各项分值之和为 ${p.sum} 分，与指标分值 ${p.max} 分不一致`,
  duplicate_item_id: (p) => `检查项 id“${p.id}”重复`,
  grade_scale_invalid: (p) => `等次设置无效：${p.detail}`,
  unknown_bundled_rubric: (p) => `没有名为“${p.id}”的内置评分表，可用：${list(p.ids)}`,
  extends_not_found: (p) => `找不到所继承的评分表“${p.ref}”（应为内置评分表 id 或相对路径）`,
  extends_cycle: (p) => `评分表继承形成循环：${p.chain}`,
  extends_unknown_indicator: (p) => `所继承的评分表中没有 id 为“${p.id}”的指标`,
  extends_not_rubric: (p) => `所继承的文件“${p.file}”不是评分表（应为含 id、name 和 indicators 等评分表键的 YAML 映射），其内容不予显示`,
  extends_outside_root: (p) => `所继承的评分表“${p.ref}”不在允许的文件夹“${p.root}”之内`,
  variant_without_extends: (p) => `“${p.key}”只能用于继承其他评分表的变体（需要 extends）`,
  variant_with_indicators: () => `变体（extends）不能再写 indicators，请用 overrides、remove、add 修改所继承的指标`,
  not_a_rubric: (p) => `传入的评分表不是 loadRubric 的结果（实际为 ${p.received}）：经 JSON 序列化或手工构造的对象不能直接评分，请用 loadRubric 重新加载评分表文件或文档`,
  // Inputs
  input_missing: (p) => `缺少输入数据“${p.name}”（应为${p.expected}）`,
  input_unknown: (p) => `评分表未声明输入数据“${p.name}”${p.hint ? `，是否应为“${p.hint}”？` : ''}`,
  input_not_integer: (p) => `“${p.name}”应为非负整数，实际为 ${p.received}`,
  input_out_of_range: (p) => `“${p.name}”为 ${p.received}，超出允许范围 ${p.range}`,
  nothing_assessed: (p) => `全部 ${p.count} 个指标都标记为不适用，没有可评价的内容，不能给出总分和等次`,
  bonus_negative: (p) => `加分项“${p.indicator}”的公式计算得 ${p.value} 分，加分项不能扣分，按 0 分计；扣分请用扣分项（penalty: true）`,
  assessment_missing: (p) => `指标“${p.indicator}”需要评价人给出${p.expected}`,
  // Rows of a project form (项目支出绩效自评表)
  rows_missing: (p) => `“${p.indicator}”没有填写任何指标行（评分表要求至少一行）`,
  rows_all_not_applicable: (p) => `“${p.indicator}”的指标行都没有年度指标值（按不适用处理），本指标无法计分`,
  rows_unknown_section: (p) => `评分表中没有逐行填写的指标“${p.id}”${p.hint ? `，是否应为“${p.hint}”？` : ''}`,
  row_target_missing: (p) => `${p.row}缺少年度指标值：指标值为空的行不能计分`,
  row_target_invalid: (p) => `${p.row}的年度指标值“${p.target}”无法识别（如 ≥50个、≤90万元、95%-100%、达成预期指标）`,
  row_actual_missing: (p) => `${p.row}缺少实际完成值（指标值 ${p.target}）`,
  row_actual_invalid: (p) => `${p.row}的实际完成值“${p.actual}”不是数值：请填写完成的数量，不要照抄指标值`,
  row_unit_mismatch: (p) => `${p.row}的实际完成值单位“${p.unit}”与年度指标值的单位“${p.expected}”不一致`,
  row_level_missing: (p) => `${p.row}为定性指标，须选择档次（达成、部分达成、未达成）并给出得分`,
  row_level_out_of_range: (p) => `${p.row}选择“${p.level}”，得分 ${p.score} 应在 ${p.range} 之间`,
  row_reason_required: (p) => `${p.row}未完全达成（得${p.score}分，分值${p.max}分），须填写偏差原因`,
  row_invalid: (p) => `${p.row}：${p.detail}`,
  row_weights_mismatch: (p) => `“${p.indicator}”各行分值之和为 ${p.sum} 分，与本指标分值 ${p.max} 分不一致`,
  row_over_target: (p) => `${p.row}：${p.detail}`,
  assessment_unknown: (p) => `评分表中没有 id 为“${p.id}”的指标${p.hint ? `，是否应为“${p.hint}”？` : ''}`,
  assessment_invalid: (p) => `指标“${p.indicator}”的评价数据无效：${p.detail}`,
  judgement_reason_required: (p) => `指标“${p.indicator}”得分 ${p.score} 低于分值 ${p.max}，必须说明扣分原因（reason）`,
  judgement_out_of_range: (p) => `指标“${p.indicator}”得分 ${p.score} 不在 [0, ${p.max}] 范围内`,
  judgement_step: (p) => `指标“${p.indicator}”得分 ${p.score} 应为 ${p.step} 的整数倍`,
  checklist_item_missing: (p) => `指标“${p.indicator}”缺少检查项“${p.item}”是否达到（true/false）`,
  checklist_item_unknown: (p) => `指标“${p.indicator}”没有检查项“${p.item}”`,
  not_applicable_forbidden: (p) => `本评分表不允许将指标“${p.indicator}”标记为不适用`,
  not_applicable_over_limit: (p) => `标记为不适用而剔除的分值合计${p.removed}分，超过本评分表允许的${p.limit}分（notApplicableLimit）`,
  pool_pick_mismatch: (p) => `可选项“${p.indicator}”须选${p.pick}项，评价数据选了${p.chosen}项（未选的标记为不适用）`,
  weight_invalid: (p) => `指标“${p.indicator}”的权重为${p.weight}，权重应为正数（至少一项）`,
  veto_unknown: (p) => `评分表中没有 id 为“${p.id}”的一票否决项${p.hint ? `，是否应为“${p.hint}”？` : ''}`,
  // Computing
  division_by_zero: (p) => `计算“${p.formula}”时除数为 0${p.detail ? `（${p.detail}）` : ''}`,
  number_overflow: (p) => `计算“${p.formula}”时中间结果超出允许范围（绝对值应在 10⁻⁴⁰ 与 10⁴⁰ 之间）${p.detail ? `（${p.detail}）` : ''}`,
  no_band_matched: (p) => `${p.label}为 ${p.value}，不属于任何分档`,
  no_case_matched: (p) => `${p.figures}，不符合任何一种情形`,
  count_not_integer: (p) => `${p.label}应为非负整数，实际为 ${p.value}`,
  // CLI
  file_not_found: (p) => `找不到文件“${p.file}”`,
  file_is_directory: (p) => `“${p.file}”是文件夹，不是文件`,
  file_unreadable: (p) => `无法读取文件“${p.file}”（${p.detail}）`,
  output_unwritable: (p) => `无法写入文件“${p.file}”（${p.detail}）`,
  usage: (p) => `${p.detail}`,
  invalid_option: (p) => `选项“${p.option}”无效：应为${p.expected}，实际为 ${p.received}`,
  // Lint (jixiao lint): what a careful reviewer checks
  total_max_mismatch: (p) => `各末级指标分值合计 ${p.sum} 分，与一级指标分值合计 ${p.max} 分不一致（按末级指标合计：${p.detail}）`,
  band_gap: (p) => `分档没有覆盖 ${p.gaps}${p.domain ? `（取值范围 ${p.domain}）` : ''}：${p.label}落在其中时无法计分，请补充分档或设置 otherwise`,
  band_overlap: (p) => `第 ${p.band} 档“${p.when}”与第 ${p.other} 档“${p.otherWhen}”在 ${p.overlap} 重叠，重叠部分按第 ${p.other} 档计分`,
  band_unreachable: (p) =>
    p.reason === 'domain'
      ? `第 ${p.band} 档“${p.when}”在${p.label}的取值范围 ${p.domain} 之外，永远不会用到`
      : `第 ${p.band} 档“${p.when}”已被前面的分档完全覆盖，永远不会用到`,
  max_unreachable: (p) => `该指标最高只能得 ${p.best} 分，达不到分值 ${p.max} 分：${p.detail}`,
  per_unit_never_zero: (p) => `${p.label}的取值范围为 ${p.domain}，最多${p.side}标准 ${p.excess}，最多扣 ${p.lost} 分、最低得 ${p.floor} 分，“扣完为止”不会发生`,
  per_unit_never_deducts: (p) => `${p.label}的取值范围为 ${p.domain}，不可能${p.side}标准 ${p.standard}，此规则永远不会扣分`,
  per_unit_steep: (p) => `每${p.side}${p.per}扣 ${p.points} 分，不少于分值 ${p.max} 分：${p.side}标准一个单位即扣完，请核对扣分标准`,
  unused_input: (p) => `输入数据“${p.name}”没有被任何评分规则或派生指标使用，每次评价却必须填写（不参与计分的数据请设 optional: true）`,
  unused_metric: (p) => `派生指标“${p.name}”没有被任何评分规则或派生指标使用（仅作展示的指标请用 description 说明用途）`,
  duplicate_sibling_name: (p) => `同一上级指标下有两个名为“${p.name}”的指标（第 ${p.first} 个和第 ${p.second} 个）`,
  grade_unreachable: (p) => `等次“${p.grade}”永远达不到：${p.detail}`,
  standard_mismatch: (p) => `评分标准与评分规则不一致：${p.detail}`,
  missing_version: (p) => `评分表“${p.id}”没有写明版本（version），评分结果将无法说明依据的是哪一版评分表`,
  unit_ambiguous: (p) => `公式“${p.formula}”第 ${p.column} 个字符处，单位为“${p.unit}”的金额与单位无法确定的数值相加、相减或比较；请声明一个带单位（unit）的派生指标`,
  draft_version: (p) => `评分表版本为“${p.version}”，仍是草稿：请填写正式版本（如执行年度）`,
  todo_unresolved: (p) => `尚未处理的 TODO：${p.text}`,
  rule_always_max: (p) => `按所声明的取值范围，${p.detail}，总是得满分 ${p.max} 分${p.hint ? `：${p.hint}` : ''}`,
  rule_always_zero: (p) => `按所声明的取值范围，${p.detail}，总是得 0 分${p.hint ? `：${p.hint}` : ''}`,
  bonus_deducts: (p) => `加分项使用了从满分往下扣的规则（${p.kind}）：没有加分事项时反而得满分，每出现一次减少得分；加分请用 count（effect: add）或 formula`,
  standard_says_proportional: (p) => `评分标准写明按比例计分（“${p.phrase}”），规则却是全有或全无（${p.kind}）：未完全达到时应按完成比例得分${p.hint ? `，${p.hint}` : ''}`,
  // Import (jixiao import)
  sheet_invalid: (p) => `无法导入评分表：${p.detail}`,
} satisfies Record<string, Message>;

export type IssueCode = keyof typeof messagesZh;

export const messagesEn: Record<IssueCode, Message> = {
  file_too_large: (p) => `file too large: ${p.size} bytes, the limit is ${p.limit}`,
  encoding_invalid: (p) => `the file is not valid UTF-8${p.hintEn ? ` (${p.hintEn})` : ''}; save it as UTF-8`,
  yaml_syntax: (p) => `YAML syntax error: ${p.detailEn ?? p.detail}`,
  duplicate_key: (p) => `duplicate key "${p.key}"`,
  alias_limit: (p) => `too many YAML alias expansions (limit ${p.limit} nodes)`,
  too_deep: (p) => `nesting too deep (limit ${p.limit} levels)`,
  forbidden_key: (p) => `key "${p.key}" is not allowed`,
  too_many_nodes: (p) => `too many nodes in the document (limit ${p.limit}, aliases expanded)`,
  not_plain_data: (p) => `only JSON data is accepted (mappings, lists, text, numbers, booleans, null); found ${p.receivedEn ?? p.received}`,
  unknown_key: (p) => `unknown key "${p.key}"${p.hint ? `; did you mean "${p.hint}"?` : ''}`,
  missing_key: (p) => `missing required key "${p.key}"`,
  invalid_type: (p) => `expected ${p.expectedEn ?? p.expected}, received ${p.receivedEn ?? p.received}`,
  invalid_value: (p) => `expected ${p.expectedEn ?? p.expected}, received "${p.received}"`,
  invalid_number: (p) =>
    p.reason === 'too_large'
      ? `number "${p.received}" is out of range (absolute value at most 1e15)`
      : p.reason === 'too_small'
        ? `number "${p.received}" is too small: the exponent of scientific notation must be between -40 and 40`
        : p.reason === 'leading_zero'
          ? `number "${p.received}" starts with 0, which YAML 1.1 and other tools read as octal, a different number: drop the leading zeros`
          : p.reason === 'too_precise'
            ? `number "${p.received}" has more than 40 significant digits, more than is carried exactly (at most 40)`
            : `"${p.received}" is not a decimal number${p.hintEn ? ` (${p.hintEn})` : ''}`,
  unknown_rule_kind: (p) => `unknown rule kind "${p.kind}"; known kinds: ${list(p.kinds)}`,
  duplicate_id: (p) => `indicator id "${p.id}" is used twice${p.first !== undefined ? ` (first by "${p.first}")` : ''}; ids must be unique in a rubric`,
  leaf_without_rule: () => `a leaf indicator needs a rule`,
  rule_and_children: () => `an indicator cannot have both children and a rule`,
  children_max_mismatch: (p) => `children's maxima add up to ${p.sum}, not to this indicator's max ${p.max}`,
  unknown_name: (p) => `"${p.name}" in a formula is neither a declared input nor a metric`,
  name_conflict: (p) => `"${p.name}" is declared both as an input and as a metric`,
  formula_syntax: (p) => `syntax error in formula "${p.formula}" at character ${p.column}: ${p.detailEn ?? p.detail}`,
  formula_type: (p) => `type error in formula "${p.formula}": ${p.detailEn ?? p.detail}`,
  formula_too_complex: (p) => `formula "${p.formula}" is too long or too deeply nested (limit ${p.limit})`,
  metric_cycle: (p) => `metrics refer to each other in a cycle: ${p.cycle}`,
  band_syntax: (p) => `band "${p.text}" not understood; write [80, 90), (0, 10], ≥90, <60 …`,
  target_syntax: (p) => `target "${p.text}" not understood; write ≥95%, ≤680份, 12期, 100%, 0 …`,
  unit_mismatch: (p) => (p.formula !== undefined
    ? `formula "${p.formula}" adds, subtracts or compares money in "${p.unit}" and "${p.expected}"; convert them to one unit first`
    : `unit "${p.unit}" does not match the unit "${p.expected}" of "${p.name}"`),
  score_above_max: (p) => `score ${p.score} exceeds the indicator's max ${p.max}`,
  rule_invalid: (p) => `invalid rule: ${p.detailEn ?? p.detail}`,
  checklist_points_mismatch: (p) => `checklist items add up to ${p.sum}, not to the indicator's max ${p.max}`,
  duplicate_item_id: (p) => `checklist item id "${p.id}" is used twice`,
  grade_scale_invalid: (p) => `invalid grade scale: ${p.detailEn ?? p.detail}`,
  unknown_bundled_rubric: (p) => `no bundled rubric "${p.id}"; available: ${list(p.ids)}`,
  extends_not_found: (p) => `the rubric to extend, "${p.ref}", was not found (a bundled id or a relative path)`,
  extends_cycle: (p) => `rubrics extend each other in a cycle: ${p.chain}`,
  extends_unknown_indicator: (p) => `the extended rubric has no indicator with id "${p.id}"`,
  extends_not_rubric: (p) => `the extended file "${p.file}" is not a rubric (a YAML mapping with a rubric's keys such as id, name and indicators); its content is not shown`,
  extends_outside_root: (p) => `the rubric to extend, "${p.ref}", is outside the allowed folder "${p.root}"`,
  variant_without_extends: (p) => `"${p.key}" is only allowed in a variant (with extends)`,
  variant_with_indicators: () => `a variant (extends) cannot have indicators; change the inherited tree with overrides, remove and add`,
  not_a_rubric: (p) => `the rubric is not one returned by loadRubric (received ${p.received}): an object sent through JSON or built by hand cannot be scored; load the rubric file or document again with loadRubric`,
  input_missing: (p) => `missing input "${p.name}" (expected ${p.expectedEn ?? p.expected})`,
  input_unknown: (p) => `input "${p.name}" is not declared by the rubric${p.hint ? `; did you mean "${p.hint}"?` : ''}`,
  input_not_integer: (p) => `"${p.name}" must be a whole number ≥ 0, received ${p.received}`,
  input_out_of_range: (p) => `"${p.name}" is ${p.received}, outside the allowed range ${p.range}`,
  nothing_assessed: (p) => `all ${p.count} indicators are marked 不适用 (not applicable): nothing was assessed, so there is no total or grade`,
  bonus_negative: (p) => `the formula of bonus item "${p.indicator}" gives ${p.value}; a bonus cannot take points off, so it counts as 0 (use a penalty item, penalty: true)`,
  assessment_missing: (p) => `indicator "${p.indicator}" needs ${p.expectedEn ?? p.expected} from the evaluator`,
  rows_missing: (p) => `"${p.indicator}" has no rows (the rubric requires at least one)`,
  rows_all_not_applicable: (p) => `every row of "${p.indicator}" has no target (不适用): the indicator cannot be scored`,
  rows_unknown_section: (p) => `the rubric has no row section "${p.id}"${p.hint ? `; did you mean "${p.hint}"?` : ''}`,
  row_target_missing: (p) => `${p.row}: the target (年度指标值) is empty; a row without a target cannot be scored`,
  row_target_invalid: (p) => `${p.row}: the target "${p.target}" cannot be read (e.g. ≥50个, ≤90万元, 95%-100%, 达成预期指标)`,
  row_actual_missing: (p) => `${p.row}: the actual (实际完成值) is missing (target ${p.target})`,
  row_actual_invalid: (p) => `${p.row}: the actual "${p.actual}" is not a number; write what was done, not the target`,
  row_unit_mismatch: (p) => `${p.row}: the actual is in "${p.unit}", the target in "${p.expected}"`,
  row_level_missing: (p) => `${p.row} is qualitative: choose a level (达成, 部分达成, 未达成) and give a score`,
  row_level_out_of_range: (p) => `${p.row}: "${p.level}" needs a score in ${p.range}, not ${p.score}`,
  row_reason_required: (p) => `${p.row} is not fully met (${p.score} of ${p.max}): give the reason (偏差原因)`,
  row_invalid: (p) => `${p.row}: ${p.detailEn ?? p.detail}`,
  row_weights_mismatch: (p) => `the rows of "${p.indicator}" add up to ${p.sum} points, not its max of ${p.max}`,
  row_over_target: (p) => `${p.row}: far above its target; check whether the target was set too low (偏离度调减 is the evaluator's call); the score is unchanged`,
  assessment_unknown: (p) => `the rubric has no indicator with id "${p.id}"${p.hint ? `; did you mean "${p.hint}"?` : ''}`,
  assessment_invalid: (p) => `invalid assessment for indicator "${p.indicator}": ${p.detailEn ?? p.detail}`,
  judgement_reason_required: (p) => `indicator "${p.indicator}" scored ${p.score} below its max ${p.max}: a reason is required`,
  judgement_out_of_range: (p) => `indicator "${p.indicator}" score ${p.score} is outside [0, ${p.max}]`,
  judgement_step: (p) => `indicator "${p.indicator}" score ${p.score} must be a multiple of ${p.step}`,
  checklist_item_missing: (p) => `indicator "${p.indicator}" needs checklist item "${p.item}" (true/false)`,
  checklist_item_unknown: (p) => `indicator "${p.indicator}" has no checklist item "${p.item}"`,
  not_applicable_forbidden: (p) => `this rubric does not allow marking "${p.indicator}" as not applicable`,
  not_applicable_over_limit: (p) => `indicators marked 不适用 remove ${p.removed} points, more than the ${p.limit} this rubric allows (notApplicableLimit)`,
  pool_pick_mismatch: (p) => `the pool "${p.indicator}" takes ${p.pickEn ?? p.pick} of its items; the evaluation chose ${p.chosen} (those not chosen are marked 不适用)`,
  weight_invalid: (p) => `the weight of "${p.indicator}" is ${p.weight}; weights must be positive (at least one)`,
  veto_unknown: (p) => `the rubric has no veto item with id "${p.id}"${p.hint ? `; did you mean "${p.hint}"?` : ''}`,
  division_by_zero: (p) => `division by zero while computing "${p.formula}"`,
  number_overflow: (p) => `while computing "${p.formula}" an intermediate value left the allowed range (magnitude between 1e-40 and 1e40)`,
  no_band_matched: (p) => `${p.label} = ${p.value} falls in no band`,
  no_case_matched: (p) => `${p.figures}: no case applies`,
  count_not_integer: (p) => `${p.label} must be a whole number ≥ 0, got ${p.value}`,
  file_not_found: (p) => `file not found: "${p.file}"`,
  file_is_directory: (p) => `"${p.file}" is a directory, not a file`,
  file_unreadable: (p) => `cannot read file "${p.file}" (${p.detail})`,
  output_unwritable: (p) => `cannot write file "${p.file}" (${p.detail})`,
  usage: (p) => `${p.detailEn ?? p.detail}`,
  invalid_option: (p) => `invalid option "${p.option}": expected ${p.expectedEn ?? p.expected}, received ${p.receivedEn ?? p.received}`,
  total_max_mismatch: (p) => `the leaves add up to ${p.sum} while the top-level maxima add up to ${p.max} (from the leaves: ${p.detail})`,
  band_gap: (p) => `the bands do not cover ${p.gaps}${p.domain ? ` (range ${p.domain})` : ''}: a value of ${p.label} there cannot be scored; add a band or set otherwise`,
  band_overlap: (p) => `band ${p.band} "${p.when}" overlaps band ${p.other} "${p.otherWhen}" on ${p.overlap}; band ${p.other} scores the overlap`,
  band_unreachable: (p) =>
    p.reason === 'domain'
      ? `band ${p.band} "${p.when}" lies outside the range ${p.domain} of ${p.label} and is never used`
      : `band ${p.band} "${p.when}" is covered by the bands before it and is never used`,
  max_unreachable: (p) => `the indicator can score at most ${p.best}, never its max ${p.max}: ${p.detailEn ?? p.detail}`,
  per_unit_never_zero: (p) => `${p.label} is within ${p.domain}, at most ${p.excess} ${p.sideEn} the standard: at most ${p.lost} is deducted and the score never goes below ${p.floor}`,
  per_unit_never_deducts: (p) => `${p.label} is within ${p.domain} and can never be ${p.sideEn} the standard ${p.standard}: the rule never deducts`,
  per_unit_steep: (p) => `${p.points} points per ${p.per} ${p.sideEn} the standard is at least the max ${p.max}: one unit loses everything; check the deduction`,
  unused_input: (p) => `input "${p.name}" is read by no rule and no metric, yet every evaluation must supply it (mark it optional: true if it is only for the record)`,
  unused_metric: (p) => `metric "${p.name}" is read by no rule and no metric (give a description if it is only shown in results)`,
  duplicate_sibling_name: (p) => `two indicators under the same parent are named "${p.name}" (number ${p.first} and ${p.second})`,
  grade_unreachable: (p) => `grade "${p.grade}" can never be reached: ${p.detailEn ?? p.detail}`,
  standard_mismatch: (p) => `the 评分标准 text disagrees with the rule: ${p.detailEn ?? p.detail}`,
  missing_version: (p) => `rubric "${p.id}" has no version; results cannot say which edition of the sheet scored them`,
  unit_ambiguous: (p) => `formula "${p.formula}", at character ${p.column}: money in "${p.unit}" meets a figure whose unit cannot be inferred; declare a metric with its unit`,
  draft_version: (p) => `the rubric's version is "${p.version}": it is still a draft; give its edition (e.g. the year it applies to)`,
  todo_unresolved: (p) => `unresolved TODO: ${p.text}`,
  rule_always_max: (p) => `over the declared ranges, ${p.detailEn ?? p.detail}: the rule always gives the full ${p.max}${p.hintEn ? `; ${p.hintEn}` : ''}`,
  rule_always_zero: (p) => `over the declared ranges, ${p.detailEn ?? p.detail}: the rule always gives 0${p.hintEn ? `; ${p.hintEn}` : ''}`,
  bonus_deducts: (p) => `a bonus item (加分项) is scored by a rule that deducts from its max (${p.kind}): it gives full marks when nothing is earned and less for each occurrence; use count (effect: add) or formula to add points`,
  standard_says_proportional: (p) => `the 评分标准 says the score is proportional ("${p.phrase}"), but the rule is all-or-nothing (${p.kind})${p.hintEn ? `; ${p.hintEn}` : ''}`,
  sheet_invalid: (p) => `cannot import the sheet: ${p.detailEn ?? p.detail}`,
};
