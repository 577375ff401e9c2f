package io.logdex.io.oplog;

import java.nio.charset.CharacterCodingException;
import java.util.List;

/**
 * Splits one TSV or CSV line into cells. TSV has no quoting: every tab separates. CSV follows
 * RFC 4180 within the line: a cell may be quoted, {@code ""} inside quotes is one quote, and the
 * closing quote must end the cell. A quoted cell still open at the end of the line would continue
 * on the next line, which this line-at-a-time reader does not support, so the line is rejected
 * (and so, usually, is the rest of that record on the next line).
 */
final class DelimitedLine {
  private final boolean csv;
  private final Utf8Text utf8 = new Utf8Text();
  private final StringBuilder cell = new StringBuilder();

  DelimitedLine(boolean csv) {
    this.csv = csv;
  }

  /** Clears {@code out} and fills it with the cells of {@code b[off, off+len)}. */
  void split(byte[] b, int off, int len, List<String> out) throws LineRejected {
    out.clear();
    try {
      if (csv) splitCsv(b, off, off + len, out);
      else splitTsv(b, off, off + len, out);
    } catch (CharacterCodingException e) {
      throw new LineRejected("invalid UTF-8 in cell " + (out.size() + 1));
    }
  }

  private void splitTsv(byte[] b, int from, int end, List<String> out)
      throws CharacterCodingException {
    int start = from;
    for (int i = from; i < end; i++) {
      if (b[i] == '\t') {
        out.add(utf8.decode(b, start, i - start));
        start = i + 1;
      }
    }
    out.add(utf8.decode(b, start, end - start));
  }

  private void splitCsv(byte[] b, int from, int end, List<String> out)
      throws CharacterCodingException, LineRejected {
    int i = from;
    while (true) {
      if (i < end && b[i] == '"') {
        // Quoted: collect runs between quotes; "" is a literal quote.
        cell.setLength(0);
        int runStart = ++i;
        while (true) {
          if (i >= end) {
            throw new LineRejected(
                "CSV cell " + (out.size() + 1) + " opens a quote that the line does not close "
                    + "(multi-line CSV records are not supported)");
          }
          if (b[i] == '"') {
            cell.append(utf8.decode(b, runStart, i - runStart));
            if (i + 1 < end && b[i + 1] == '"') {
              cell.append('"');
              i += 2;
              runStart = i;
              continue;
            }
            i++;
            break;
          }
          i++;
        }
        out.add(cell.toString());
        if (i == end) return;
        if (b[i] != ',') {
          throw new LineRejected("CSV cell " + out.size() + " has text after its closing quote");
        }
        i++;
      } else {
        int start = i;
        while (i < end && b[i] != ',') {
          if (b[i] == '"') {
            throw new LineRejected("CSV cell " + (out.size() + 1) + " has a quote but is not quoted");
          }
          i++;
        }
        out.add(utf8.decode(b, start, i - start));
        if (i == end) return;
        i++;
      }
    }
  }
}
