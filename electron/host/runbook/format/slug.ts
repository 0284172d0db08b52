/** A step id from a title: lowercase words joined by -, at most 60 characters. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug === '' ? 'step' : slug;
}

/** Hands out ids that are unique within one runbook: `backup`, `backup-2`, … */
export class IdAllocator {
  private readonly used = new Set<string>();

  reserve(id: string): boolean {
    if (this.used.has(id)) return false;
    this.used.add(id);
    return true;
  }

  fresh(title: string): string {
    const base = slugify(title);
    let id = base;
    for (let n = 2; this.used.has(id); n += 1) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }

  /** Gives up `old` and hands out an id for the new title instead. */
  rename(old: string, title: string): string {
    this.used.delete(old);
    return this.fresh(title);
  }
}
