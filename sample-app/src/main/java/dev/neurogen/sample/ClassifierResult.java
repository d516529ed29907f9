package dev.neurogen.sample;

/** What a classifier demo ends with: the final training loss and the two accuracies in [0, 1]. */
record ClassifierResult(double trainLoss, double trainAccuracy, double testAccuracy) {}
