/** "Did you mean …?": the edit distance, which names count as close, and the sentence. */
import { describe, expect, it } from 'vitest';
import { closestNames, didYouMean, editDistance } from '../../src/shared/closest-names';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['abc', 'abc', 0],
    ['ABC', 'abc', 0], // case-insensitive
    ['abc', 'abd', 1], // substitution
    ['abc', 'abcd', 1], // insertion
    ['abcd', 'acd', 1], // deletion
    ['abcd', 'abdc', 1], // swap of neighbours
    ['ab', 'ba', 1],
    ['abcd', 'badc', 2], // two swaps
    ['kitten', 'sitting', 3],
    ['dense', 'desne', 1],
    ['relu', 'leru', 2], // a swap of letters that are not neighbours: two substitutions
    ['sigmoid', 'sigmiod', 1],
    ['ca', 'abc', 3], // a swap is not undone by a later insertion (optimal string alignment)
  ])('%j → %j: %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('closestNames', () => {
  const params = ['units', 'init', 'useBias', 'activation'];

  it('keeps only the best tier: a name containing the word beats one at the same distance', () => {
    expect(closestNames('unit', params)).toEqual(['units']);
    expect(closestNames('Units', params)).toEqual(['units']);
  });

  it('finds names within a distance that grows with the word (at least 2)', () => {
    // 'actvtion' has 8 letters: limit max(2, 8/3 → 2) = 2; two deletions away.
    expect(closestNames('actvtion', params)).toEqual(['activation']);
    expect(closestNames('acvtion', params)).toEqual([]); // 3 away
    // 12 letters: limit 4.
    expect(closestNames('actxvxtxonxx', ['activationxx'])).toEqual(['activationxx']);
    expect(closestNames('axxxvxtxonxx', ['activationxx'])).toEqual([]);
    expect(closestNames('zz', ['ab'])).toEqual(['ab']); // distance 2 = the minimum limit
  });

  it('ranks by distance, keeps ties in candidate order, and returns at most max', () => {
    expect(closestNames('cat', ['bat', 'cart', 'hat', 'rat', 'dog'])).toEqual(['bat', 'cart', 'hat']);
    expect(closestNames('cat', ['bat', 'cart', 'hat', 'rat'], 2)).toEqual(['bat', 'cart']);
    expect(closestNames('cat', ['cut', 'act', 'ct'])).toEqual(['cut', 'act', 'ct']);
    expect(closestNames('cat', ['cxx', 'cut'])).toEqual(['cut']);
  });

  it('counts containment only for words of 3 letters or more, both ways', () => {
    expect(closestNames('ab', ['abcdefgh'])).toEqual([]);
    expect(closestNames('abc', ['xxabcxxxxx'])).toEqual(['xxabcxxxxx']);
    expect(closestNames('learningRateSchedule', ['learningRate', 'schedule', 'rate'])).toEqual(['learningRate', 'schedule', 'rate']);
    // Containment scores half a step ahead of its distance capped at the limit (here 2 − 0.5 = 1.5):
    // ahead of distance 2, behind distance 1.
    expect(closestNames('abc', ['abcxxxxx', 'axx'])).toEqual(['abcxxxxx']);
    expect(closestNames('abc', ['abcxxxxx', 'abd'])).toEqual(['abd']);
    expect(closestNames('abcd', ['abcdx', 'abcx'])).toEqual(['abcdx']); // contained at distance 1: 0.5 beats 1
  });

  it('returns nothing when nothing is close', () => {
    expect(closestNames('zebra', params)).toEqual([]);
    expect(closestNames('x', [])).toEqual([]);
  });
});

describe('didYouMean', () => {
  it('quotes one or several names, or says nothing', () => {
    expect(didYouMean('tanhh', ['tanh', 'relu'])).toBe("did you mean 'tanh'?");
    expect(didYouMean('cat', ['bat', 'hat'])).toBe("did you mean 'bat' or 'hat'?");
    expect(didYouMean('zebra', ['tanh'])).toBe('');
  });
});
