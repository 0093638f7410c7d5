package org.nasbowl.experiments.data.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.testsupport.TestPaths;
import org.nasbowl.experiments.data.DataFormatException;

class TfRecordReaderTest {
  static final String FIXTURE = "nb101_fixture_best108_3runs.tfrecord";

  @TempDir Path tmp;

  static List<byte[]> readAll(Path file) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (TfRecordReader r = new TfRecordReader(file)) {
      for (byte[] p; (p = r.next()) != null; ) out.add(p);
    }
    return out;
  }

  @Test
  void readsTheOfficialLayoutFixture() throws IOException {
    Path file = TestPaths.formatSample(FIXTURE);
    try (TfRecordReader r = new TfRecordReader(file)) {
      long expectedOffset = 0;
      for (int i = 1; i <= 3; i++) {
        byte[] p = r.next();
        assertEquals(i, r.recordNumber());
        assertEquals(expectedOffset, r.recordOffset());
        String text = new String(p, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("[\"02e5a0247bbdcf2860b7e96f74961594\", 108, "), text);
        expectedOffset += 12 + p.length + 4;
        assertEquals(expectedOffset, r.bytesRead());
      }
      assertNull(r.next());
      assertNull(r.next());
      assertEquals(3, r.recordNumber());
      assertEquals(Files.size(file), r.bytesRead());
    }
  }

  @Test
  void frameRoundTripsPayloadsOfAnySize() throws IOException {
    Random rnd = new Random(7);
    List<byte[]> payloads = new ArrayList<>();
    for (int n : new int[] {0, 1, 7, 300, 70_000}) {
      byte[] b = new byte[n];
      rnd.nextBytes(b);
      payloads.add(b);
    }
    Path file = write(payloads);
    List<byte[]> back = readAll(file);
    assertEquals(payloads.size(), back.size());
    for (int i = 0; i < payloads.size(); i++) assertArrayEquals(payloads.get(i), back.get(i));
  }

  @Test
  void masksCrc32cAsTensorFlowDoes() {
    // CRC32C("123456789") = 0xE3069283 (RFC 3720 check value); masked = rotr15 + 0xA282EAD8.
    byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
    int c = 0xE3069283;
    assertEquals(((c >>> 15) | (c << 17)) + 0xA282EAD8, TfRecordReader.maskedCrc32c(b, 0, b.length));
  }

  @Test
  void truncationAnywhereNamesTheRecordAndOffset() throws IOException {
    Path file = TestPaths.formatSample(FIXTURE);
    byte[] all = Files.readAllBytes(file);
    int rec = all.length / 3; // the fixture's records have equal length
    assertEquals(0, all.length % 3);
    int[] cuts = {1, 7, 8, 11, 12, 13, rec / 2, rec - 4, rec - 1, rec + 5, rec + 300, 2 * rec + 12, all.length - 1};
    for (int cut : cuts) {
      Path bad = tmp.resolve("cut" + cut + ".tfrecord");
      Files.write(bad, Arrays.copyOf(all, cut));
      int recordNo = cut / rec + 1;
      DataFormatException e = assertThrows(DataFormatException.class, () -> readAll(bad), "cut at " + cut);
      String m = e.getMessage();
      assertTrue(m.startsWith(bad.toString() + ", record " + recordNo + ", field '"), m);
      assertTrue(m.contains("truncated record"), m);
      assertTrue(m.contains("byte offset " + (long) (recordNo - 1) * rec), m);
      assertEquals(recordNo, e.location());
      assertEquals(bad, e.file());
    }
  }

  @Test
  void flippedLengthByteIsALengthCrcMismatch() throws IOException {
    byte[] all = Files.readAllBytes(TestPaths.formatSample(FIXTURE));
    int rec = all.length / 3;
    for (int pos : new int[] {0, 3, 7}) {
      byte[] b = all.clone();
      b[rec + pos] ^= 0x01; // record 2's length
      Path bad = tmp.resolve("len" + pos + ".tfrecord");
      Files.write(bad, b);
      DataFormatException e = assertThrows(DataFormatException.class, () -> readAll(bad));
      assertEquals(2, e.location());
      assertEquals("length_crc", e.field());
      assertTrue(e.getMessage().contains("CRC mismatch on the length header"), e.getMessage());
    }
  }

  @Test
  void flippedPayloadOrCrcByteIsAPayloadCrcMismatch() throws IOException {
    byte[] all = Files.readAllBytes(TestPaths.formatSample(FIXTURE));
    int rec = all.length / 3;
    for (int pos : new int[] {2 * rec + 12, 2 * rec + 200, 3 * rec - 5, 3 * rec - 1}) {
      byte[] b = all.clone();
      b[pos] ^= 0x20;
      Path bad = tmp.resolve("payload" + pos + ".tfrecord");
      Files.write(bad, b);
      DataFormatException e = assertThrows(DataFormatException.class, () -> readAll(bad));
      assertEquals(3, e.location());
      assertEquals("payload_crc", e.field());
      assertTrue(e.getMessage().contains("CRC mismatch on the payload"), e.getMessage());
    }
  }

  @Test
  void flippedLengthCrcByteIsALengthCrcMismatch() throws IOException {
    byte[] all = Files.readAllBytes(TestPaths.formatSample(FIXTURE));
    all[9] ^= 0x40;
    Path bad = tmp.resolve("lencrc.tfrecord");
    Files.write(bad, all);
    DataFormatException e = assertThrows(DataFormatException.class, () -> readAll(bad));
    assertEquals(1, e.location());
    assertEquals("length_crc", e.field());
  }

  private Path write(List<byte[]> payloads) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : payloads) out.write(TfRecordReader.frame(p));
    Path file = Files.createTempFile(tmp, "records", ".tfrecord");
    Files.write(file, out.toByteArray());
    return file;
  }
}
