package org.nasbowl.experiments.data.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.testsupport.TestPaths;
import org.nasbowl.experiments.data.DataFormatException;

class Nb101TfrecordImporterTest {
  static final String HASH = "02e5a0247bbdcf2860b7e96f74961594";
  static final String ADJACENCY = "0110011000001000010000000100000001000000010000000";
  static final String OPS =
      "input;conv1x1-bn-relu;conv3x3-bn-relu;maxpool3x3;conv3x3-bn-relu;conv3x3-bn-relu;output";
  static final double[] VAL = {0.9432091116905212, 0.9487179517745972, 0.9431089758872986};
  static final double[] TEST = {0.9445112347602844, 0.944411039352417, 0.9406049847602844};
  static final double[] TIME = {4309.798828125, 4326.7412109375, 4321.9140625};
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  static List<byte[]> fixturePayloads() throws IOException {
    return TfRecordReaderTest.readAll(TestPaths.formatSample(TfRecordReaderTest.FIXTURE));
  }

  @Test
  void decodesTheFixtureRecordsExactly() throws IOException {
    Path file = TestPaths.formatSample(TfRecordReaderTest.FIXTURE);
    List<byte[]> payloads = fixturePayloads();
    assertEquals(3, payloads.size());
    for (int i = 0; i < 3; i++) {
      Nb101TfrecordImporter.Nb101Record r = Nb101TfrecordImporter.parsePayload(payloads.get(i), file, i + 1);
      assertEquals(HASH, r.moduleHash());
      assertEquals(108, r.epochs());
      assertEquals(7, r.numVertices());
      assertEquals(ADJACENCY, r.adjacency());
      assertEquals(OPS, String.join(";", r.operations()));
      assertEquals(32_426_634, r.metrics().trainableParameters());
      assertEquals(3, r.metrics().evaluationData().size());
      Nb101ModelMetrics.EvaluationData fin = r.metrics().evaluationData().get(2);
      assertEquals(108.0, fin.currentEpoch());
      assertEquals(VAL[i], fin.validationAccuracy());
      assertEquals(TEST[i], fin.testAccuracy());
      assertEquals(TIME[i], fin.trainingTime());
    }
  }

  @Test
  void importsTheFixtureToOneExactRow() throws IOException {
    Path out = tmp.resolve("sub/nb101.csv");
    Nb101TfrecordImporter.Summary s = Nb101TfrecordImporter.importFile(
        TestPaths.formatSample(TfRecordReaderTest.FIXTURE), out, ImportProgress.NONE);
    assertEquals(new Nb101TfrecordImporter.Summary(3, 3, 1), s);
    List<String> lines = Files.readAllLines(out);
    assertEquals(2, lines.size());
    assertEquals(Nb101TfrecordImporter.HEADER, lines.get(0));
    String[] c = lines.get(1).split(",", -1);
    assertEquals(15, c.length);
    assertEquals(HASH, c[0]);
    assertEquals("7", c[1]);
    assertEquals(ADJACENCY, c[2]);
    assertEquals(OPS, c[3]);
    assertEquals("32426634", c[4]);
    assertEquals("3", c[5]);
    for (int i = 0; i < 3; i++) {
      assertEquals(VAL[i], Double.parseDouble(c[6 + i]));
      assertEquals(TEST[i], Double.parseDouble(c[9 + i]));
    }
    assertEquals((VAL[0] + VAL[1] + VAL[2]) / 3, Double.parseDouble(c[12]));
    assertEquals(0.943175752957662, Double.parseDouble(c[13])); // the README's best 3-run mean
    assertEquals((TIME[0] + TIME[1] + TIME[2]) / 3, Double.parseDouble(c[14]));
    assertNoTempFiles(out.getParent());
  }

  @Test
  void groupsConsecutiveRecordsSkipsOtherBudgetsAndAllowsFewerRuns() throws IOException {
    List<byte[]> p = fixturePayloads();
    String other = "ffffffffffffffffffffffffffffffff";
    List<byte[]> records = List.of(
        edit(p.get(0), a -> a.set(1, 36)), // another budget of the same cell: skipped
        edit(p.get(0), a -> a.set(0, other)), edit(p.get(1), a -> a.set(0, other)),
        p.get(0), p.get(1), p.get(2));
    Path out = tmp.resolve("two.csv");
    Nb101TfrecordImporter.Summary s = Nb101TfrecordImporter.importFile(write(records), out, ImportProgress.NONE);
    assertEquals(new Nb101TfrecordImporter.Summary(6, 5, 2), s);
    List<String> lines = Files.readAllLines(out);
    assertEquals(3, lines.size());
    String[] c = lines.get(1).split(",", -1);
    assertEquals(other, c[0]);
    assertEquals("2", c[5]);
    assertEquals("", c[8]);
    assertEquals("", c[11]);
    assertEquals(VAL[0], Double.parseDouble(c[6]));
    assertEquals(VAL[1], Double.parseDouble(c[7]));
    assertEquals((TEST[0] + TEST[1]) / 2, Double.parseDouble(c[13]));
    assertTrue(lines.get(2).startsWith(HASH + ",7,"));
  }

  @Test
  void truncatedFilesFailAndLeaveNoOutput() throws IOException {
    byte[] all = Files.readAllBytes(TestPaths.formatSample(TfRecordReaderTest.FIXTURE));
    int rec = all.length / 3;
    for (int cut : new int[] {5, 12, rec - 2, rec + 100, all.length - 4}) {
      Path bad = tmp.resolve("cut" + cut + ".tfrecord");
      Files.write(bad, Arrays.copyOf(all, cut));
      DataFormatException e = assertFails(bad, cut / rec + 1, null);
      assertTrue(e.getMessage().contains("truncated record"), e.getMessage());
    }
  }

  @Test
  void corruptBytesFailAndLeaveNoOutput() throws IOException {
    byte[] all = Files.readAllBytes(TestPaths.formatSample(TfRecordReaderTest.FIXTURE));
    int rec = all.length / 3;
    byte[] b = all.clone();
    b[rec + 2] ^= 0x04;
    Path badLength = tmp.resolve("length.tfrecord");
    Files.write(badLength, b);
    assertFails(badLength, 2, "length_crc");
    b = all.clone();
    b[2 * rec + 150] ^= 0x01;
    Path badPayload = tmp.resolve("payload.tfrecord");
    Files.write(badPayload, b);
    assertFails(badPayload, 3, "payload_crc");
  }

  @Test
  void existingOutputSurvivesAFailedImport() throws IOException {
    byte[] all = Files.readAllBytes(TestPaths.formatSample(TfRecordReaderTest.FIXTURE));
    Path bad = tmp.resolve("bad.tfrecord");
    Files.write(bad, Arrays.copyOf(all, all.length - 1));
    Path out = tmp.resolve("keep.csv");
    Files.writeString(out, "previous\n");
    assertThrows(DataFormatException.class, () -> Nb101TfrecordImporter.importFile(bad, out, ImportProgress.NONE));
    assertEquals("previous\n", Files.readString(out));
    assertNoTempFiles(tmp);
  }

  @Test
  void garbageJsonIsNamed() throws IOException {
    List<byte[]> p = fixturePayloads();
    byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
    DataFormatException e = assertFails(write(List.of(p.get(0), garbage, p.get(2))), 2, "payload");
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    assertFails(write(List.of("[1, 2]".getBytes(StandardCharsets.UTF_8))), 1, "payload");
    assertFails(write(List.of(edit(p.get(0), a -> a.set(0, "xyz")))), 1, "module_hash");
    assertFails(write(List.of(edit(p.get(0), a -> a.set(1, "108")))), 1, "epochs");
    assertFails(write(List.of(edit(p.get(0), a -> a.set(2, ADJACENCY.substring(1))))), 1, "adjacency");
    assertFails(write(List.of(edit(p.get(0), a -> a.set(2, "1" + ADJACENCY.substring(1))))), 1, "adjacency");
    assertFails(write(List.of(edit(p.get(0), a -> a.set(3, "input,conv3x3-bn-relu,output")))), 1, "operations");
    assertFails(write(List.of(edit(p.get(0), a -> a.set(3, OPS.replace(';', ',').replace("maxpool", "minpool"))))),
        1, "operations");
  }

  @Test
  void garbageProtobufIsNamed() throws IOException {
    List<byte[]> p = fixturePayloads();
    DataFormatException e = assertFails(write(List.of(p.get(0), edit(p.get(1), a -> a.set(4, "@@not base64@@")))),
        2, "metrics");
    assertTrue(e.getMessage().contains("base64"), e.getMessage());
    // a length-delimited field whose length runs past the end of the message
    String truncatedField = Base64.getEncoder().encodeToString(new byte[] {0x0a, 0x7f, 0x01});
    e = assertFails(write(List.of(edit(p.get(0), a -> a.set(4, truncatedField)))), 1, "metrics");
    assertTrue(e.getMessage().contains("ModelMetrics"), e.getMessage());
    // field 2 (trainable_parameters) sent with the fixed64 wire type
    String wrongWireType = Base64.getEncoder().encodeToString(new byte[] {0x11, 1, 2, 3, 4, 5, 6, 7, 8});
    assertFails(write(List.of(edit(p.get(0), a -> a.set(4, wrongWireType)))), 1, "metrics");
    // a valid message with only two evaluations
    String twoEvals = Base64.getEncoder().encodeToString(metrics(2, 1000));
    e = assertFails(write(List.of(edit(p.get(0), a -> a.set(4, twoEvals)))), 1, "metrics.evaluation_data");
    assertTrue(e.getMessage().contains("found 2"), e.getMessage());
  }

  @Test
  void recordsOfACellMustBeConsecutiveAndConsistent() throws IOException {
    List<byte[]> p = fixturePayloads();
    String other = "0123456789abcdef0123456789abcdef";
    byte[] otherRec = edit(p.get(0), a -> a.set(0, other));
    DataFormatException e = assertFails(write(List.of(p.get(0), p.get(1), otherRec, p.get(2))), 4, "module_hash");
    assertTrue(e.getMessage().contains("consecutive"), e.getMessage());
    e = assertFails(write(List.of(p.get(0), p.get(1), p.get(2), p.get(0))), 4, "module_hash");
    assertTrue(e.getMessage().contains("more than 3 runs"), e.getMessage());
    assertFails(write(List.of(p.get(0), edit(p.get(1), a -> a.set(2, ADJACENCY.replaceFirst("1", "0"))))), 2,
        "adjacency");
    String otherParams = Base64.getEncoder().encodeToString(metrics(3, 1234));
    assertFails(write(List.of(p.get(0), edit(p.get(1), a -> a.set(4, otherParams)))), 2, "trainable_parameters");
  }

  @Test
  void hashSetFindsRepeatsAcrossGrowth() {
    Nb101TfrecordImporter.HashSet128 set = new Nb101TfrecordImporter.HashSet128();
    for (int i = 0; i < 20_000; i++) assertTrue(set.add(String.format("%032x", (long) i * 7919)));
    for (int i = 0; i < 20_000; i += 97) assertFalse(set.add(String.format("%032x", (long) i * 7919)));
    assertEquals(20_000, set.size());
  }

  /** Imports {@code bad}, expecting a DataFormatException naming it, the record and the field; no output left. */
  private DataFormatException assertFails(Path bad, long record, String field) throws IOException {
    Path out = tmp.resolve("out-" + bad.getFileName() + ".csv");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> Nb101TfrecordImporter.importFile(bad, out, ImportProgress.NONE));
    assertEquals(bad, e.file());
    assertEquals(record, e.location(), e.getMessage());
    if (field != null) assertEquals(field, e.field(), e.getMessage());
    assertTrue(e.getMessage().startsWith(bad + ", record " + record + ", field '"), e.getMessage());
    assertFalse(Files.exists(out), "no output after a failure");
    assertNoTempFiles(tmp);
    return e;
  }

  private static void assertNoTempFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(), s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList());
    }
  }

  private static byte[] edit(byte[] payload, UnaryOperatorOnArray f) throws IOException {
    ArrayNode a = (ArrayNode) JSON.readTree(payload);
    f.apply(a);
    return JSON.writeValueAsBytes(a);
  }

  @FunctionalInterface
  interface UnaryOperatorOnArray {
    void apply(ArrayNode a);
  }

  /** A ModelMetrics message with {@code evals} evaluations and the given parameter count. */
  private static byte[] metrics(int evals, int params) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    for (int i = 0; i < evals; i++) {
      ByteArrayOutputStream eb = new ByteArrayOutputStream();
      CodedOutputStream e = CodedOutputStream.newInstance(eb);
      e.writeDouble(1, 54.0 * i);
      e.writeDouble(4, 0.5);
      e.writeDouble(5, 0.25);
      e.flush();
      out.writeByteArray(1, eb.toByteArray());
    }
    out.writeInt32(2, params);
    out.writeDouble(3, 10.0);
    out.flush();
    return bytes.toByteArray();
  }

  private Path write(List<byte[]> payloads) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : payloads) out.write(TfRecordReader.frame(p));
    Path file = Files.createTempFile(tmp, "records", ".tfrecord");
    Files.write(file, out.toByteArray());
    return file;
  }
}
