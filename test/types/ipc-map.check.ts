/**
 * Compile-time checks of the desktop IPC map (src/shared/ipc-channels.ts), run by
 * test/typecheck.test.ts. Each `@ts-expect-error` line must fail to compile; the rest are controls.
 */
import type { Invokers, MainHandlers } from '../../src/shared/ipc-channels';

declare const handlers: MainHandlers<{ id: number }>;
declare const invokers: Invokers;
const { recentFiles: _recentFiles, ...withoutRecentFiles } = handlers;

// A handler table without 'recentFiles' is not MainHandlers.
// @ts-expect-error Property 'recentFiles' is missing
export const missingHandler: MainHandlers<{ id: number }> = withoutRecentFiles;
export const completeHandlers: MainHandlers<{ id: number }> = { ...withoutRecentFiles, recentFiles: _recentFiles };

// 'saveProject' answers the saved path (or null), as DesktopApi says.
// @ts-expect-error a number is not a path
export const wrongResult: MainHandlers<{ id: number }>['saveProject'] = async () => 42;
export const rightResult: MainHandlers<{ id: number }>['saveProject'] = async () => null;

// The preload's invokers take DesktopApi's arguments (a dropped file travels as its path).
// @ts-expect-error saveProject needs its text and suggested name
void invokers.saveProject('/p/a.bprop');
void invokers.saveProject('/p/a.bprop', 'TEXT', 'a');
// @ts-expect-error a File cannot cross IPC: the preload sends its path
void invokers.openDropped({ name: 'x.bprop', size: 1 });
