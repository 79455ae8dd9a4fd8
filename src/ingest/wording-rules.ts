import type { Audience, Stance } from '../policies/pack-schema.js';

/**
 * The wording that decides a draft clause's stance and audience. Tune the guesses here, not in the
 * code that applies them: rules are tried in order and the first stance with a matching pattern
 * wins, so the stricter readings (prohibited, needs-approval) come first.
 */
export interface StanceRule {
  stance: Stance;
  patterns: readonly RegExp[];
}

// Where a sentence or list item starts: the text's start, after end punctuation, or after a dash.
const START = String.raw`(?:^|[.!?;:]["'”’)]*\s+|\s[-–—]\s+)`;
// "may" and "can" giving a person permission ("staff may", "you can"), not possibility ("it may be
// monitored", "misuse can lead to").
const PERSON = String.raw`(?:you|staff|employees?|officers?|members?|councillors?|users?|managers?|they|people|departments?|services?|teams?|individuals?|anyone|everyone|colleagues)`;
const MAY = String.raw`${PERSON}\s+(?:also\s+|only\s+|still\s+)?(?:may|can)(?=\s+[a-z])(?!\s+(?:also\s+|either\s+)?(?:be|not|lead|result|cause|have|wish|need|find)\b)`;
const PERMISSION = String.raw`(?:free to|allowed to|permitted to|able to|encouraged to|${MAY})`;
const CONDITION = String.raw`(?:if|unless|provided|providing|as long as|so long as|subject to|only when|only where|except)`;

export const STANCE_RULES: readonly StanceRule[] = [
  {
    stance: 'prohibited',
    patterns: [
      /\b(must|should|shall)\s*not\b/i,
      /\b(mustn't|shouldn't|shan't)\b/i,
      /\bnever\b/i,
      new RegExp(String.raw`${START}(do not|don't)\b`, 'i'),
      new RegExp(String.raw`${START}not (use|post|share|publish|disclose|give|make|engage|reveal|comment)\b`, 'i'),
      /(?<!\b(who|which|that)\s)\b(do not|don't) (post|use|share|publish|disclose|give|make|download|install|access|engage|reveal|put|send|upload|comment|criticise|criticize|like|follow|friend|tag|name|mention)\b/i,
      /\bnot (be )?(tolerated?|permitted|allowed|acceptable)\b/i,
      /\bwill not (tolerate|permit|allow|accept)\b/i,
      /\bwill not be (posted|published|shared|tolerated|permitted|allowed|accepted)\b/i,
      /\b(is|are) (forbidden|prohibited|banned)\b/i,
      /\bunder no circumstances?\b/i,
      /\brefrain from\b/i,
      new RegExp(String.raw`${START}(do )?avoid\b`, 'i'),
      /\b(should|must|to) (be )?avoid(ed)?\b/i,
      /\bwill (amount to|be considered|constitute) (a )?(gross misconduct|disciplinary offence)\b/i,
    ],
  },
  {
    stance: 'needs-approval',
    patterns: [
      /\b(approved|agreed|authori[sz]ed|signed off|sanctioned) (in advance )?(by|with)\b/i,
      /\b(approval|permission|authori[sz]ation|agreement) (must|should|needs to|will need to) be (sought|obtained|given)\b/i,
      /\b(seek|ask|get|obtain|with|without) (the )?(prior |written )?(approval|permission|agreement|authori[sz]ation)\b/i,
      /\bpermission (from|of)\b/i,
      /\b(approval|agreement|authori[sz]ation) (of|by|from)\b/i,
      /\bmust be (discussed|referred|cleared)\b/i,
    ],
  },
  {
    stance: 'conditional',
    patterns: [
      new RegExp(String.raw`\b${PERMISSION}\b.*\b${CONDITION}\b`, 'i'),
      new RegExp(String.raw`\b${CONDITION}\b.*\b${PERMISSION}\b`, 'i'),
      /\bmust be obtained (if|when|before)\b/i,
    ],
  },
  {
    stance: 'permitted',
    patterns: [
      /\b(free to|welcome to|entitled to)\b/i,
      /\b(is|are) (allowed|permitted|encouraged)\b/i,
      /\bencouraged to\b/i,
      new RegExp(String.raw`\b${MAY}\b`, 'i'),
    ],
  },
  {
    stance: 'guidance',
    patterns: [
      /\b(should|ought to|must|shall|need to|needs to|are expected to|is expected to|have a (duty|responsibility))\b/i,
      /\b(ensure|make sure|remember|be aware|recommend(ed)?|advised?|please|consider|comply)\b/i,
      /\b(at all times|(are|is) (personally )?responsible for)\b/i,
      new RegExp(String.raw`${START}(do|be|use|keep|check|think|treat|respect|report|seek|set|make|follow|identify|apply|respond)\b`, 'i'),
    ],
  },
];

export const DEFAULT_STANCE: Stance = 'information';

/** Who a clause speaks to: one group named means that group; both, or neither, means everyone. */
export const AUDIENCE_PATTERNS: Readonly<Record<'members' | 'employees', readonly RegExp[]>> = {
  members: [
    /\b(councillors?|cllrs?|elected members?|elected representatives?)\b/i,
    /(?<!\b(staff|team|family|committee|board|public)\s)\bmembers?\b(?!'?\s+of\b)/i,
  ],
  employees: [/\b(staff|employees?|officers?|workers?|contractors?|volunteers?|managers?|personnel|apprentices?)\b/i],
};

export const DEFAULT_AUDIENCE: Audience = 'everyone';

/** Job titles that name someone to ask, not the reader: "report it to the Monitoring Officer". */
export const ROLE_TITLES = /\b(monitoring|communications|press|security|standards|information|legal|principal|designated|appropriate|returning|data protection) officers?\b|\bcouncil officer\b/gi;

/** A heading that itself says what its list is: the bullets under "DON'T" are prohibitions. */
export const HEADING_STANCES: readonly { pattern: RegExp; stance: Stance }[] = [
  { pattern: /^(don'?ts?|do not|never)$/i, stance: 'prohibited' },
];

/** Lines that are print furniture, not policy: page markers and lone connectives between list items. */
export const NOISE_LINES: readonly RegExp[] = [
  /^page(\s+\d+(\s+of\s+\d+)?)?$/i,
  /^(and|or|and\/or|but)$/i,
  /^(ends?|end of (document|policy))$/i,
  /^[_\W\d\s]*$/,
];

/** A document's title is the first heading-like line with one of these words. */
export const TITLE_WORDS = /\b(policy|policies|protocols?|guidance|guidelines)\b/i;
