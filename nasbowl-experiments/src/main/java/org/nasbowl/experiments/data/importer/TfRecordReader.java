package org.nasbowl.experiments.data.importer;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.nasbowl.experiments.data.DataFormatException;

/**
 * Streams the records of a TFRecord file, one at a time, in bounded memory (one record's payload plus a read
 * buffer). Each record is framed as
 *
 * <pre>
 *   uint64 length (little endian) | uint32 masked CRC32C(the 8 length bytes) | payload | uint32 masked CRC32C(payload)
 * </pre>
 *
 * with {@code masked(c) = ((c >>> 15) | (c << 17)) + 0xA282EAD8}. Both checksums are verified. Problems are
 * reported as {@link DataFormatException}s naming the file, the 1-based record number, the part of the frame
 * ({@code length}, {@code length_crc}, {@code payload}, {@code payload_crc}) and the byte offset at which the
 * record starts.
 */
public final class TfRecordReader implements Closeable {
  private static final int HEADER_BYTES = 12;
  private static final int FOOTER_BYTES = 4;
  private static final int MASK_DELTA = 0xA282EAD8;

  private final Path file;
  private final InputStream in;
  private final long fileSize;
  private final CRC32C crc = new CRC32C();
  private final byte[] header = new byte[HEADER_BYTES];
  private final byte[] footer = new byte[FOOTER_BYTES];
  private long offset;
  private long records;
  private long lastRecordOffset = -1;

  public TfRecordReader(Path file) throws IOException {
    this.file = file;
    this.fileSize = Files.size(file);
    this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
  }

  /**
   * The payload of the next record, or {@code null} at the end of the file (which must fall exactly on a record
   * boundary).
   */
  public byte[] next() throws IOException {
    long start = offset;
    long recordNo = records + 1;
    int got = in.readNBytes(header, 0, HEADER_BYTES);
    offset += got;
    if (got == 0) return null;
    if (got < HEADER_BYTES) {
      throw error(recordNo, "length", String.format(
          "truncated record: the file ends %d bytes into the %d-byte record header (record starts at byte offset %d)",
          got, HEADER_BYTES, start));
    }
    int storedLengthCrc = littleEndianInt(header, 8);
    int lengthCrc = maskedCrc32c(header, 0, 8);
    if (storedLengthCrc != lengthCrc) {
      throw error(recordNo, "length_crc", String.format(
          "CRC mismatch on the length header (stored masked CRC32C 0x%08x, computed 0x%08x): the length bytes are "
              + "corrupt (record starts at byte offset %d)", storedLengthCrc, lengthCrc, start));
    }
    long length = littleEndianLong(header, 0);
    long remaining = fileSize - offset;
    if (length < 0 || length > remaining - FOOTER_BYTES || length > Integer.MAX_VALUE - 16) {
      throw error(recordNo, "payload", String.format(
          "truncated record: the header declares %s payload bytes plus a %d-byte CRC, but only %d bytes follow "
              + "(record starts at byte offset %d)",
          Long.toUnsignedString(length), FOOTER_BYTES, Math.max(remaining, 0), start));
    }
    byte[] payload = in.readNBytes((int) length);
    offset += payload.length;
    if (payload.length < length) {
      throw error(recordNo, "payload", String.format(
          "truncated record: expected %d payload bytes, the file ends after %d (record starts at byte offset %d)",
          length, payload.length, start));
    }
    got = in.readNBytes(footer, 0, FOOTER_BYTES);
    offset += got;
    if (got < FOOTER_BYTES) {
      throw error(recordNo, "payload_crc", String.format(
          "truncated record: the file ends %d bytes into the 4-byte payload CRC (record starts at byte offset %d)",
          got, start));
    }
    int storedPayloadCrc = littleEndianInt(footer, 0);
    int payloadCrc = maskedCrc32c(payload, 0, payload.length);
    if (storedPayloadCrc != payloadCrc) {
      throw error(recordNo, "payload_crc", String.format(
          "CRC mismatch on the payload (stored masked CRC32C 0x%08x, computed 0x%08x): the payload is corrupt "
              + "(record starts at byte offset %d)", storedPayloadCrc, payloadCrc, start));
    }
    records = recordNo;
    lastRecordOffset = start;
    return payload;
  }

  /** The 1-based number of the record last returned by {@link #next()} (0 before the first). */
  public long recordNumber() {
    return records;
  }

  /** The byte offset at which the record last returned by {@link #next()} starts (-1 before the first). */
  public long recordOffset() {
    return lastRecordOffset;
  }

  /** Bytes consumed so far. */
  public long bytesRead() {
    return offset;
  }

  public long fileSize() {
    return fileSize;
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** The TFRecord masked CRC32C of {@code len} bytes of {@code b} from {@code off}. */
  public static int maskedCrc32c(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    return mask((int) c.getValue());
  }

  static int mask(int c) {
    return ((c >>> 15) | (c << 17)) + MASK_DELTA;
  }

  /** Frames one payload as a TFRecord record (used to write test files and by tools that emit TFRecords). */
  public static byte[] frame(byte[] payload) {
    byte[] out = new byte[HEADER_BYTES + payload.length + FOOTER_BYTES];
    long len = payload.length;
    for (int i = 0; i < 8; i++) out[i] = (byte) (len >>> (8 * i));
    putLittleEndianInt(out, 8, maskedCrc32c(out, 0, 8));
    System.arraycopy(payload, 0, out, HEADER_BYTES, payload.length);
    putLittleEndianInt(out, HEADER_BYTES + payload.length, maskedCrc32c(payload, 0, payload.length));
    return out;
  }

  private DataFormatException error(long recordNo, String field, String problem) {
    return new DataFormatException(file, "record", recordNo, field, problem);
  }

  private static int littleEndianInt(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
  }

  private static long littleEndianLong(byte[] b, int off) {
    return (littleEndianInt(b, off) & 0xffffffffL) | ((long) littleEndianInt(b, off + 4)) << 32;
  }

  private static void putLittleEndianInt(byte[] b, int off, int v) {
    for (int i = 0; i < 4; i++) b[off + i] = (byte) (v >>> (8 * i));
  }
}
