package org.nasbowl.experiments.data.importer;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.nasbowl.experiments.data.DataFormatException;

/**
 * Reads the NATS-Bench "simple" files: a bzip2 stream holding one Python pickle (protocol 4), as written by
 * {@code nats_bench.api_utils.pickle_save}. Besides plain dicts, lists, tuples, strings and numbers, these pickles
 * reference three Python globals, which are registered with the Razorvine {@link Unpickler}:
 * <ul>
 *   <li>{@code collections.OrderedDict} (the top-level hp -> ArchResults map, per-epoch train times) becomes a
 *       {@link LinkedHashMap}, which keeps the order;</li>
 *   <li>{@code numpy.dtype} and {@code numpy.core.multiarray.scalar} (also {@code numpy._core.multiarray.scalar}
 *       of numpy 2) reconstruct numpy scalars such as the {@code np.float64} parameter counts: the scalar's raw
 *       bytes are decoded by its dtype into a {@link Double}, {@link Long} or {@link Boolean}.</li>
 * </ul>
 * Tuples become {@code Object[]}, Python ints {@link Integer} or {@link Long}, floats {@link Double}.
 */
public final class NatsPickle {
  static {
    IObjectConstructor ordered = args -> {
      Map<Object, Object> m = new LinkedHashMap<>();
      if (args.length == 1 && args[0] instanceof List<?> items) { // OrderedDict([(k, v), ...])
        for (Object item : items) {
          if (item instanceof Object[] kv && kv.length == 2) m.put(kv[0], kv[1]);
          else if (item instanceof List<?> kv && kv.size() == 2) m.put(kv.get(0), kv.get(1));
          else throw new PickleException("OrderedDict item is not a (key, value) pair");
        }
      } else if (args.length != 0) {
        throw new PickleException("unsupported OrderedDict construction arguments");
      }
      return m;
    };
    Unpickler.registerConstructor("collections", "OrderedDict", ordered);
    Unpickler.registerConstructor("numpy", "dtype", args -> {
      if (args.length < 1 || !(args[0] instanceof String s)) throw new PickleException("numpy.dtype without a type code");
      return new NumpyDtype(s);
    });
    IObjectConstructor scalar = args -> {
      if (args.length != 2 || !(args[0] instanceof NumpyDtype dtype)) {
        throw new PickleException("numpy scalar: expected (dtype, bytes) arguments");
      }
      byte[] raw;
      if (args[1] instanceof byte[] b) raw = b;
      else if (args[1] instanceof String s) raw = s.getBytes(StandardCharsets.ISO_8859_1); // Python 2 pickles
      else throw new PickleException("numpy scalar: expected the value as bytes");
      return dtype.decode(raw);
    };
    Unpickler.registerConstructor("numpy.core.multiarray", "scalar", scalar);
    Unpickler.registerConstructor("numpy._core.multiarray", "scalar", scalar);
  }

  private NatsPickle() {}

  /**
   * Unpickles a bzip2-compressed pickle file, checking the whole bzip2 stream (its block and stream CRCs are
   * verified when it is read to the end; data after the pickle is an error). Malformed content of any kind is a
   * {@link DataFormatException} naming the file; failures to read the file itself stay {@link IOException}s.
   */
  public static Object load(Path file) throws IOException {
    try (TrackingStream raw = new TrackingStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      try {
        BZip2CompressorInputStream bz = new BZip2CompressorInputStream(raw);
        Object value = new Unpickler().load(bz);
        long extra = 0;
        byte[] buf = new byte[4096];
        for (int n; (n = bz.read(buf)) > 0; ) extra += n;
        if (extra > 0) {
          throw new DataFormatException(file, "record", 0, null,
              extra + " bytes of data follow the pickle inside the bzip2 stream");
        }
        return value;
      } catch (DataFormatException e) {
        throw e;
      } catch (IOException e) {
        if (raw.failure != null) throw raw.failure; // the file could not be read: an I/O error, not bad data
        throw new DataFormatException(file, "record", 0, null, "not a valid bzip2-compressed pickle: " + describe(e), e);
      } catch (RuntimeException e) { // PickleException, ClassCastException, ...
        throw new DataFormatException(file, "record", 0, null, "not a valid bzip2-compressed pickle: " + describe(e), e);
      }
    }
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) return e.getClass().getSimpleName();
    // decoder-internal failures (e.g. an index out of bounds on corrupt bzip2 data) keep their type for context
    boolean expected = e instanceof IOException || e instanceof PickleException;
    return expected ? m : e.getClass().getSimpleName() + ": " + m;
  }

  /** Remembers an I/O failure of the underlying file, so that it is not mistaken for corrupt data. */
  private static final class TrackingStream extends FilterInputStream {
    IOException failure;

    TrackingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }
  }

  /** A numpy dtype as pickled: type code (e.g. {@code f8}) and, after {@code __setstate__}, the byte order. */
  public static final class NumpyDtype {
    private final String code;
    private String byteOrder = "<";

    NumpyDtype(String code) {
      this.code = code;
    }

    /** Called by the unpickler's BUILD with the dtype state tuple {@code (version, byteorder, ...)}. */
    public void __setstate__(Object[] state) {
      if (state.length > 1 && state[1] instanceof String s) byteOrder = s;
    }

    Object decode(byte[] raw) {
      ByteBuffer b = ByteBuffer.wrap(raw).order(">".equals(byteOrder) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
      String c = code.startsWith("<") || code.startsWith(">") || code.startsWith("=") || code.startsWith("|")
          ? code.substring(1) : code;
      int need = switch (c) {
        case "f8", "i8", "u8" -> 8;
        case "f4", "i4", "u4" -> 4;
        case "i2", "u2" -> 2;
        case "i1", "u1", "b1" -> 1;
        default -> throw new PickleException("unsupported numpy scalar type '" + code + "'");
      };
      if (raw.length != need) {
        throw new PickleException("numpy scalar of type '" + code + "' has " + raw.length + " bytes, expected " + need);
      }
      return switch (c) {
        case "f8" -> b.getDouble();
        case "f4" -> (double) b.getFloat();
        case "i8" -> b.getLong();
        case "u8" -> {
          long v = b.getLong();
          if (v < 0) throw new PickleException("numpy uint64 scalar too large");
          yield v;
        }
        case "i4" -> (long) b.getInt();
        case "u4" -> b.getInt() & 0xffffffffL;
        case "i2" -> (long) b.getShort();
        case "u2" -> (long) (b.getShort() & 0xffff);
        case "i1" -> (long) b.get();
        case "u1" -> (long) (b.get() & 0xff);
        default -> b.get() != 0; // b1
      };
    }

    @Override
    public String toString() {
      return "dtype(" + byteOrder + code + ")";
    }
  }
}
