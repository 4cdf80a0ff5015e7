/** Above the Data and Training tabs: what the lesson locks there, so the student knows before trying. */
import { useProjectStore } from '../store/project-store';

const NAMES: Record<string, string> = {
  optimizer: 'the optimiser', 'optimizer.type': "the optimiser's type", 'optimizer.learningRate': 'the learning rate',
  batchSize: 'the batch size', earlyStopping: 'early stopping', l1: 'the L1 penalty', normalize: 'normalisation', options: "the dataset's options",
  imageShape: 'the image shape', sha256: 'the checksum', schedule: 'the learning-rate schedule', epochs: 'the number of epochs', seed: 'the seed',
};
const nameOf = (path: string) => NAMES[path] ?? path.replace(/^optimizer\./, "the optimiser's ");

export function LockedSettingsNotice({ section }: { section: 'data' | 'training' }) {
  const lock = useProjectStore((s) => (s.teacherMode ? undefined : s.project.lesson?.locks?.[section]));
  if (!lock || (Array.isArray(lock) && lock.length === 0)) return null;
  const text = lock === true ? `The ${section === 'data' ? 'data is' : 'training settings are'} locked by the lesson.` : `Locked by the lesson: ${(lock as string[]).map(nameOf).join(', ')}.`;
  return (
    <div className="banner banner--info lesson-locked-notice" role="note" data-testid={`locked-${section}-notice`}>
      <span className="banner__text">{text}</span>
    </div>
  );
}
