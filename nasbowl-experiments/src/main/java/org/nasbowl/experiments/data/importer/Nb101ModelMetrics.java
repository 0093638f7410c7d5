package org.nasbowl.experiments.data.importer;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * NAS-Bench-101's {@code ModelMetrics} protobuf message (google-research/nasbench {@code model_metrics.proto}),
 * decoded with protobuf-java's {@link CodedInputStream} and no generated code:
 *
 * <pre>
 * message ModelMetrics {
 *   repeated EvaluationData evaluation_data = 1;
 *   int32 trainable_parameters = 2;
 *   double total_time = 3;
 * }
 * message EvaluationData {
 *   double current_epoch = 1; double training_time = 2; double train_accuracy = 3;
 *   double validation_accuracy = 4; double test_accuracy = 5; string checkpoint_path = 6;
 * }
 * </pre>
 *
 * Unknown fields are skipped, as generated code does; absent scalars take the proto default 0. A known field with
 * the wrong wire type is rejected (generated code would silently treat it as an unknown field, which would hide
 * corruption; the official files never contain one).
 *
 * @param evaluationData the evaluations in file order; index 2 is the final one in the official files
 */
public record Nb101ModelMetrics(List<EvaluationData> evaluationData, int trainableParameters, double totalTime) {

  /** One evaluation of a training run. */
  public record EvaluationData(double currentEpoch, double trainingTime, double trainAccuracy,
      double validationAccuracy, double testAccuracy, String checkpointPath) {}

  public Nb101ModelMetrics {
    evaluationData = List.copyOf(evaluationData);
  }

  /** Decodes a serialized ModelMetrics message. */
  public static Nb101ModelMetrics parse(byte[] bytes) throws InvalidProtocolBufferException {
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      List<EvaluationData> evals = new ArrayList<>();
      int params = 0;
      double totalTime = 0;
      while (true) {
        int tag = in.readTag();
        if (tag == 0) break;
        int field = WireFormat.getTagFieldNumber(tag);
        switch (field) {
          case 1 -> {
            expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "ModelMetrics.evaluation_data");
            evals.add(parseEvaluation(in.readByteArray()));
          }
          case 2 -> {
            expect(tag, WireFormat.WIRETYPE_VARINT, "ModelMetrics.trainable_parameters");
            params = in.readInt32();
          }
          case 3 -> {
            expect(tag, WireFormat.WIRETYPE_FIXED64, "ModelMetrics.total_time");
            totalTime = in.readDouble();
          }
          default -> in.skipField(tag);
        }
      }
      return new Nb101ModelMetrics(evals, params, totalTime);
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) { // cannot happen for a byte array source, but CodedInputStream declares it
      throw new InvalidProtocolBufferException(e);
    }
  }

  private static EvaluationData parseEvaluation(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    double[] d = new double[6];
    String checkpoint = "";
    while (true) {
      int tag = in.readTag();
      if (tag == 0) break;
      int field = WireFormat.getTagFieldNumber(tag);
      if (field >= 1 && field <= 5) {
        expect(tag, WireFormat.WIRETYPE_FIXED64, "EvaluationData field " + field);
        d[field] = in.readDouble();
      } else if (field == 6) {
        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "EvaluationData.checkpoint_path");
        checkpoint = in.readStringRequireUtf8();
      } else {
        in.skipField(tag);
      }
    }
    return new EvaluationData(d[1], d[2], d[3], d[4], d[5], checkpoint);
  }

  private static void expect(int tag, int wireType, String what) throws InvalidProtocolBufferException {
    if (WireFormat.getTagWireType(tag) != wireType) {
      throw new InvalidProtocolBufferException(
          what + " has wire type " + WireFormat.getTagWireType(tag) + ", expected " + wireType);
    }
  }
}
