/** The model summary as Markdown: the layers table of the Model tab, then the data and training settings. */
import type { GraphAnalysis } from '../../../shared/graph';
import { withDefaults } from '../../../shared/project-defaults';
import type { Project } from '../../../shared/project-types';
import { formatCount, summarizeModel } from '../store/model-summary';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function summaryMarkdown(project: Project, analysis: GraphAnalysis): string {
  const labels = new Map(project.graph.nodes.flatMap((n) => (n.label ? [[n.id, n.label] as const] : [])));
  const summary = summarizeModel(analysis, labels);
  const { data, training } = withDefaults(project);
  const lines = [
    `# ${project.name}`,
    '',
    '| Layer | Type | Output shape | Parameters |',
    '| --- | --- | --- | ---: |',
    ...summary.rows.map((r) => `| ${cell(r.name)} (\`${cell(r.id)}\`) | ${cell(r.typeLabel)} | ${r.shape ? `\`${r.shape}\`` : '?'} | ${r.params === null ? '?' : formatCount(r.params)} |`),
    '',
    `**Trainable parameters:** ${formatCount(summary.total)}${summary.complete ? '' : ' (some shapes are not known yet)'}`,
    '',
    '## Data',
    '',
    `- Dataset: ${'dataset' in data ? `built-in \`${data.dataset}\`${data.options ? ` ${JSON.stringify(data.options)}` : ''}` : `CSV \`${data.csv}\` (features: ${data.features.length}, target: \`${data.target}\`)`}`,
    `- Normalisation: ${data.normalize}; split: ${Math.round(data.split.validation * 100)} % validation, ${Math.round(data.split.test * 100)} % test`,
    '',
    '## Training',
    '',
    `- Optimiser: ${Object.entries(training.optimizer).map(([k, v]) => (k === 'type' ? String(v) : `${k} ${v}`)).join(', ')}`,
    `- Schedule: ${Object.entries(training.schedule).map(([k, v]) => (k === 'type' ? String(v) : `${k} ${v}`)).join(', ')}`,
    `- Batch size ${training.batchSize}, ${training.sampling} sampling, ${training.epochs} epochs, seed ${training.seed}`,
    ...(training.earlyStopping ? [`- Early stopping: patience ${training.earlyStopping.patience}, min delta ${training.earlyStopping.minDelta}${training.earlyStopping.restoreBest ? ', restores the best weights' : ''}`] : []),
    ...(training.averaging ? ['- Polyak averaging of the weights'] : []),
    ...(training.l1 > 0 ? [`- L1 penalty ${training.l1} on every parameter`] : []),
    '',
    '_Exported from Backprop Studio._',
    '',
  ];
  return lines.join('\n');
}
