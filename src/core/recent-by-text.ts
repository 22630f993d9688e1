/**
 * Values kept for recently seen texts (documents, an agent's prose), the
 * text itself being the key. Bounded by the number of entries and by the
 * total length of their texts, since those can be long; the least recently
 * used go first. Texts longer than `maxText` are never kept.
 */
export class RecentByText<V> {
  private readonly entries = new Map<string, V>()
  private total = 0

  constructor(
    private readonly maxEntries: number,
    private readonly maxTotal: number,
    private readonly maxText: number,
  ) {}

  /** The value kept for this text, which becomes the most recently used. */
  take(text: string): V | undefined {
    const value = this.entries.get(text)
    if (value !== undefined) {
      this.entries.delete(text)
      this.entries.set(text, value)
    }
    return value
  }

  /** Keeps a value for this text, forgetting the oldest beyond the bounds. */
  keep(text: string, value: V): void {
    if (text.length > this.maxText) return
    if (this.entries.delete(text)) this.total -= text.length
    this.entries.set(text, value)
    this.total += text.length
    while (this.entries.size > this.maxEntries || this.total > this.maxTotal) {
      const oldest = this.entries.keys().next().value as string
      this.entries.delete(oldest)
      this.total -= oldest.length
    }
  }
}
