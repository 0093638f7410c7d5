package org.nasbowl.core.gp;

/** The GP could not be fitted numerically (e.g. the kernel matrix is not positive definite even with jitter). */
public class GpNumericalException extends RuntimeException {
  public GpNumericalException(String message) {
    super(message);
  }
}
