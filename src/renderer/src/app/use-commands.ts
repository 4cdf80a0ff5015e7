/** The command dispatcher bound to React Flow's view (zoom and fit). */
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { fitNetwork } from '../canvas/use-fit-on-request';
import { runCommand, type AppCommand } from '../commands/registry';

export type { AppCommand } from '../commands/registry';

export function useCommands(): (command: AppCommand) => void {
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  return useCallback(
    (command: AppCommand) =>
      runCommand(command, {
        zoomIn: () => void flow.zoomIn({ duration: 150 }),
        zoomOut: () => void flow.zoomOut({ duration: 150 }),
        fitView: () => fitNetwork(flow.fitView, flowStore.getState().height),
      }),
    [flow, flowStore],
  );
}
