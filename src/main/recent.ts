/**
 * The Open Recent list, persisted as JSON (recent-files.json in userData): newest first, at
 * most MAX_RECENT entries, files that no longer exist pruned when the list is read. Only
 * paths in this list may be opened through openRecent.
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../node/atomic-write';
import type { RecentFile } from '../shared/desktop-api';

export const MAX_RECENT = 10;

function samePath(a: string, b: string): boolean {
  // Windows and macOS file systems are usually case-insensitive.
  return process.platform === 'linux' ? a === b : a.toLowerCase() === b.toLowerCase();
}

function isRecentFile(value: unknown): value is RecentFile {
  const v = value as RecentFile;
  return typeof v === 'object' && v !== null && typeof v.path === 'string' && typeof v.name === 'string' && typeof v.openedAt === 'string';
}

export class RecentFiles {
  private entries: RecentFile[] = [];
  private loaded = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly fileExists: (file: string) => boolean = existsSync,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Reads the stored list once; a missing or damaged file means an empty list. */
  async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(this.file, 'utf8'));
      this.entries = Array.isArray(parsed) ? parsed.filter(isRecentFile).slice(0, MAX_RECENT) : [];
    } catch {
      this.entries = [];
    }
  }

  /** The list with missing files removed (and the pruned list saved). */
  async list(): Promise<RecentFile[]> {
    await this.load();
    const kept = this.entries.filter((e) => this.fileExists(e.path));
    if (kept.length !== this.entries.length) {
      this.entries = kept;
      await this.save();
    }
    return this.entries.map((e) => ({ ...e }));
  }

  /** The entries as last loaded, without touching the disk (for building menus). */
  snapshot(): RecentFile[] {
    return this.entries.map((e) => ({ ...e }));
  }

  async has(file: string): Promise<boolean> {
    await this.load();
    return this.entries.some((e) => samePath(e.path, file));
  }

  async add(file: string): Promise<void> {
    await this.load();
    const entry: RecentFile = { path: file, name: path.basename(file), openedAt: this.now().toISOString() };
    this.entries = [entry, ...this.entries.filter((e) => !samePath(e.path, file))].slice(0, MAX_RECENT);
    await this.save();
  }

  async remove(file: string): Promise<void> {
    await this.load();
    this.entries = this.entries.filter((e) => !samePath(e.path, file));
    await this.save();
  }

  async clear(): Promise<void> {
    this.loaded = true;
    this.entries = [];
    await this.save();
  }

  /** Writes are queued so that two quick changes cannot land out of order. */
  private save(): Promise<void> {
    const text = JSON.stringify(this.entries, null, 2);
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        await fs.mkdir(path.dirname(this.file), { recursive: true });
        await writeFileAtomic(this.file, text);
      });
    return this.writing;
  }
}
