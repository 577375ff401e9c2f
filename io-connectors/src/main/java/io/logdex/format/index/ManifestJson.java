package io.logdex.format.index;

import io.logdex.format.FormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small JSON subset the manifest uses (objects, arrays, strings, integers, booleans, null),
 * written and parsed by hand because io-connectors carries no JSON library. Parse errors name the
 * source and the character offset.
 */
final class ManifestJson {
  private static final int MAX_DEPTH = 16;

  private final String text;
  private final String source;
  private int pos;

  private ManifestJson(String text, String source) {
    this.text = text;
    this.source = source;
  }

  static Object parse(String text, String source) throws FormatException {
    ManifestJson p = new ManifestJson(text, source);
    Object v = p.value(0);
    p.ws();
    if (p.pos != text.length()) throw p.error("trailing characters after the manifest object");
    return v;
  }

  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') sb.append('\\').append(c);
      else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    sb.append('"');
  }

  private FormatException error(String reason) {
    return new FormatException(reason, source, pos);
  }

  private void ws() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
      pos++;
    }
  }

  private Object value(int depth) throws FormatException {
    if (depth > MAX_DEPTH) throw error("manifest nested too deeply");
    ws();
    if (pos >= text.length()) throw error("unexpected end of manifest");
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        throw error("unexpected character '" + c + "'");
    }
  }

  private Object literal(String word, Object v) throws FormatException {
    if (!text.startsWith(word, pos)) throw error("expected " + word);
    pos += word.length();
    return v;
  }

  private Long number() throws FormatException {
    int start = pos;
    if (text.charAt(pos) == '-') pos++;
    while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) pos++;
    if (pos < text.length() && (text.charAt(pos) == '.' || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      throw error("the manifest holds only integers");
    }
    try {
      return Long.parseLong(text.substring(start, pos));
    } catch (NumberFormatException e) {
      pos = start;
      throw error("bad integer");
    }
  }

  private String string() throws FormatException {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) throw error("unterminated string");
      char c = text.charAt(pos++);
      if (c == '"') return sb.toString();
      if (c == '\\') {
        if (pos >= text.length()) throw error("unterminated escape");
        char e = text.charAt(pos++);
        switch (e) {
          case '"':
          case '\\':
          case '/':
            sb.append(e);
            break;
          case 'n':
            sb.append('\n');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'r':
            sb.append('\r');
            break;
          case 'b':
            sb.append('\b');
            break;
          case 'f':
            sb.append('\f');
            break;
          case 'u':
            if (pos + 4 > text.length()) throw error("bad \\u escape");
            try {
              sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            pos += 4;
            break;
          default:
            throw error("bad escape \\" + e);
        }
      } else if (c < 0x20) {
        throw error("control character in string");
      } else {
        sb.append(c);
      }
    }
  }

  private Map<String, Object> object(int depth) throws FormatException {
    pos++;
    Map<String, Object> m = new LinkedHashMap<>();
    ws();
    if (pos < text.length() && text.charAt(pos) == '}') {
      pos++;
      return m;
    }
    while (true) {
      ws();
      if (pos >= text.length() || text.charAt(pos) != '"') throw error("expected a key");
      String k = string();
      ws();
      if (pos >= text.length() || text.charAt(pos) != ':') throw error("expected ':'");
      pos++;
      if (m.containsKey(k)) throw error("duplicate key \"" + k + "\"");
      m.put(k, value(depth + 1));
      ws();
      if (pos >= text.length()) throw error("unterminated object");
      char c = text.charAt(pos++);
      if (c == '}') return m;
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) throws FormatException {
    pos++;
    List<Object> l = new ArrayList<>();
    ws();
    if (pos < text.length() && text.charAt(pos) == ']') {
      pos++;
      return l;
    }
    while (true) {
      l.add(value(depth + 1));
      ws();
      if (pos >= text.length()) throw error("unterminated array");
      char c = text.charAt(pos++);
      if (c == ']') return l;
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']'");
      }
    }
  }
}
