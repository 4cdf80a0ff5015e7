/** The project's `ui` section (the training pace): accepted values, and errors that name the field. */
import { describe, expect, it } from 'vitest';
import { parseProject, serializeProject, validateProject } from '../../src/shared/project';
import { templates } from '../../src/shared/templates';

const base = () => templates[0]!.build();

describe('project ui section', () => {
  it('round-trips the pace and "until stopped", and is printed before the weights', () => {
    for (const pace of ['step', 'max', 1, 5, 20] as const) {
      const text = serializeProject({ ...base(), ui: { pace, untilStopped: true } });
      expect(parseProject(text).ui).toEqual({ pace, untilStopped: true });
    }
    const keys = Object.keys(JSON.parse(serializeProject({ ...base(), ui: { pace: 5 }, weights: {} })));
    expect(keys.indexOf('ui')).toBeLessThan(keys.indexOf('weights'));
  });

  it('refuses a bad pace or an unknown key, naming the field', () => {
    expect(() => validateProject({ ...base(), ui: { pace: 0 } })).toThrow(/ui\.pace.*between 0\.1 and 200 steps per second \(got 0\)/);
    expect(() => validateProject({ ...base(), ui: { pace: 'fast' } })).toThrow(/ui\.pace/);
    expect(() => validateProject({ ...base(), ui: { untilStopped: 'yes' } })).toThrow(/ui\.untilStopped/);
    expect(() => validateProject({ ...base(), ui: { zoom: 2 } })).toThrow(/zoom/);
  });
});
