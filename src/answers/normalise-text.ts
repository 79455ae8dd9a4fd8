/** Lower case, accents folded, apostrophes dropped inside words ("don't" -> "dont"), everything else a space. */
export function normaliseText(text: string): string {
  // Most text is plain ASCII, which has no accents to fold: skipping NFKD for it is a third of start-up's text work.
  const folded = /[^\x00-\x7f]/.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text;
  return folded
    .toLowerCase()
    .replace(/(\p{L})['\u2018\u2019`](\p{L})/gu, '$1$2')
    .replace(/[^\p{L}\p{Nd}]+/gu, ' ')
    .trim();
}

export function tokenise(text: string): string[] {
  const normalised = normaliseText(text);
  return normalised === '' ? [] : normalised.split(' ');
}
