/**
 * The one place the graph asks for a step's name, so the friendly step labels replace the
 * operator name everywhere in the graph by changing this function only.
 */
import type { Step } from '../runlog/model';
import { stepLabel } from '../runlog/summary';

export function stepName(step: Step): string {
  return stepLabel(step);
}

/** "sklearn.preprocessing._data.StandardScaler" → "StandardScaler". */
export function shortClass(cls: string): string {
  return cls.split('.').pop() ?? cls;
}
