package org.nasbowl.experiments.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (or "development" when run from classes). */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = NasbowlCli.class.getPackage().getImplementationVersion();
    return new String[] {"nasbowl " + (v == null ? "development" : v) + ", Java " + System.getProperty("java.version")};
  }
}
