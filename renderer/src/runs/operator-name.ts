/** The operator's name, remembered on this machine so each run does not ask it again. */
const key = 'handrail.operator';

export function rememberedOperator(): string {
  try {
    return window.localStorage.getItem(key) ?? '';
  } catch {
    return ''; // storage refused (private mode): the field starts empty
  }
}

export function rememberOperator(name: string): void {
  try {
    window.localStorage.setItem(key, name.trim());
  } catch {
    // not remembered; the run still has the name
  }
}
