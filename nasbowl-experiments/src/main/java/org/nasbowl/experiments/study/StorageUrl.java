package org.nasbowl.experiments.study;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A study storage URL taken apart, so that its credentials are handled as values and never printed. Accepted
 * forms: {@code jdbc:sqlite:FILE}, and {@code jdbc:postgresql://[USER[:PASSWORD]@]HOST[:PORT][,...]/DB[?K=V&...]}
 * with the password in the user-info part (percent-encode {@code : @ / ? #} there) or in a {@code password}
 * parameter (percent-encode {@code &} there, as the PostgreSQL driver decodes parameters).
 *
 * @param driverUrl the URL given to the driver: without user-info and without any password parameter (those are
 *     passed as connection properties, so no driver or pool message can quote them)
 * @param user the user of the user-info part, or null
 * @param password the password (decoded) from the user-info part or the password parameter, or null
 * @param display the URL for messages: every password, and every parameter that is not {@code key=value}, as
 *     {@code ***}
 */
public record StorageUrl(String driverUrl, String user, String password, String display) {

  /** Takes a URL apart; any URL is accepted here (the dialect is checked by {@link Dialect#of}). */
  public static StorageUrl parse(String raw) {
    int scheme = raw.indexOf("://");
    if (scheme < 0) return new StorageUrl(raw, null, null, raw);
    String head = raw.substring(0, scheme + 3);
    String rest = raw.substring(scheme + 3);
    int q = rest.indexOf('?');
    String beforeQuery = q < 0 ? rest : rest.substring(0, q);
    String query = q < 0 ? null : rest.substring(q + 1);
    int at = beforeQuery.lastIndexOf('@');
    String user = null;
    String password = null;
    String shownUserInfo = "";
    String hostPath = beforeQuery;
    if (at >= 0) {
      String info = beforeQuery.substring(0, at);
      hostPath = beforeQuery.substring(at + 1);
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      if (colon >= 0) {
        password = decode(info.substring(colon + 1));
        Secrets.register(info.substring(colon + 1));
        Secrets.register(password);
      }
      shownUserInfo = (colon < 0 ? info : info.substring(0, colon) + ":***") + "@";
    }
    List<String> kept = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    if (query != null) {
      for (String param : query.split("&", -1)) {
        int eq = param.indexOf('=');
        String key = eq < 0 ? param : param.substring(0, eq);
        if (eq < 0) {
          // A token without '=' (for example the tail of a password with a raw '&'): never shown.
          if (!param.isEmpty()) {
            Secrets.register(param);
            shown.add("***");
          }
          continue;
        }
        String value = param.substring(eq + 1);
        if (key.toLowerCase(Locale.ROOT).contains("password")) {
          Secrets.register(value);
          String decoded = decode(value);
          Secrets.register(decoded);
          if (key.equalsIgnoreCase("password")) password = decoded;
          else kept.add(param);
          shown.add(key + "=***");
        } else {
          kept.add(param);
          shown.add(param);
        }
      }
    }
    String driver = head + hostPath + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    String display = head + shownUserInfo + hostPath + (shown.isEmpty() ? "" : "?" + String.join("&", shown));
    return new StorageUrl(driver, user, password, display);
  }

  /** Registers the URL's passwords with {@link Secrets} (parsing it as {@link #parse} does). */
  public static void registerSecrets(String raw) {
    parse(raw);
  }

  /** The URL as messages show it. */
  public static String redact(String raw) {
    return Secrets.scrub(parse(raw).display());
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s; // a malformed escape: the driver gets it as it is
    }
  }
}
