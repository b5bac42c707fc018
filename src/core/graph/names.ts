/** The one place the graph asks for a step's name: the step labels the Runs view, trace and CLI use too. */
import type { Step } from '../runlog/model';
import { stepLabelText } from '../runlog/stepLabels';

/** "filter rows df[df["age"] >= 21]", "merge on customer_id (left)", "fit StandardScaler". */
export function stepName(step: Step): string {
  return stepLabelText(step);
}

/** "sklearn.preprocessing._data.StandardScaler" → "StandardScaler". */
export function shortClass(cls: string): string {
  return cls.split('.').pop() ?? cls;
}
