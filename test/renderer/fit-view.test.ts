/** Fit view keeps nodes clear of the minimap on a tall canvas, and gives a short one to the network. */
import { describe, expect, it } from 'vitest';
import { fitViewOptions } from '../../src/renderer/src/canvas/fit-view';

describe('fit view padding', () => {
  it('leaves the minimap its room below the nodes on a tall canvas', () => {
    expect(fitViewOptions(600).padding).toEqual({ top: '40px', left: '56px', right: '40px', bottom: '136px' });
  });

  it('shrinks that room with the height of a short canvas (a tall training panel below)', () => {
    expect(fitViewOptions(190).padding).toEqual({ top: '15px', left: '56px', right: '40px', bottom: '57px' });
    expect(fitViewOptions(20).padding).toMatchObject({ top: '8px', bottom: '16px' });
  });
});
