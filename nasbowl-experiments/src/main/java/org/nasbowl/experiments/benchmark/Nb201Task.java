package org.nasbowl.experiments.benchmark;

/** The three NAS-Bench-201 image tasks and where their columns are in the tables. */
public enum Nb201Task {
  /** Task cifar10-valid: trained on the CIFAR-10 train split, validated on x-valid, tested on ori-test. */
  CIFAR10("cifar10", "cifar10-valid", "cifar10_valid_acc", "cifar10_valid_test_acc"),
  CIFAR100("cifar100", "cifar100", "cifar100_valid_acc", "cifar100_test_acc"),
  IMAGENET16("imagenet16", "ImageNet16-120", "imagenet16_valid_acc", "imagenet16_test_acc");

  public final String idSuffix;
  public final String officialName;
  public final String validColumn;
  public final String testColumn;

  Nb201Task(String idSuffix, String officialName, String validColumn, String testColumn) {
    this.idSuffix = idSuffix;
    this.officialName = officialName;
    this.validColumn = validColumn;
    this.testColumn = testColumn;
  }
}
