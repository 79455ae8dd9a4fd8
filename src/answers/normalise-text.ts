/** Lower case, accents folded, apostrophes dropped inside words ("don't" -> "dont"), everything else a space. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/(\p{L})['\u2018\u2019`](\p{L})/gu, '$1$2')
    .replace(/[^\p{L}\p{Nd}]+/gu, ' ')
    .trim();
}

export function tokenise(text: string): string[] {
  const normalised = normaliseText(text);
  return normalised === '' ? [] : normalised.split(' ');
}
