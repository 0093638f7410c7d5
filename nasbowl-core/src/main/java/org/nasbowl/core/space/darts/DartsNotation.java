package org.nasbowl.core.space.darts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nasbowl.core.space.InvalidArchitectureException;

/**
 * The DARTS genotype notation, as printed by Python for the {@code Genotype} namedtuple of DARTS, NB301 and
 * NASLib:
 *
 * <pre>
 * Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ...8 pairs], normal_concat=[2, 3, 4, 5],
 *          reduce=[...8 pairs], reduce_concat=[2, 3, 4, 5])
 * </pre>
 *
 * Parsing accepts single or double quotes, any whitespace (including line breaks), trailing commas, pairs
 * written as tuples or lists, the four fields as keyword arguments in any order or positionally, and
 * {@code range(2, 6)} or a list or tuple for the concat fields (which must be 2, 3, 4, 5). Error messages give
 * the 1-based character position for malformed text, and cell, node and edge for invalid contents.
 */
public final class DartsNotation {
  static final String NORMAL = "normal cell";
  static final String REDUCE = "reduce cell";
  private static final String[] FIELDS = {"normal", "normal_concat", "reduce", "reduce_concat"};

  private DartsNotation() {}

  /** The canonical notation (Python's repr of the namedtuple). */
  public static String format(DartsGenotype g) {
    StringBuilder sb = new StringBuilder("Genotype(normal=");
    appendCell(sb, g.normal());
    sb.append(", normal_concat=").append(concatText()).append(", reduce=");
    appendCell(sb, g.reduce());
    sb.append(", reduce_concat=").append(concatText()).append(')');
    return sb.toString();
  }

  private static void appendCell(StringBuilder sb, DartsCell cell) {
    sb.append('[');
    for (int p = 0; p < DartsCell.EDGES; p++) {
      if (p > 0) sb.append(", ");
      DartsEdge e = cell.edges().get(p);
      sb.append("('").append(e.op().notation()).append("', ").append(e.input()).append(')');
    }
    sb.append(']');
  }

  private static String concatText() {
    return DartsCell.CONCAT.toString();
  }

  /**
   * Parses the notation.
   *
   * @throws InvalidArchitectureException naming the character position of a syntax error, or the cell, node
   *     and edge of an invalid op or input index
   */
  public static DartsGenotype parse(String text) {
    if (text == null) throw new InvalidArchitectureException("genotype text is null");
    return new Parser(text).genotype();
  }

  /** An (op, input) pair as written, with the position of its op name for messages. */
  private record RawPair(String op, long input, int position) {}

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    DartsGenotype genotype() {
      skipWs();
      int start = pos;
      String name = identifier();
      if (!name.equals("Genotype")) {
        throw malformed(start, "expected 'Genotype(' at the start");
      }
      skipWs();
      expect('(', "'(' after Genotype");
      Object[] values = new Object[FIELDS.length];
      int[] positions = new int[FIELDS.length];
      boolean keywordSeen = false;
      int positional = 0;
      skipWs();
      while (peek() != ')') {
        skipWs();
        int argStart = pos;
        String field = null;
        if (Character.isJavaIdentifierStart(peekOrNul())) {
          int save = pos;
          String id = identifier();
          skipWs();
          if (peekOrNul() == '=') {
            pos++;
            field = id;
          } else {
            pos = save; // a positional value such as range(2, 6)
          }
        }
        int index;
        if (field != null) {
          index = fieldIndex(field);
          if (index < 0) {
            throw malformed(argStart, "unknown field '" + field
                + "' (expected normal, normal_concat, reduce, reduce_concat)");
          }
          keywordSeen = true;
        } else {
          if (keywordSeen) throw malformed(argStart, "positional field after keyword fields");
          if (positional >= FIELDS.length) throw malformed(argStart, "more than 4 fields");
          index = positional++;
        }
        if (values[index] != null) {
          throw malformed(argStart, "field '" + FIELDS[index] + "' given twice");
        }
        skipWs();
        positions[index] = pos;
        values[index] = (index % 2 == 0) ? pairList(FIELDS[index]) : concat(FIELDS[index]);
        skipWs();
        if (peek() == ',') {
          pos++;
          skipWs();
        } else if (peek() != ')') {
          throw malformed(pos, "expected ',' or ')' after field '" + FIELDS[index] + "'");
        }
      }
      pos++;
      skipWs();
      if (pos < s.length()) throw malformed(pos, "unexpected text after the closing ')'");
      for (int i = 0; i < FIELDS.length; i++) {
        if (values[i] == null) throw new InvalidArchitectureException("genotype: missing field '" + FIELDS[i] + "'");
      }
      for (int i = 1; i < FIELDS.length; i += 2) {
        @SuppressWarnings("unchecked")
        List<Long> concat = (List<Long>) values[i];
        if (!concat.equals(List.of(2L, 3L, 4L, 5L))) {
          throw new InvalidArchitectureException(FIELDS[i] + " at character " + (positions[i] + 1)
              + ": must be [2, 3, 4, 5] (every intermediate node), got " + concat);
        }
      }
      @SuppressWarnings("unchecked")
      DartsCell normal = cell(NORMAL, (List<RawPair>) values[0]);
      @SuppressWarnings("unchecked")
      DartsCell reduce = cell(REDUCE, (List<RawPair>) values[2]);
      return new DartsGenotype(normal, reduce);
    }

    private static int fieldIndex(String field) {
      for (int i = 0; i < FIELDS.length; i++) if (FIELDS[i].equals(field)) return i;
      return -1;
    }

    private DartsCell cell(String cellName, List<RawPair> raw) {
      if (raw.size() != DartsCell.EDGES) {
        throw new InvalidArchitectureException(cellName + ": expected " + DartsCell.EDGES
            + " (op, input) pairs (2 per intermediate node), got " + raw.size());
      }
      List<DartsEdge> edges = new ArrayList<>(DartsCell.EDGES);
      for (int p = 0; p < raw.size(); p++) {
        RawPair r = raw.get(p);
        Optional<DartsOp> op = DartsOp.fromNotation(r.op());
        if (op.isEmpty()) {
          throw new InvalidArchitectureException(DartsCell.where(cellName, p) + " at character " + (r.position() + 1)
              + ": unknown op '" + r.op() + "' (expected one of " + DartsOp.namesForMessages() + ")");
        }
        int input = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, r.input()));
        DartsCell.checkInput(cellName, p, input);
        edges.add(new DartsEdge(op.get(), input));
      }
      DartsCell.validate(cellName, edges);
      return new DartsCell(edges);
    }

    /** {@code [ pair, pair, ... ]} or the same in parentheses. */
    private List<RawPair> pairList(String field) {
      char open = peek();
      if (open != '[' && open != '(') throw malformed(pos, "expected '[' to start the list '" + field + "'");
      char close = open == '[' ? ']' : ')';
      pos++;
      List<RawPair> out = new ArrayList<>();
      skipWs();
      while (peek() != close) {
        out.add(pair());
        skipWs();
        if (peek() == ',') {
          pos++;
          skipWs();
        } else if (peek() != close) {
          throw malformed(pos, "expected ',' or '" + close + "' in the list '" + field + "'");
        }
      }
      pos++;
      return out;
    }

    /** {@code ('op', input)} or {@code ['op', input]}. */
    private RawPair pair() {
      char open = peek();
      if (open != '(' && open != '[') throw malformed(pos, "expected '(' to start an (op, input) pair");
      char close = open == '(' ? ')' : ']';
      pos++;
      skipWs();
      int opPos = pos;
      String op = quoted();
      skipWs();
      expect(',', "',' between op and input index");
      skipWs();
      long input = integer();
      skipWs();
      if (peek() == ',') { // a 1-tuple style trailing comma: ('op', 1,)
        pos++;
        skipWs();
      }
      expect(close, "'" + close + "' to close the (op, input) pair");
      return new RawPair(op, input, opPos);
    }

    /** {@code [2, 3, 4, 5]}, {@code (2, 3, 4, 5)} or {@code range(a, b)}. */
    private List<Long> concat(String field) {
      char c = peek();
      List<Long> out = new ArrayList<>();
      if (c == '[' || c == '(') {
        char close = c == '[' ? ']' : ')';
        pos++;
        skipWs();
        while (peek() != close) {
          out.add(integer());
          skipWs();
          if (peek() == ',') {
            pos++;
            skipWs();
          } else if (peek() != close) {
            throw malformed(pos, "expected ',' or '" + close + "' in '" + field + "'");
          }
        }
        pos++;
        return out;
      }
      int start = pos;
      if (Character.isJavaIdentifierStart(c) && identifier().equals("range")) {
        skipWs();
        expect('(', "'(' after range");
        skipWs();
        long from = integer();
        skipWs();
        expect(',', "',' in range(start, stop)");
        skipWs();
        long to = integer();
        skipWs();
        expect(')', "')' to close range(start, stop)");
        if (to - from > DartsCell.EDGES) {
          throw malformed(start, "range(" + from + ", " + to + ") in '" + field + "' is too long");
        }
        for (long v = from; v < to; v++) out.add(v);
        return out;
      }
      throw malformed(start, "expected a list or range(2, 6) for '" + field + "'");
    }

    private String quoted() {
      char q = peek();
      if (q != '\'' && q != '"') throw malformed(pos, "expected a quoted op name");
      int start = pos;
      pos++;
      int end = s.indexOf(q, pos);
      if (end < 0) throw malformed(start, "unterminated quoted op name");
      String v = s.substring(pos, end);
      pos = end + 1;
      return v;
    }

    private long integer() {
      int start = pos;
      if (pos < s.length() && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) pos++;
      int digits = pos;
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') pos++;
      if (pos == digits) {
        pos = start;
        throw malformed(start, "expected an integer");
      }
      if (pos - digits > 9) throw malformed(start, "integer too large");
      return Long.parseLong(s.substring(start, pos));
    }

    private String identifier() {
      int start = pos;
      if (pos < s.length() && Character.isJavaIdentifierStart(s.charAt(pos))) {
        pos++;
        while (pos < s.length() && Character.isJavaIdentifierPart(s.charAt(pos))) pos++;
      }
      if (pos == start) throw malformed(start, "expected a name");
      return s.substring(start, pos);
    }

    private void expect(char c, String what) {
      if (peekOrNul() != c) throw malformed(pos, "expected " + what);
      pos++;
    }

    /** The current character; running off the end is a syntax error. */
    private char peek() {
      if (pos >= s.length()) throw malformed(pos, "unexpected end of text");
      return s.charAt(pos);
    }

    private char peekOrNul() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void skipWs() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
    }

    private InvalidArchitectureException malformed(int at, String problem) {
      String found = at < s.length() ? "found '" + snippet(at) + "'" : "found end of text";
      return new InvalidArchitectureException("malformed genotype at character " + (at + 1) + ": " + problem
          + ", " + found);
    }

    private String snippet(int at) {
      int end = Math.min(s.length(), at + 12);
      String t = s.substring(at, end).replace('\n', ' ');
      return end < s.length() ? t + "..." : t;
    }
  }
}
