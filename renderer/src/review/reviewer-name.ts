/** The reviewer's name, remembered on this machine like the operator's. */
const key = 'handrail.reviewer';

export function rememberedReviewer(): string {
  try {
    return window.localStorage.getItem(key) ?? '';
  } catch {
    return ''; // storage refused (private mode): the field starts empty
  }
}

export function rememberReviewer(name: string): void {
  try {
    window.localStorage.setItem(key, name.trim());
  } catch {
    // not remembered; the comment still carries the name
  }
}
