/**
 * Runs one window's engine in an Electron utility process and keeps it alive: every start
 * creates a fresh MessageChannelMain, sends port1 to the child and hands port2 to the window.
 * An unexpected exit restarts the engine, unless it keeps crashing (maxCrashes within
 * crashWindowMs), in which case it gives up and says so. Modelled on VS Code's utility-process
 * wrapper: a small typed class with exit/restart events, killed together with its window.
 */
import { MessageChannelMain, utilityProcess, type MessagePortMain, type UtilityProcess } from 'electron';

export interface EngineSupervisorOptions {
  entryPath: string;
  /** Hands the window its end of a fresh channel (webContents.postMessage('engine-port', …)). */
  deliverPort: (port: MessagePortMain) => void;
  /** Extra environment for the child, on top of process.env. */
  env?: Record<string, string | undefined>;
  maxCrashes?: number;
  crashWindowMs?: number;
  now?: () => number;
}

export interface EngineSupervisorEvents {
  /** Every exit; `expected` when we killed it (restart, window closed). */
  exit: { code: number; expected: boolean };
  /** A crashed engine was replaced; the window already has the new port. */
  restarted: { reason: string };
  /** Too many crashes in a row: the engine stays down until start() is called again. */
  gaveUp: { reason: string; crashes: number };
}

type Listener<K extends keyof EngineSupervisorEvents> = (event: EngineSupervisorEvents[K]) => void;

/** The message that carries port1 to the child (engine-entry.ts only looks at the port). */
export const ENGINE_PORT_HANDOFF = { type: 'engine-port' } as const;

export class EngineSupervisor {
  private child: UtilityProcess | null = null;
  private crashTimes: number[] = [];
  private disposed = false;
  private readonly listeners: { [K in keyof EngineSupervisorEvents]: Set<Listener<K>> } = {
    exit: new Set(),
    restarted: new Set(),
    gaveUp: new Set(),
  };

  constructor(private readonly options: EngineSupervisorOptions) {}

  on<K extends keyof EngineSupervisorEvents>(event: K, listener: Listener<K>): () => void {
    const set = this.listeners[event] as Set<Listener<K>>;
    set.add(listener);
    return () => set.delete(listener);
  }

  get running(): boolean {
    return this.child !== null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts a fresh engine (killing the current one quietly) and hands the window a new port. */
  start(): void {
    if (this.disposed) throw new Error('The engine supervisor was disposed (its window closed)');
    this.killChild();
    const child = utilityProcess.fork(this.options.entryPath, [], {
      serviceName: 'Backprop Studio Engine',
      stdio: 'inherit',
      env: this.childEnv(),
    });
    this.child = child;
    child.once('exit', (code) => this.onExit(child, code));
    child.on('error', (type, location) => console.error(`[engine] ${type} at ${location}`));
    const { port1, port2 } = new MessageChannelMain();
    child.postMessage(ENGINE_PORT_HANDOFF, [port1]);
    this.options.deliverPort(port2);
  }

  /** Forget earlier crashes (after the user asks to try again). */
  resetCrashes(): void {
    this.crashTimes = [];
  }

  /** Kills the engine for good (its window closed). */
  dispose(): void {
    this.disposed = true;
    this.killChild();
  }

  private killChild(): void {
    const child = this.child;
    this.child = null; // its exit is now expected
    child?.kill();
  }

  private onExit(child: UtilityProcess, code: number): void {
    if (child !== this.child) {
      this.emit('exit', { code, expected: true });
      return;
    }
    this.child = null;
    this.emit('exit', { code, expected: false });
    const reason = `the engine process exited unexpectedly (code ${code})`;
    const now = (this.options.now ?? Date.now)();
    const windowMs = this.options.crashWindowMs ?? 10_000;
    this.crashTimes = [...this.crashTimes.filter((t) => now - t < windowMs), now];
    const crashes = this.crashTimes.length;
    if (crashes >= (this.options.maxCrashes ?? 3)) {
      this.emit('gaveUp', { reason, crashes });
      return;
    }
    this.start();
    this.emit('restarted', { reason });
  }

  private childEnv(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...process.env, ...this.options.env })) if (value !== undefined) env[key] = value;
    return env;
  }

  private emit<K extends keyof EngineSupervisorEvents>(event: K, payload: EngineSupervisorEvents[K]): void {
    for (const listener of [...this.listeners[event]] as Listener<K>[]) listener(payload);
  }
}
