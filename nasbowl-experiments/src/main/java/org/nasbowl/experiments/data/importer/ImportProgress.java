package org.nasbowl.experiments.data.importer;

/**
 * Progress of a long import, reported by the importers after each record or file. Implementations must be cheap:
 * they are called once per item.
 */
@FunctionalInterface
public interface ImportProgress {
  /** Reports nothing. */
  ImportProgress NONE = (items, bytesDone, bytesTotal) -> {};

  /**
   * @param items items (records, files) processed so far
   * @param bytesDone input bytes consumed so far
   * @param bytesTotal total input bytes, or -1 if unknown
   */
  void update(long items, long bytesDone, long bytesTotal);
}
