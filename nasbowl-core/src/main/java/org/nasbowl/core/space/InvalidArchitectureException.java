package org.nasbowl.core.space;

/** Thrown when a notation or spec does not describe a valid architecture; the message says what is wrong. */
public class InvalidArchitectureException extends IllegalArgumentException {
  public InvalidArchitectureException(String message) {
    super(message);
  }
}
