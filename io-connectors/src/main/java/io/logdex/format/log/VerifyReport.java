package io.logdex.format.log;

import java.util.List;

/**
 * What {@link LogVerifier#verify} found.
 *
 * @param logLength uncompressed bytes scanned
 * @param records complete records whose every fragment checked out
 * @param payloadBytes their total payload
 * @param damages the first {@link LogVerifier#MAX_REPORTED} damages, in file order
 * @param damageCount all damages found
 */
public record VerifyReport(
    String source,
    boolean compressed,
    int blockSize,
    long logLength,
    long records,
    long payloadBytes,
    List<Damage> damages,
    long damageCount) {

  public boolean clean() {
    return damageCount == 0;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(source).append(": ").append(records).append(" records, ").append(payloadBytes)
        .append(" payload bytes, ").append(damageCount).append(damageCount == 1 ? " damage" : " damages");
    for (Damage d : damages) sb.append("\n  ").append(d);
    if (damageCount > damages.size()) sb.append("\n  ...");
    return sb.toString();
  }
}
