import { describe, expect, it } from 'vitest';
import { TextAnalyser } from '../../src/answers/analyse-text.js';
import { compileThesaurus } from '../../src/answers/compile-thesaurus.js';
import { SpellingCorrector } from '../../src/answers/correct-spelling.js';
import { loadEnglishWords } from '../../src/answers/load-english-words.js';
import { thesaurusSchema } from '../../src/policies/pack-schema.js';

const thesaurus = compileThesaurus(
  thesaurusSchema.parse({
    stop_words: ['can', 'i', 'im', 'a', 'of', 'the', 'on', 'my'],
    concepts: {
      photo: ['photo', 'pic', 'selfie'],
      councillor: ['councillor', 'cllr', 'member'],
      staff: ['member of staff', 'employee'],
      create: ['new'],
      news: ['news'],
      'chat-site': ['im', 'instant messaging'],
      colleague: ['colleague'],
    },
    off_topic: { leave: ['annual leave'] },
  }),
);
const corrector = new SpellingCorrector(['colleague', 'facebook', 'resident', 'formally', 'normally', 'residents'], loadEnglishWords());
const analyser = new TextAnalyser(thesaurus, corrector);

describe('analysing a question', () => {
  it('maps slang and plurals to one concept and drops stop words', () => {
    expect(analyser.analyse('can i post pics of the selfies').features).toEqual(['post', '~photo', '~photo']);
  });

  it('lets the longer phrase win: a member of staff is not a councillor', () => {
    expect(analyser.analyse('member of staff').features).toEqual(['~staff']);
    expect(analyser.analyse('a member').features).toEqual(['~councillor']);
  });

  it('matches words as written before their stems ("new" is not "news")', () => {
    expect(analyser.analyse('new').features).toEqual(['~create']);
    expect(analyser.analyse('news').features).toEqual(['~news']);
  });

  it('treats a lone stop word as filler even if a concept lists it ("im" is "I\'m")', () => {
    expect(analyser.analyse('im on instant messaging').features).toEqual(['~chat-site']);
  });

  it('fixes typos into the policies\' words but leaves real English words alone', () => {
    const analysed = analyser.analyse('my collegue formally');
    expect(analysed.corrections).toEqual([{ from: 'collegue', to: 'colleague' }]);
    expect(analysed.features).toEqual(['~colleague', 'formal']);
  });

  it('flags off-topic concepts', () => {
    expect(analyser.analyse('how do i book annual leave').offTopicConcepts).toEqual(['~leave']);
  });
});
