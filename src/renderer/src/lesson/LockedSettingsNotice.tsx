/** What the lesson locks, said where the student would edit it (Data and Training tabs, a node's inspector). */
import { getNodeSpec } from '../../../shared/nodes';
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

/** Above a node's params in the inspector: whether the lesson locks the node, or which of its params. */
export function LockedNodeNotice({ nodeId }: { nodeId: string }) {
  const locks = useProjectStore((s) => (s.teacherMode ? undefined : s.project.lesson?.locks));
  const type = useProjectStore((s) => s.project.graph.nodes.find((n) => n.id === nodeId)?.type);
  const whole = locks?.nodes?.includes(nodeId);
  const params = locks?.params?.[nodeId] ?? [];
  if (!whole && params.length === 0) return null;
  const labels = params.map((p) => (type ? getNodeSpec(type)?.params[p]?.label : undefined) ?? p);
  const text = whole ? 'This node is locked by the lesson: its settings cannot be changed (moving it is fine).' : `Locked by the lesson: ${labels.join(', ')}. The node cannot be deleted.`;
  return (
    <div className="banner banner--info lesson-locked-notice" role="note" data-testid="locked-node-notice">
      <span className="banner__text">{text}</span>
    </div>
  );
}
