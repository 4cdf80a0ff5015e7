/**
 * Crash recovery copies: while a project has unsaved changes the renderer sends its text now
 * and then, and main keeps it in userData/recovery/<window uuid>.bprop (written atomically).
 * Saving, a clean close or writeRecovery(null) deletes the copy, so whatever is left at the
 * next start was left by a crash and is offered back to the user.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../node/atomic-write';
import { readFileChecked } from '../node/read-file';

export interface RecoveryFile {
  id: string;
  path: string;
  /** The project's name from the file, or "Untitled". */
  projectName: string;
  modifiedAt: Date;
}

const RECOVERY_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.bprop$/;

export const newRecoveryId = (): string => randomUUID();

export class RecoveryStore {
  /** Per-id queue so a write and a later clear cannot overtake each other. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(readonly dir: string) {}

  pathOf(id: string): string {
    if (!RECOVERY_FILE.test(`${id}.bprop`)) throw new Error(`invalid recovery id '${id}'`);
    return path.join(this.dir, `${id}.bprop`);
  }

  write(id: string, text: string): Promise<void> {
    const file = this.pathOf(id);
    return this.enqueue(id, async () => {
      await fs.mkdir(this.dir, { recursive: true });
      await writeFileAtomic(file, text);
    });
  }

  clear(id: string): Promise<void> {
    const file = this.pathOf(id);
    return this.enqueue(id, () => fs.rm(file, { force: true }));
  }

  /** Recovery copies on disk, newest first (call at startup, before any window writes its own). */
  async leftovers(): Promise<RecoveryFile[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch {
      return [];
    }
    const found: RecoveryFile[] = [];
    for (const name of names) {
      const id = RECOVERY_FILE.exec(name)?.[1];
      if (!id) continue;
      const file = path.join(this.dir, name);
      try {
        const stat = await fs.stat(file);
        found.push({ id, path: file, projectName: await this.projectNameOf(file), modifiedAt: stat.mtime });
      } catch {
        // vanished meanwhile
      }
    }
    return found.sort((a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime());
  }

  async read(file: RecoveryFile): Promise<string> {
    return (await readFileChecked(file.path)).toString('utf8');
  }

  async discardAll(files: RecoveryFile[]): Promise<void> {
    await Promise.all(files.map((f) => this.clear(f.id)));
  }

  /** Only the name is looked at; the renderer validates the project when it opens it. */
  private async projectNameOf(file: string): Promise<string> {
    try {
      const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as { name?: unknown };
      return typeof parsed.name === 'string' && parsed.name.trim() ? parsed.name : 'Untitled';
    } catch {
      return 'Untitled';
    }
  }

  private enqueue(id: string, task: () => Promise<unknown>): Promise<void> {
    const next = (this.queues.get(id) ?? Promise.resolve())
      .catch(() => undefined)
      .then(task)
      .then(() => undefined);
    this.queues.set(id, next);
    return next;
  }
}
