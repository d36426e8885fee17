import type { Kind, ResultClass, Role, Satisfaction, Script } from "../fields";
import type { Settings } from "../settings";
import { KEY_LABEL, KIND_LABEL, RESULT_LABEL, ROLE_LABEL, SATISFACTION_LABEL } from "../enums";
import { inScript } from "../script";

/** Field values the ledger writes in one spelling, and the dropdown lists that offer them. */
export interface EnumLabels {
  kind: Record<Kind, string>;
  role: Record<Role, string>;
  key: { true: string; false: string };
  result: Record<ResultClass, string>;
  satisfaction: Record<Satisfaction, string>;
  lists: { kind: string[]; role: string[]; key: string[]; result: string[]; satisfaction: string[] };
}

const JIAYIBING: Record<ResultClass, string> = { A: "甲类", B: "乙类", C: "丙类", D: "丁类" };

function convert<K extends string>(labels: Record<K, string>, script: Script): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const k of Object.keys(labels) as K[]) out[k] = inScript(labels[k], script);
  return out;
}

/** Labels in the workbook's script; result classes follow the settings' scheme (A类 or 甲类). */
export function enumLabels(settings: Settings, script: Script): EnumLabels {
  const kind = convert(KIND_LABEL, script);
  const role = convert(ROLE_LABEL, script);
  const key = { true: inScript(KEY_LABEL.true, script), false: inScript(KEY_LABEL.false, script) };
  const result = convert(settings.resultScheme === "jiayibing" ? JIAYIBING : RESULT_LABEL, script);
  const satisfaction = convert(SATISFACTION_LABEL, script);
  const classes: ResultClass[] = settings.resultScheme === "ABCD" ? ["A", "B", "C", "D"] : ["A", "B", "C"];
  return {
    kind,
    role,
    key,
    result,
    satisfaction,
    lists: {
      kind: [kind.npc, kind.npcMotion, kind.cppcc],
      role: [role.lead, role.assist, role.joint],
      key: [key.true, key.false],
      result: classes.map((c) => result[c]),
      satisfaction: [satisfaction.satisfied, satisfaction.basic, satisfaction.unsatisfied, satisfaction.none],
    },
  };
}
